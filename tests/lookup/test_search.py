"""Case2Code search and suggest through the HTTP client: the same tests on both databases."""

import json
import re

import pytest

from lookup.selectors import catalogue_changed
from tests.conftest import make_code, make_section, make_system


@pytest.fixture
def catalogue(biopsy, cpt, icd):
    """Two CPT biopsy codes, an HCPCS code and an ICD-10-CM branch with an inclusion term."""
    make_code(
        "27324",
        cpt,
        short_descriptor="Biopsy soft tissue thigh or knee deep",
        long_descriptor="Biopsy, soft tissue of thigh or knee area; deep",
    )
    make_code("99213", cpt, short_descriptor="Office outpatient visit established patient")
    hcpcs = make_system("hcpcs", name="HCPCS Level II")
    make_code("G0008", hcpcs, short_descriptor="Admin influenza virus vac")
    chapter = make_code("19", icd, level="chapter", short_descriptor="Injury and poisoning")
    block = make_code("S70-S79", icd, level="block", parent=chapter, short_descriptor="Hip")
    category = make_code(
        "S72",
        icd,
        parent=block,
        billable=False,
        short_descriptor="Fracture of femur",
        long_descriptor="Fracture of femur",
    )
    neck = make_code(
        "S72.00",
        icd,
        parent=category,
        billable=False,
        short_descriptor="Fracture of unspecified part of neck of femur",
        search_terms="Fracture of hip NOS\nFracture of neck of femur NOS",
    )
    right = make_code(
        "S72.001",
        icd,
        parent=neck,
        billable=False,
        short_descriptor="Fracture of unsp part of neck of right femur",
    )
    make_code(
        "S72.001A",
        icd,
        parent=right,
        short_descriptor="Fx unsp part of neck of right femur, init for clos fx",
        long_descriptor="Fracture of unspecified part of neck of right femur, "
        "initial encounter for closed fracture",
    )
    return {"cpt": cpt, "icd": icd, "hcpcs": hcpcs}


def page(client, **params) -> str:
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def suggestions(client, **params) -> list[dict]:
    response = client.get("/search/suggest", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)["suggestions"]


@pytest.mark.parametrize("query", ["S72.001A", "s72.001a", "s72001a", " S72001A "])
def test_exact_icd_code_in_any_spelling_goes_to_its_page(client, catalogue, query):
    response = client.get("/search/", {"q": query})

    assert response.status_code == 302
    assert response.headers["Location"] == "/codes/icd-10-cm/S72.001A/"


def test_code_prefix_lists_codes_under_it_in_code_order(client, catalogue):
    html = page(client, q="2732")

    assert html.index("/codes/cpt/27323/") < html.index("/codes/cpt/27324/")
    assert "/codes/cpt/99213/" not in html


@pytest.mark.parametrize("query", ["S72.0", "s720"])
def test_icd_prefix_with_or_without_dot_lists_the_branch(client, catalogue, query):
    html = page(client, q=query)

    assert html.index("/codes/icd-10-cm/S72.00/") < html.index("/codes/icd-10-cm/S72.001A/")
    assert "/codes/cpt/" not in html


def test_every_word_must_match(client, catalogue):
    html = page(client, q="biopsy deep")

    assert "/codes/cpt/27324/" in html
    assert "/codes/cpt/27323/" not in html


def test_words_are_stemmed(client, catalogue):
    html = page(client, q="biopsies thighs")

    assert "/codes/cpt/27323/" in html and "/codes/cpt/27324/" in html


def test_a_reportable_code_comes_before_its_header_with_matches_highlighted(client, catalogue):
    html = page(client, q="fracture femur")

    assert html.index("/codes/icd-10-cm/S72.001A/") < html.index("/codes/icd-10-cm/S72/")
    assert "<mark>Fracture</mark> of <mark>femur</mark>" in html


def test_inclusion_terms_are_searched(client, catalogue):
    html = page(client, q="hip fracture")

    assert "/codes/icd-10-cm/S72.00/" in html


def test_a_misspelt_word_still_finds_its_code(client, catalogue):
    html = page(client, q="biospy thigh")

    assert "/codes/cpt/27323/" in html
    assert "Showing results for <strong>biopsy thigh</strong>" in html


def test_results_show_where_a_code_sits(client, catalogue):
    html = page(client, q="closed fracture")

    assert 'In <a href="/codes/icd-10-cm/S72.001/">S72.001</a>' in html


