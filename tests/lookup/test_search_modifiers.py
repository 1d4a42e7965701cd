"""Modifiers as search results: what a coder sees for a modifier typed as coders write it."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lookup.models import Modifier
from tests.conftest import make_code, make_system

# Level II modifiers and codes as the CMS HCPCS file words them.
HCPCS_MODIFIERS = {
    "LT": "Left side (used to identify procedures performed on the left side of the body)",
    "RT": "Right side (used to identify procedures performed on the right side of the body)",
    "E1": "Upper left, eyelid",
    "XS": "Separate structure, a service that is distinct because it was performed on a "
    "separate organ/structure",
    "GA": "Waiver of liability statement issued as required by payer policy, individual case",
    "GU": "Waiver of liability statement issued as required by payer policy, routine notice",
    "GY": "Item or service statutorily excluded, does not meet the definition of any medicare "
    "benefit",
    "GT": "Via interactive audio and video telecommunication systems",
    "TC": "Technical component; under certain circumstances, a charge may be made for the "
    "technical component alone",
    "T1": "Left foot, second digit",
    "TA": "Left foot, great toe",
    "FT": "Unrelated evaluation and management (e/m) visit on the same day as another e/m visit "
    "or during a global procedure",
}
HCPCS_CODES = {
    "S9434": "Modified solid food supplements for inborn errors of metabolism",
    "L6805": "Addition to terminal device, modifier wrist unit",
    "V5014": "Repair/modification of a hearing aid",
}


@pytest.fixture
def modifier_catalogue(icd):
    hcpcs = make_system("hcpcs")
    for code, descriptor in HCPCS_MODIFIERS.items():
        Modifier.objects.create(
            system=hcpcs, code=code, short_descriptor=descriptor[:28], long_descriptor=descriptor
        )
    for code, descriptor in HCPCS_CODES.items():
        make_code(code, hcpcs, short_descriptor=descriptor[:28], long_descriptor=descriptor)
    for code, side in [("H10.32", "left"), ("H10.31", "right")]:
        title = f"Unspecified acute conjunctivitis, {side} eye"
        make_code(code, icd, short_descriptor=title, long_descriptor=title)
    make_code("H10.33", icd, short_descriptor="Unsp acute conjunctivitis, bilateral")
    return hcpcs


def result_links(client, query: str) -> list[str]:
    """The links of the search page's results, in the order a coder reads them."""
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return re.findall(r'<li>\s*<a href="([^"]+)"', response.content.decode())


def suggested_urls(client, query: str) -> list[str]:
    response = client.get("/search/suggest", {"q": query})
    assert response.status_code == 200
    return [each["url"] for each in json.loads(response.content)["suggestions"]]


@pytest.mark.parametrize(
    "query",
    ["modifier 59", "59 modifier", "-59", "mod -59", "Modifier 59", "mod 59", "cpt modifier 59"],
)
def test_a_cpt_modifier_by_number_leads_to_its_row_of_the_modifier_page(
    client, modifier_catalogue, query
):
    assert result_links(client, query) == ["/codes/hcpcs/modifiers/#modifier-59"]


@pytest.mark.parametrize("query", ["modifer 24", "modifiers 24", "24 modifire"])
def test_modifier_typed_with_a_slip_still_asks_for_the_modifier(client, modifier_catalogue, query):
    assert result_links(client, query) == ["/codes/hcpcs/modifiers/#modifier-24"]


def test_a_word_one_letter_from_modifier_is_read_as_itself(client, modifier_catalogue):
    links = result_links(client, "modified solid food")

    assert links == ["/codes/hcpcs/S9434/"]


def test_modifier_50_is_the_bilateral_modifier_not_codes_saying_modification(
    client, modifier_catalogue
):
    html = client.get("/search/", {"q": "modifier 50"}).content.decode()

    assert result_links(client, "modifier 50") == ["/codes/hcpcs/modifiers/#modifier-50"]
    assert "Bilateral procedure" in html
    for code in HCPCS_CODES:
        assert f"/codes/hcpcs/{code}/" not in html


def test_a_level_two_modifier_named_with_the_word_modifier(client, modifier_catalogue):
    html = client.get("/search/", {"q": "XS modifier"}).content.decode()

    assert result_links(client, "XS modifier") == ["/codes/hcpcs/modifiers/#modifier-XS"]
    assert "HCPCS Level II modifier XS" in html and "Separate structure" in html


@pytest.mark.parametrize("query", ["LT modifier", "modifier LT", "- LT"])
def test_a_level_two_modifier_asked_for_by_its_letters_is_all_a_coder_gets(
    client, modifier_catalogue, query
):
    assert result_links(client, query) == ["/codes/hcpcs/modifiers/#modifier-LT"]


def test_a_bare_level_two_modifier_comes_before_the_codes(client, modifier_catalogue):
    html = client.get("/search/", {"q": "GY"}).content.decode()

    assert result_links(client, "GY")[0] == "/codes/hcpcs/modifiers/#modifier-GY"
    assert "HCPCS Level II modifier GY" in html and "Item or service statutorily excluded" in html


