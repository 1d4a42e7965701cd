"""List titles keep the words that tell a code from its neighbours, and ranking reads them."""

import json
import re

import pytest

from lookup.models import Code
from lookup.search.dialects import current_dialect
from lookup.search.query import ranked_code_ids
from tests.conftest import make_code, make_system

# As the CMS HCPCS file words them: the short descriptor of A4772 drops "for dialysis".
DIALYSIS_STRIPS = "Blood glucose test strips, for dialysis, per 50"
HOME_STRIPS = "Blood glucose test or reagent strips for home blood glucose monitor, per 50 strips"


@pytest.fixture
def strips(db):
    hcpcs = make_system("hcpcs")
    supplies = make_code(
        "A4000-A4999",
        hcpcs,
        level="section",
        billable=False,
        short_descriptor="Medical and surgical supplies",
        long_descriptor="",
    )
    make_code(
        "A4253",
        hcpcs,
        parent=supplies,
        short_descriptor="Blood glucose/reagent strips",
        long_descriptor=HOME_STRIPS,
    )
    make_code(
        "A4772",
        hcpcs,
        parent=supplies,
        short_descriptor="Blood glucose test strips",
        long_descriptor=DIALYSIS_STRIPS,
    )
    return hcpcs


def result_codes(html: str) -> list[str]:
    return re.findall(r'<li>\s*<a href="/codes/hcpcs/([^/]+)/"', html)


def test_search_results_show_the_words_a_short_descriptor_drops(client, strips):
    response = client.get("/search/", {"q": "glucose strips"})
    html = response.content.decode()

    assert response.status_code == 200
    assert "Blood <mark>glucose</mark> test <mark>strips</mark>, for dialysis, per 50" in html


def test_a_home_users_strips_rank_above_the_strips_for_dialysis(client, strips):
    html = client.get("/search/", {"q": "strips for glucose test"}).content.decode()

    assert result_codes(html)[:2] == ["A4253", "A4772"]


def test_dialysis_strips_come_first_when_the_query_says_dialysis(client, strips):
    html = client.get("/search/", {"q": "glucose strips dialysis"}).content.decode()

    assert result_codes(html)[0] == "A4772"


def test_browse_and_suggest_show_the_full_descriptor(client, strips):
    browse = client.get("/codes/hcpcs/A4000-A4999/").content.decode()
    suggested = json.loads(client.get("/search/suggest", {"q": "A477"}).content)["suggestions"]

    assert DIALYSIS_STRIPS in browse
    assert suggested[0]["code"] == "A4772" and suggested[0]["title"] == DIALYSIS_STRIPS


def test_words_joined_by_a_slash_are_found_each_on_its_own(client, strips):
    """PostgreSQL's parser reads "Bath/shower" as one token (a file path), SQLite's two."""
    make_code("E0170", strips, short_descriptor="Commode chair with seat lift, electric")
    make_code(
        "E0240",
        strips,
        short_descriptor="Bath/shower chair",
        long_descriptor="Bath/shower chair, with or without wheels, any size",
    )

    html = client.get("/search/", {"q": "shower chair"}).content.decode()
    # The database itself finds it saying both words (not only ranking, which splits them).
    saying_both = ranked_code_ids(
        current_dialect(), [[("shower",)], [("chair",)]], system_id=None, billable_only=False,
        limit=5,
    )  # fmt: skip

    assert result_codes(html)[:1] == ["E0240"]
    assert "Bath/<mark>shower</mark> <mark>chair</mark>" in html
    assert [Code.objects.get(pk=pk).code for pk in saying_both] == ["E0240"]