def test_system_filter_limits_results(client, catalogue):
    html = page(client, q="biopsy", system="icd-10-cm")

    assert "/codes/cpt/27323/" not in html
    assert "No codes match" in html


def test_billable_filter_leaves_out_categories(client, catalogue):
    html = page(client, q="femur", billable="1")

    assert "/codes/icd-10-cm/S72.001A/" in html
    assert "/codes/icd-10-cm/S72/" not in html


@pytest.mark.parametrize(
    "query",
    [
        '"biopsy',
        "biopsy OR 1=1",
        "'; DROP TABLE lookup_code; --",
        "NEAR(biopsy thigh)",
        "biopsy*",
        "thigh -knee",
        "é ü ß 骨折",
        "💥",
        "%_\\",
        "a" * 200,
        "\x00",
    ],
)
def test_odd_input_gets_a_page_never_an_error(client, catalogue, query):
    search = client.get("/search/", {"q": query})
    suggest = client.get("/search/suggest", {"q": query})

    assert search.status_code in (200, 302)
    assert suggest.status_code == 200


def test_input_without_letters_or_digits_explains_what_to_type(client, catalogue):
    html = page(client, q='"*" -- ()')

    assert "Search with letters or digits" in html


def test_suggest_returns_code_title_system_and_url(client, catalogue):
    found = suggestions(client, q="biopsy thig")

    assert {
        "code": "27323",
        "title": "Biopsy soft tissue thigh or knee superficial",
        "system": "CPT",
        "url": "/codes/cpt/27323/",
    } in found


def test_suggest_completes_a_code_prefix(client, catalogue):
    found = suggestions(client, q="s72.00")

    assert [item["code"] for item in found] == ["S72.00", "S72.001", "S72.001A"]


def test_suggest_returns_at_most_ten(client, cpt):
    for number in range(15):
        make_code(f"2{number:04d}", cpt, short_descriptor="Repair of tendon")

    assert len(suggestions(client, q="tendon")) == 10
    assert len(suggestions(client, q="2")) == 10


def test_suggest_for_empty_input_is_an_empty_list(client, catalogue):
    assert suggestions(client, q="  ") == []


def test_gated_section_text_never_reaches_search_or_suggest(client, catalogue, biopsy):
    make_section(biopsy, "faq", body="Zanzibarquux gated marker", gated=True)

    by_marker = page(client, q="zanzibarquux")
    by_code = page(client, q="biopsy")
    suggested = client.get("/search/suggest", {"q": "zanzibar"}).content.decode()
    suggested_by_code = client.get("/search/suggest", {"q": "biopsy"}).content.decode()

    assert "/codes/cpt/27323/" not in by_marker
    for body in [by_marker, by_code, suggested, suggested_by_code]:
        assert "Zanzibarquux" not in body and "GATED-FEES-TEXT" not in body


def test_search_box_offers_autocomplete_through_a_script_file(client, catalogue):
    html = client.get("/").content.decode()

    assert 'data-suggest-url="/search/suggest"' in html
    assert "/static/js/suggest.js" in html
    assert "<script>" not in html


def test_search_page_queries_do_not_grow_with_results(
    client, catalogue, django_assert_max_num_queries
):
    # Code systems, the word list, index terms, the descriptor search (bound and ranking),
    # the candidates, the codes under up to four index headers, the results; the dictionary
    # is held per catalogue generation.
    with django_assert_max_num_queries(12):
        words = page(client, q="fracture")
    with django_assert_max_num_queries(6):
        prefix = page(client, q="S7")

    # The results themselves, so that a page without them can't pass (page() checks the 200).
    for code in ["S72", "S72.00", "S72.001", "S72.001A"]:
        link = f'href="/codes/icd-10-cm/{code}/"'
        assert link in words and link in prefix
    assert "/codes/cpt/" not in words and "/codes/cpt/" not in prefix


def test_a_correction_that_finds_nothing_is_not_offered(client, catalogue):
    html = page(client, q="biospy zebra")

    assert "Showing results for" not in html
    assert "No codes match" in html


def test_descriptors_are_escaped_in_results_and_highlights(client, cpt):
    make_code("29999", cpt, short_descriptor='Unlisted <script>alert("x")</script> arthroscopy')

    html = page(client, q="unlisted arthroscopy")

    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html and "<mark>Unlisted</mark>" in html


