"""CasePilot reads questions through the same search dictionary as Case2Code."""

from assistant import fulltext
from assistant.models import IndexedSection
from lookup.models import SearchSynonym
from tests.conftest import make_code


def add_ckd_entry() -> None:
    SearchSynonym.objects.create(term="ckd", expansion="chronic kidney disease")


def test_an_abbreviation_finds_the_sections_that_spell_it_out(icd):
    add_ckd_entry()
    kidney = make_code(
        "N18.9", icd, short_descriptor="Chronic kidney disease, unspecified",
        long_descriptor="Chronic kidney disease, unspecified",
    )  # fmt: skip
    make_code("R05.9", icd, short_descriptor="Cough, unspecified", long_descriptor="Cough")

    found = fulltext.search_index(["ckd"], include_gated=False)

    assert found
    assert IndexedSection.objects.get(pk=found[0]).code == kidney


def test_a_question_in_abbreviations_is_offered_the_matching_codes(client, icd):
    add_ckd_entry()
    make_code(
        "N18.9", icd, short_descriptor="Chronic kidney disease, unspecified",
        long_descriptor="Chronic kidney disease, unspecified", description="",
    )  # fmt: skip

    html = client.get("/assistant/", {"q": "which code for ckd?"}).content.decode()

    assert 'href="/codes/icd-10-cm/N18.9/"' in html
