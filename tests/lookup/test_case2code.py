"""Case2Code through the HTTP client: the Alphabetic Index, the dictionary and the ranking rules,
on the small catalogue of tests/lookup/conftest.py (the same tests on both databases)."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from lookup.models import Code, IndexTerm, SearchSynonym
from lookup.search.synonyms import load_seed_synonyms
from tests.conftest import make_code, make_user


@pytest.fixture
def ckd_entry(index_catalogue) -> SearchSynonym:
    """An editor's entry: CKD is an evaluation query, so the seed may not hold it."""
    return SearchSynonym.objects.create(term="ckd", expansion="chronic kidney disease")


def result_codes(client, query: str, **params) -> list[str]:
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return re.findall(
        r'class="code-list__code">[^<]* ([A-Z0-9.]+)</span>', response.content.decode()
    )


def results_page(client, query: str) -> str:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("kidney stone", "N20.0"),  # Stone > kidney
        ("Calculus, kidney", "N20.0"),
        ("Shingles", "B02.9"),  # see Herpes, zoster
        ("zoster", "B02.9"),
        ("Neoplasm, liver, secondary", "C78.7"),  # the Neoplasm Table's column
        ("cancer spread to liver", "C78.7"),  # dictionary words into the same path
        ("CKD", "N18.9"),
        ("CKD stage 3", "N18.30"),
        ("dog bite", "W54.0XXA"),  # External Cause Index, then its initial encounter
    ],
)
def test_the_index_code_for_a_term_comes_first(client, ckd_entry, query, first):
    assert result_codes(client, query)[0] == first


def test_laterality_and_site_words_narrow_to_the_leaf(client, index_catalogue):
    # Abscess > arm leads to the header L02.41-; "left" and the dictionary's arm = upper limb
    # pick the leaf a coder reports.
    assert result_codes(client, "abscess left arm")[0] == "L02.414"
    assert result_codes(client, "abscess right arm")[0] == "L02.413"
    assert result_codes(client, "fracture right wrist")[0] == "S62.101A"
    assert result_codes(client, "fx left wrist")[0] == "S62.102A"


def test_a_billable_code_ranks_above_its_header(client, index_catalogue):
    # The FY2025 index sends "multiple sclerosis" to G35, which FY2026 split into subcodes.
    found = result_codes(client, "multiple sclerosis")
    assert found[0] == "G35.D"  # the unspecified subcode, with nothing more said
    assert found.index("G35.A") < found.index("G35")


def test_results_say_why_they_matched(client, ckd_entry):
    html = results_page(client, "CKD")
    assert (
        "Matched by Index: Disease \u203a kidney \u203a chronic; CKD = chronic kidney disease"
        in html
    )
    assert "Index: Shingles (see Herpes, zoster)" in results_page(client, "shingles")


def test_hcpcs_descriptors_are_searched_by_the_same_rules(client, index_catalogue):
    assert result_codes(client, "walker")[:2] == ["E0130", "E0155"]
    assert result_codes(client, "oxygen concentrator")[0] == "E1390"


def test_misspelt_words_are_corrected_outside_dictionary_terms(client, index_catalogue):
    html = results_page(client, "shingels")
    assert "Showing results for <strong>shingles</strong>" in html
    assert result_codes(client, "shingels")[0] == "B02.9"


def test_suggest_reads_the_dictionary_and_the_index(client, ckd_entry):
    response = client.get("/search/suggest", {"q": "ckd"})
    codes = [each["code"] for each in json.loads(response.content)["suggestions"]]
    assert codes[0] == "N18.9"


def suggested_codes(client, typed: str) -> list[str]:
    response = client.get("/search/suggest", {"q": typed})
    assert response.status_code == 200
    return [each["code"] for each in json.loads(response.content)["suggestions"]]