@pytest.mark.parametrize("query", ["tihgh biopsy", "thigh bopsy", "biopsy thighh"])
def test_swapped_missing_and_extra_letters_are_corrected(client, catalogue, query):
    assert "/codes/cpt/27323/" in page(client, q=query)


def test_suggest_can_be_limited_to_one_system(client, catalogue):
    found = suggestions(client, q="fracture", system="cpt")

    assert found == []
    assert suggestions(client, q="fracture", system="icd-10-cm")


@pytest.fixture
def many_knee_codes(db):
    hcpcs = make_system("hcpcs", name="HCPCS Level II")
    for number in range(75):
        make_code(
            f"L{1800 + number}",
            hcpcs,
            short_descriptor=f"Ko immob canvas long pre ots {number}",
            long_descriptor=f"Knee orthosis, immobilizer, canvas longitudinal, model {number}",
        )
    return hcpcs


def test_code_prefix_results_page_past_the_first_thirty(client, many_knee_codes):
    first = page(client, q="L18")
    second = page(client, q="L18", page="2")
    third = page(client, q="L18", page="3")

    assert "Codes 1 to 30" in first and 'href="?q=L18&amp;page=2" rel="next"' in first
    assert "Codes 31 to 60" in second and "/codes/hcpcs/L1830/" in second
    assert "/codes/hcpcs/L1829/" not in second
    assert 'rel="prev"' in third and 'rel="next"' not in third
    assert "/codes/hcpcs/L1874/" in third


def test_words_results_page_through_the_ranked_codes_keeping_the_filters(client, many_knee_codes):
    first = page(client, q="knee orthosis", system="hcpcs")
    second = page(client, q="knee orthosis", system="hcpcs", page="2")

    first_codes = set(re.findall(r"/codes/hcpcs/(L\d+)/", first))
    second_codes = set(re.findall(r"/codes/hcpcs/(L\d+)/", second))
    assert len(first_codes) == 30 and second_codes and not first_codes & second_codes
    assert 'href="?q=knee+orthosis&amp;system=hcpcs&amp;page=2" rel="next"' in first


def test_a_page_past_the_last_says_so_and_a_bad_page_number_shows_the_first(
    client, many_knee_codes
):
    past = page(client, q="L18", page="9")
    bad = page(client, q="L18", page="²")

    assert "There are no more codes for “L18”" in past
    assert "Codes 1 to 30" in bad


def test_lists_show_the_official_descriptor_where_the_short_one_is_cryptic(client, many_knee_codes):
    html = page(client, q="L180")

    assert "Knee orthosis, immobilizer, canvas longitudinal, model 0" in html
    assert "Ko immob canvas long pre ots 0" not in html


# Suggestions kept in the shared cache until the catalogue changes (suggestions.py).


def test_the_same_letters_again_are_answered_without_a_search(
    client, catalogue, settings, django_assert_num_queries
):
    settings.REDIS_URL = "redis://cache.internal:6379/0"  # a cache every process shares
    first = suggestions(client, q="biopsy thig")

    with django_assert_num_queries(0):
        assert suggestions(client, q="biopsy thig") == first
    assert "27323" in [item["code"] for item in first]


def test_without_a_shared_cache_suggestions_follow_another_process_import(
    client, catalogue, cpt, settings
):
    settings.REDIS_URL = ""  # each process its own cache, as under make run
    assert "27399" not in [item["code"] for item in suggestions(client, q="biopsy thig")]

    # The task worker's import: the generation it renews is in that process's cache alone.
    make_code("27399", cpt, short_descriptor="Biopsy thigh deep tissue")

    assert "27399" in [item["code"] for item in suggestions(client, q="biopsy thig")]


def test_suggestions_follow_a_catalogue_change(client, catalogue, cpt):
    assert "27399" not in [item["code"] for item in suggestions(client, q="biopsy thig")]

    make_code("27399", cpt, short_descriptor="Biopsy thigh deep tissue")
    catalogue_changed()  # as the committed save does

    assert "27399" in [item["code"] for item in suggestions(client, q="biopsy thig")]


def test_each_system_keeps_its_own_suggestions(client, catalogue):
    assert suggestions(client, q="fracture")

    assert suggestions(client, q="fracture", system="cpt") == []


def test_a_prefix_past_its_words_stem_still_suggests_them(client, catalogue):
    # "superficial" is stored as its stem "superfici", which "superficia" does not begin.
    assert "27323" in [item["code"] for item in suggestions(client, q="biopsy superficia")]