def test_a_modifier_typed_with_words_it_says_is_that_modifier(client, modifier_catalogue):
    links = result_links(client, "GU waiver")

    assert links[0] == "/codes/hcpcs/modifiers/#modifier-GU"
    assert "/codes/hcpcs/modifiers/#modifier-GA" not in links


def test_lt_lists_the_left_side_modifier_before_eye_codes(client, modifier_catalogue):
    links = result_links(client, "LT")

    assert links[0] == "/codes/hcpcs/modifiers/#modifier-LT"
    assert "/codes/hcpcs/modifiers/#modifier-E1" not in links  # "Upper left, eyelid"


@pytest.mark.parametrize(
    ("query", "modifier"),
    [
        ("bilateral modifier", "50"),
        ("distinct procedural service", "59"),
        ("left side modifier", "LT"),
        ("modifier for the right side", "RT"),
        ("procedure repeated by same physician", "76"),
        ("two surgeons on one procedure", "62"),
        ("services reduced", "52"),
        ("unrelated E/M in postop period", "24"),
        ("assistant surgeon, no qualified resident", "82"),
        ("technical component", "TC"),
        ("signed ABN modifier", "GA"),
        ("left foot great toe", "TA"),
    ],
)
def test_a_modifier_is_found_by_what_it_reports(client, modifier_catalogue, query, modifier):
    assert result_links(client, query)[0] == f"/codes/hcpcs/modifiers/#modifier-{modifier}"


def test_telemedicine_modifier_offers_cpt_s_and_level_two_s(client, modifier_catalogue):
    links = result_links(client, "telemedicine modifier")

    assert {"/codes/hcpcs/modifiers/#modifier-95", "/codes/hcpcs/modifiers/#modifier-GT"} <= set(
        links[:3]
    )


def test_words_of_a_modifier_name_cut_short_name_no_modifier(client, modifier_catalogue):
    """ "Left foot" starts the names of a modifier per toe: it names none of them."""
    links = result_links(client, "left foot")

    assert not any("modifiers" in link for link in links)


def test_words_that_only_share_a_modifier_description_bring_no_modifier(client, modifier_catalogue):
    links = result_links(client, "acute conjunctivitis left eye")

    assert links[0] == "/codes/icd-10-cm/H10.32/"
    assert not any("modifiers" in link for link in links)


def test_a_search_limited_to_icd_10_cm_offers_no_modifier(client, modifier_catalogue, icd):
    response = client.get("/search/", {"q": "LT", "system": "icd-10-cm"})

    assert "/codes/hcpcs/modifiers/" not in response.content.decode()


def test_suggest_offers_the_modifier_first(client, modifier_catalogue):
    assert suggested_urls(client, "modifier 59") == ["/codes/hcpcs/modifiers/#modifier-59"]
    assert suggested_urls(client, "LT")[0] == "/codes/hcpcs/modifiers/#modifier-LT"
    response = client.get("/search/suggest", {"q": "-25"})
    first = json.loads(response.content)["suggestions"][0]
    assert first["system"] == "CPT modifier" and first["code"] == "25"


def test_the_modifier_page_has_one_anchor_per_modifier_and_cpt_in_our_words(
    client, modifier_catalogue
):
    html = client.get("/codes/hcpcs/modifiers/").content.decode()

    anchors = re.findall(r'id="modifier-([A-Z0-9]{2})"', html)
    assert len(anchors) == len(set(anchors))
    assert {"59", "50", "25", "LT", "XS"} <= set(anchors)
    assert "Distinct procedural service" in html
    assert "Left side (used to identify procedures" in html


def test_search_page_queries_do_not_grow_with_modifier_results(
    modifier_catalogue, served_search, django_capture_on_commit_callbacks
):
    client = served_search

    def queries_for(query: str) -> tuple[int, str]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        return len(captured), response.content.decode()

    few_count, few = queries_for("left modifier")
    with django_capture_on_commit_callbacks(execute=True):  # an editor's saves, committed
        for number in range(1, 10):
            Modifier.objects.create(
                system=modifier_catalogue,
                code=f"Q{number}",
                short_descriptor="Left",
                long_descriptor=f"Left limb, item number {number}",
            )
    many_count, many = queries_for("left modifier")

    assert many_count == few_count
    assert few.count("/codes/hcpcs/modifiers/#modifier-") == 4  # LT, E1, T1 and TA
    assert many.count("/codes/hcpcs/modifiers/#modifier-") == 5  # the best five
    assert "/codes/hcpcs/modifiers/#modifier-LT" in many


def test_a_bare_letter_and_digit_is_a_code_prefix_and_asks_no_modifier(
    modifier_catalogue, served_search, django_assert_max_num_queries
):
    client = served_search
    make_code("E1010", make_system("hcpcs"), short_descriptor="Wheelchair part")
    with django_assert_max_num_queries(4):
        links = result_links(client, "E1")

    assert links == ["/codes/hcpcs/E1010/"]
    assert result_links(client, "E1 modifier") == ["/codes/hcpcs/modifiers/#modifier-E1"]
