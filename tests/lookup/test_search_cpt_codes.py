"""Search finds CPT codes as coders type them, those without descriptors too: the CPT codes
the Medicare fee schedule lists have no AMA descriptor until a licensed file is loaded."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lookup.models import Code
from tests.conftest import make_code

WITHOUT_DESCRIPTOR = {"short_descriptor": "", "long_descriptor": "", "description": ""}


@pytest.fixture
def office_visits(cpt):
    """The E/M section, its range of office visits and four codes without descriptors."""
    section = make_code("99202-99499", cpt, level=Code.Level.SECTION, billable=False,
                        short_descriptor="Evaluation and management")  # fmt: skip
    visits = make_code("99202-99215", cpt, level=Code.Level.RANGE, billable=False,
                       parent=section, short_descriptor="Office and outpatient visits")  # fmt: skip
    for code in ["99211", "99212", "99213", "99214"]:
        make_code(code, cpt, parent=visits, **WITHOUT_DESCRIPTOR)
    return visits


@pytest.mark.parametrize("query", ["99213", "cpt 99213", "CPT code 99213", "99213-25", "99213 "])
def test_a_cpt_code_as_coders_type_it_opens_its_page(client, office_visits, query):
    response = client.get("/search/", {"q": query})

    assert response.status_code == 302
    assert response["Location"] == "/codes/cpt/99213/"


def test_a_range_span_is_not_read_as_a_code_and_its_modifier(client, office_visits):
    response = client.get("/search/", {"q": "99202-99215"})

    assert response.status_code == 200


def test_a_code_prefix_lists_the_codes_under_it_titled_by_their_range(client, office_visits):
    html = client.get("/search/", {"q": "9921"}).content.decode()

    for code in ["99211", "99212", "99213", "99214"]:
        assert f'href="/codes/cpt/{code}/"' in html
    assert html.count("Office and outpatient visits (AMA descriptor not loaded)") == 4


def test_suggest_titles_a_code_without_descriptor_by_its_range(client, office_visits):
    suggestions = json.loads(client.get("/search/suggest", {"q": "99213"}).content)["suggestions"]

    assert suggestions[0]["code"] == "99213"
    assert suggestions[0]["title"] == "Office and outpatient visits (AMA descriptor not loaded)"


def test_listing_codes_without_descriptors_costs_no_query_per_code(
    cpt, office_visits, served_search
):
    client = served_search

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            html = client.get("/search/", {"q": "9921"}).content.decode()
        assert "AMA descriptor not loaded" in html
        return len(context)

    few = queries()
    for code in ["99215", "99216", "99217", "99218", "99219"]:
        make_code(code, cpt, parent=office_visits, **WITHOUT_DESCRIPTOR)

    assert queries() == few
