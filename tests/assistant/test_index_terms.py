"""The index terms a code page lists (ICD-10-CM's Alphabetic Index entries leading to the code)
are in CasePilot's index: a sentence an entry, found by their words, cited to the page's
"Index terms" list, shown to whoever the page shows them to, and rebuilt only where the
index changed."""

import pytest

from assistant.indexing import rebuild_index
from assistant.models import IndexedSection
from lookup.importers.icd10cm_index import import_icd10cm_index
from tests.assistant.conftest import ask, ask_json
from tests.conftest import make_section
from tests.lookup.conftest import (
    INDEX_FILES,
    index_catalogue,  # noqa: F401  (a fixture, shared)
)


@pytest.fixture
def indexed_terms(index_catalogue):  # noqa: F811
    """The index excerpts imported over their codes; the import writes in bulk, and the
    rebuild after it (as after `make import-icd10cm`) indexes the terms."""
    rebuild_index()
    return index_catalogue


def terms_row(code: str) -> IndexedSection:
    return IndexedSection.objects.get(code__code=code, kind="index-terms")


def test_each_index_entry_is_a_sentence_of_its_own(indexed_terms):
    row = terms_row("N20.0")

    assert (row.anchor, row.title, row.gated) == ("index-terms", "Index terms", False)
    assert row.text.splitlines() == [
        "The Alphabetic Index entry “Calculus \u203a kidney” leads to N20.0.",
        "The Alphabetic Index entry “Stone \u203a kidney” leads to N20.0.",
    ]


def test_a_see_reference_and_a_header_are_said_as_the_page_shows_them(indexed_terms):
    assert "The Alphabetic Index entry “Shingles” (see Herpes, zoster) leads to B02.9." in (
        terms_row("B02.9").text.splitlines()
    )
    # Indexed once, on the header the entry leads to (its codes' pages list it too).
    assert "“Abscess \u203a arm” (see Abscess, upper limb) leads to L02.41-." in (
        terms_row("L02.41").text
    )
    assert not IndexedSection.objects.filter(code__code="L02.414", kind="index-terms").exists()


@pytest.mark.parametrize(
    ("question", "code", "entry"),
    [
        ("What is the code for a kidney stone?", "N20.0", "“Stone \u203a kidney”"),
        ("Which index entry leads to B02.9?", "B02.9", "“Shingles” (see Herpes, zoster)"),
        # The code set's name is no word of the topic: its 10 does not drown "shingles".
        ("ICD-10 code for shingles", "B02.9", "“Shingles” (see Herpes, zoster)"),
    ],
)
def test_a_question_is_answered_by_quoting_an_index_entry_with_its_anchor(
    client, indexed_terms, question, code, entry
):
    payload = ask_json(client, question).json()

    quoted = [sentence for sentence in payload["sentences"] if entry in sentence["text"]]
    assert quoted, payload["sentences"]
    source = payload["sources"][quoted[0]["citation"] - 1]
    assert source["url"] == f"/codes/icd-10-cm/{code}/#index-terms"


def test_a_guest_out_of_views_is_told_no_index_entry_of_a_page_the_wall_hides(
    client, indexed_terms
):
    # Pages that hold gated content spend a guest's one view; the wall shows no index terms.
    for code in ["N20.0", "N20.9"]:
        make_section(indexed_terms[code], "guidelines", gated=True)
    client.get("/codes/icd-10-cm/N20.9/")  # the guest's one view
    assert "Stone \u203a kidney" not in client.get("/codes/icd-10-cm/N20.0/").content.decode()

    question = "What is the code for a kidney stone?"
    body = ask(client, question).content + ask_json(client, question).content

    for sentence in terms_row("N20.0").text.splitlines():
        assert sentence.encode() not in body
    assert "Stone \u203a kidney".encode() not in body


def test_a_second_rebuild_writes_nothing_and_an_index_import_change_one_code(
    indexed_terms, tmp_path
):
    again = rebuild_index()
    assert (again.added, again.updated, again.removed) == (0, 0, 0)

    # A new edition of the index adds an entry leading to N20.9; the import rewrites every
    # term, the rebuild after it only the code whose entries changed.
    main = tmp_path / INDEX_FILES["main_path"].name
    main.write_text(INDEX_FILES["main_path"].read_text() + "20,U,0,Urolithiasis,,,,N20.9\n")
    import_icd10cm_index(**(INDEX_FILES | {"main_path": main}))
    changed = rebuild_index()

    assert (changed.added, changed.updated, changed.removed) == (0, 1, 0)
    assert "The Alphabetic Index entry “Urolithiasis” leads to N20.9." in (
        terms_row("N20.9").text.splitlines()
    )
