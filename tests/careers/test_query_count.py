"""The list page's queries do not grow with the number of jobs, on the real board: each page
is asserted to list what it should, so that an error page can't pass."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.careers.conftest import make_employer, make_job
from tests.conftest import make_user

FILTERED = "/careers/?credential=CPC&remote=remote&state=FL&q=coder&min_salary=40000&page=2"


def add_jobs(count: int) -> None:
    employers = [make_employer(f"Employer {number}") for number in range(3)]
    for number in range(count):
        make_job(
            employers[number % 3],
            credentials=[["CPC"], ["CPC", "CRC"], ["CCS", "CIC"]][number % 3],
            remote_states=[["FL", "GA"], ["FL"], ["OH", "FL"]][number % 3],
        )


def board(response) -> str:
    """The board's HTML, after checking that the request got the board."""
    assert response.status_code == 200
    html = response.content.decode()
    assert '<ol class="job-list">' in html
    return html


def queries_for(client, url: str, shows: str) -> int:
    """The queries of one request to `url`, which must answer the board showing `shows`."""
    with CaptureQueriesContext(connection) as captured:
        html = board(client.get(url))
    assert shows in html
    return len(captured.captured_queries)


def test_board_costs_at_most_four_queries_however_many_jobs(
    client, db, settings, django_assert_max_num_queries
):
    settings.CAREERS_PAGE_SIZE = 5
    add_jobs(12)

    # Three grouped counts (single-valued filters and the total, credentials, states) and
    # the page of jobs.
    with django_assert_max_num_queries(4):
        everything = board(client.get("/careers/"))
    with django_assert_max_num_queries(4):
        filtered = board(client.get(FILTERED))

    assert '<h2 id="results-heading">12 open jobs</h2>' in everything
    assert everything.count('class="job-summary"') == 5
    assert '8 open jobs <span class="muted">for CPC · Remote · Florida' in filtered
    assert "Page 2 of 2" in filtered
    assert filtered.count('class="job-summary"') == 3


def test_board_query_count_is_the_same_with_three_times_the_jobs(client, db, settings):
    settings.CAREERS_PAGE_SIZE = 5
    seeker = make_user("seeker@example.org")
    client.force_login(seeker)
    add_jobs(12)
    client.get("/careers/")  # the signed-in reader is cached from here on
    few = [
        queries_for(client, "/careers/", "12 open jobs"),
        queries_for(client, FILTERED, "8 open jobs <span"),
    ]

    add_jobs(24)

    assert [
        queries_for(client, "/careers/", "36 open jobs"),
        queries_for(client, FILTERED, "24 open jobs <span"),
    ] == few
