"""A date of service on code pages and search: ?dos=, remembered in the session."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lookup.date_of_service import parse_date_of_service


def verdict(client, code: str, dos: str | None = None) -> str:
    """The date-of-service bar's sentence on a code page."""
    response = client.get(f"/codes/icd-10-cm/{code}/", {"dos": dos} if dos is not None else {})
    assert response.status_code == 200
    html = response.content.decode()
    if "dos-bar__verdict" not in html:
        return ""
    start = html.index("dos-bar__verdict")
    return html[start : html.index("</p>", start)]


def test_page_says_a_code_was_valid_on_the_date(client, icd_history):
    assert "Valid on May 1, 2023." in verdict(client, "U07.1", "2023-05-01")


def test_page_says_a_code_was_not_yet_in_use(client, icd_history):
    sentence = verdict(client, "U07.1", "2020-03-31")

    assert "Not valid on Mar 31, 2020: not yet in use. It is valid from April 1, 2020." in sentence


def test_codes_dropped_on_2026_10_01_read_deleted_from_that_day(client, icd_history):
    assert "Valid on Sep 30, 2026." in verdict(client, "I42.0", "2026-09-30")
    assert "deleted: its last valid day was September 30, 2026" in verdict(
        client, "I42.0", "2026-10-01"
    )


def test_header_that_was_once_a_code_reads_valid_then_and_a_header_later(client, icd_history):
    assert "Valid on Jun 1, 2020." in verdict(client, "M35.8", "2020-06-01")
    assert "a header (reportable until December 31, 2020)" in verdict(client, "M35.8", "2021-01-01")


def test_date_is_remembered_for_the_session_until_cleared(client, icd_history):
    verdict(client, "U07.1", "2019-12-01")

    assert "Not valid on Dec 1, 2019" in verdict(client, "E11.A")
    assert verdict(client, "E11.A", "") == ""
    assert verdict(client, "U07.1") == ""


def test_date_is_shown_and_changeable_in_the_page_header(client, icd_history):
    html = client.get("/codes/icd-10-cm/U07.1/", {"dos": "2023-05-01"}).content.decode()

    assert '<label for="dos">Date of service</label>' in html
    assert 'name="dos" value="2023-05-01"' in html
    assert html.index('class="dos-bar"') < html.index('class="code-page"')


@pytest.mark.parametrize(
    "bad",
    [
        "2023-02-30",
        "yesterday",
        "99999-01-01",
        "1850-01-01",
        "x" * 500,
        "\uff12\uff10\uff12\uff13-05-01",  # full-width digits
    ],
)
def test_bad_date_gets_a_clear_message_and_keeps_the_remembered_one(client, icd_history, bad):
    verdict(client, "U07.1", "2023-05-01")

    response = client.get("/codes/icd-10-cm/U07.1/", {"dos": bad})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="field-error" id="dos-error"' in html
    assert "Valid on May 1, 2023." in html


def test_other_spelling_of_a_code_redirects_with_its_date(client, icd_history):
    response = client.get("/codes/icd-10-cm/u071/", {"dos": "2020-01-01"})

    assert response.status_code == 301
    assert response["Location"] == "/codes/icd-10-cm/U07.1/?dos=2020-01-01"


def test_dates_are_read_in_iso_and_us_order():
    assert parse_date_of_service("2023-05-01") == date(2023, 5, 1)
    assert parse_date_of_service(" 5/1/2023 ") == date(2023, 5, 1)
    with pytest.raises(ValueError, match="not a day of the calendar"):
        parse_date_of_service("2023-13-01")


def search_codes_listed(client, **params) -> str:
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_search_leaves_deleted_codes_out_unless_asked(client, icd_history):
    assert "/codes/icd-10-cm/D13.9/" not in search_codes_listed(client, q="D1")
    assert "/codes/icd-10-cm/D13.9/" in search_codes_listed(client, q="D1", deleted="1")
    assert "/codes/icd-10-cm/D13.9/" not in search_codes_listed(client, q="benign neoplasm")
    assert "/codes/icd-10-cm/D13.9/" in search_codes_listed(
        client, q="benign neoplasm", deleted="1"
    )


def test_search_finding_no_current_code_offers_the_deleted_ones_marked_deleted(client, icd_history):
    # I42.0 was deleted in FY2027 (expanded): no current code says "dilated cardiomyopathy".
    html = search_codes_listed(client, q="dilated cardiomyopathy")

    assert "No current code matches “dilated cardiomyopathy”" in html
    results = html[html.index('class="code-list search-results"') :]
    assert '<a href="/codes/icd-10-cm/I42.0/">' in results
    assert 'class="badge badge--deleted">Deleted</span>' in results
    assert "?q=dilated+cardiomyopathy&amp;deleted=1" in html


def test_search_finding_only_deleted_codes_searches_once(client, icd_history):
    # The deleted codes offered come from the candidates the search read: it asks the
    # database no more than a search asking for deleted codes does.
    words = {"q": "dilated cardiomyopathy"}
    search_codes_listed(client, **words)  # the caches a process keeps, loaded
    with CaptureQueriesContext(connection) as asked_for_deleted:
        search_codes_listed(client, **words, deleted="1")
    with CaptureQueriesContext(connection) as fallen_back:
        html = search_codes_listed(client, **words)

    assert "No current code matches" in html
    assert len(fallen_back) == len(asked_for_deleted)


def test_suggest_finding_no_current_code_offers_the_deleted_ones_marked_deleted(
    client, icd_history
):
    response = client.get("/search/suggest", {"q": "dilated cardiomyo"})

    assert response.json()["suggestions"] == [
        {
            "code": "I42.0",
            "title": "Dilated cardiomyopathy (deleted)",
            "system": "ICD-10-CM",
            "url": "/codes/icd-10-cm/I42.0/",
        }
    ]


def test_search_finding_current_codes_shows_no_deleted_one(client, icd_history):
    html = search_codes_listed(client, q="benign neoplasm")

    assert "No current code matches" not in html
    assert 'class="badge badge--deleted"' not in html


def test_exact_code_opens_a_deleted_codes_page(client, icd_history):
    response = client.get("/search/", {"q": "d13.9"})

    assert response.status_code == 302
    assert response["Location"] == "/codes/icd-10-cm/D13.9/"


def test_search_keeps_only_codes_valid_on_the_date_when_asked(client, icd_history):
    client.get("/search/", {"dos": "2022-06-01"})

    valid_then = search_codes_listed(client, q="I42", valid="1")
    every = search_codes_listed(client, q="I42")
    assert "/codes/icd-10-cm/I42.0/" in valid_then  # deleted since, but valid then
    assert "/codes/icd-10-cm/I42.0/" not in every
    early = search_codes_listed(client, q="U07", valid="1", dos="2019-06-01")
    assert "/codes/icd-10-cm/U07.1/" not in early
    assert "/codes/icd-10-cm/U07.1/" in search_codes_listed(client, q="U07")


def test_search_by_words_keeps_only_codes_valid_on_the_date(client, icd_history):
    assert "/codes/icd-10-cm/U07.1/" in search_codes_listed(client, q="covid")
    assert "/codes/icd-10-cm/U07.1/" not in search_codes_listed(
        client, q="covid", valid="1", dos="2019-06-01"
    )


def test_search_page_keeps_its_query_when_the_date_changes(client, icd_history):
    html = search_codes_listed(client, q="covid", system="icd-10-cm")

    assert '<input type="hidden" name="q" value="covid">' in html
    assert '<input type="hidden" name="system" value="icd-10-cm">' in html