def test_an_editors_change_in_the_admin_shows_on_the_next_search_and_suggestion(
    client, ckd_entry, django_capture_on_commit_callbacks
):
    # Searched and suggested first: the dictionary is held and the suggestions cached.
    assert result_codes(client, "nephrolith") == []
    assert suggested_codes(client, "nephrolith") == []
    assert result_codes(client, "CKD")[0] == "N18.9"
    editor = make_user("editor@example.org", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    admin = Client()
    admin.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):  # each admin request commits
        added = admin.post(
            "/admin/lookup/searchsynonym/add/",
            {"term": "nephrolith", "expansion": "calculus of kidney", "kind": "lay",
             "enabled": "on"},
        )  # fmt: skip
        unticked = admin.post(
            f"/admin/lookup/searchsynonym/{ckd_entry.pk}/change/",
            {"term": "ckd", "expansion": "chronic kidney disease", "kind": "abbreviation",
             "enabled": ""},
        )  # fmt: skip

    assert added.status_code == unticked.status_code == 302
    assert result_codes(client, "nephrolith")[0] == "N20.0"
    assert suggested_codes(client, "nephrolith")[0] == "N20.0"
    assert "N18.9" not in result_codes(client, "CKD")


def test_a_seed_loaded_by_another_process_shows_on_the_next_search(
    client, index_catalogue, tmp_path, django_capture_on_commit_callbacks
):
    assert result_codes(client, "nephrolith") == []
    seed = tmp_path / "synonyms.tsv"
    seed.write_text("nephrolith\tcalculus of kidney\tlay\n")

    with django_capture_on_commit_callbacks(execute=True):  # the loader's commit
        load_seed_synonyms(seed)

    assert result_codes(client, "nephrolith")[0] == "N20.0"


def test_search_queries_do_not_grow_with_the_index(
    client, index_catalogue, django_assert_max_num_queries
):
    with django_assert_max_num_queries(13):
        results_page(client, "abscess left arm")
    # Ten times as many index terms and codes under the header: the same queries.
    limb = Code.objects.get(code="L02.41")
    for number in range(5, 9):
        make_code(f"L02.41{number}", limb.system, short_descriptor=f"Abscess {number}")
    IndexTerm.objects.bulk_create(
        IndexTerm(code=limb, source="main", path=f"Abscess \u203a limb {n}", index_code="L02.41-",
                  terms=f"abscess | limb {n}", position=1000 + n)
        for n in range(200)
    )  # fmt: skip
    with django_assert_max_num_queries(13):
        results_page(client, "abscess left arm")


def test_a_code_typed_as_it_is_spelt_goes_to_that_code(client, index_catalogue):
    # HCPCS J1100 as typed; ICD-10-CM J11.00 only once a dot is added.
    make_code("J11.00", index_catalogue["N20.0"].system, short_descriptor="Influenza")
    make_code("J1100", index_catalogue["E0130"].system, short_descriptor="Dexamethasone inj")
    response = client.get("/search/", {"q": "j1100"})
    assert response.status_code == 302
    assert response["Location"] == "/codes/hcpcs/J1100/"


def test_brand_names_find_the_drug_billed_by_its_generic_name(client, index_catalogue):
    hcpcs = index_catalogue["E0130"].system
    make_code("J1885", hcpcs, short_descriptor="Ketorolac tromethamine inj",
              long_descriptor="Injection, ketorolac tromethamine, per 15 mg")  # fmt: skip
    page = results_page(client, "Toradol injection")
    assert result_codes(client, "Toradol injection")[0] == "J1885"
    assert "toradol = ketorolac" in page


def test_a_possessive_typed_without_apostrophe_finds_the_name(client, index_catalogue):
    make_code("G51.0", index_catalogue["N20.0"].system, short_descriptor="Bell's palsy",
              long_descriptor="Bell's palsy")  # fmt: skip
    assert result_codes(client, "bells palsy")[0] == "G51.0"


def test_an_import_tidies_the_search_indexes_once_committed(
    client, db, django_capture_on_commit_callbacks
):
    from lookup.importers.base import catalogue_rewritten
    from lookup.importers.hcpcs import import_hcpcs_file

    from .conftest import DATA

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_hcpcs_file(DATA / "HCPC2026_JAN_excerpt.txt")
    assert catalogue_rewritten in callbacks
    # The merged indexes answer as before.
    assert result_codes(client, "influenza vaccine administration")[0] == "G0008"
