"""The job list at /careers/: filters as GET parameters, counts beside each value, pages."""

import datetime
import re

from django.utils import timezone

from tests.careers.conftest import make_employer, make_job


def titles(response) -> list[str]:
    return re.findall(
        r'class="job-summary__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def option(response, name: str, value: str) -> str:
    """The label of one option of a filter's select, as the page shows it."""
    select = re.search(
        rf'<select name="{name}"[^>]*>(.*?)</select>', response.content.decode(), re.DOTALL
    ).group(1)
    return re.search(rf'<option value="{re.escape(value)}"[^>]*>([^<]*)</option>', select).group(1)


def test_board_lists_open_jobs_newest_first(client, employer):
    make_job(employer, title="Older coder job", published_at="2026-01-01T10:00:00Z")
    make_job(employer, title="Newer coder job")

    response = client.get("/careers/")

    assert response.status_code == 200
    assert titles(response) == ["Newer coder job", "Older coder job"]
    assert "2 open jobs" in response.content.decode()


def test_board_never_lists_closed_hidden_or_unapproved_jobs(client, employer):
    make_job(employer, title="Open coder job")
    make_job(employer, status="closed", title="Closed coder job")
    make_job(employer, status="hidden", title="Hidden coder job")
    make_job(make_employer(trusted=False), status="waiting", title="Waiting coder job")

    response = client.get("/careers/?q=coder")

    assert titles(response) == ["Open coder job"]
    html = response.content.decode()
    for title in ["Closed coder job", "Hidden coder job", "Waiting coder job"]:
        assert title not in html
    assert option(response, "credential", "CPC") == "CPC (1)"


def test_words_must_all_match_title_employer_or_description(client, db):
    make_job(
        make_employer("Harrow Valley Clinic"), title="Coding Auditor", description="Audit charts."
    )
    make_job(title="Inpatient Coder", description="DRG validation and audit support.")
    make_job(title="Radiology Coder", description="Imaging reports.")

    assert titles(client.get("/careers/?q=audit")) == ["Inpatient Coder", "Coding Auditor"]
    assert titles(client.get("/careers/?q=harrow+AUDITOR")) == ["Coding Auditor"]
    assert titles(client.get("/careers/?q=radiology+audit")) == []


def test_several_words_narrow_the_list_and_every_count_alike(client, db):
    make_job(title="Zz9 coding auditor", credentials=["CPC"], description="Audit charts.")
    make_job(title="Coding auditor", credentials=["CCS"], description="Audit charts.")
    make_job(title="Zz9 radiology coder", credentials=["CPC"], description="Imaging reports.")

    # The longest word leads, the others are checked on its jobs: "zz" is the last prefix.
    response = client.get("/careers/?q=audit+zz+audit")
    assert titles(response) == ["Zz9 coding auditor"]
    assert "1 open job" in response.content.decode()
    assert option(response, "credential", "CPC") == "CPC (1)"
    assert option(response, "credential", "CCS") == "CCS (0)"
    assert option(response, "remote", "remote") == "Remote (1)"
    response = client.get("/careers/?q=coding+auditor")
    assert titles(response) == ["Coding auditor", "Zz9 coding auditor"]
    assert option(response, "credential", "CCS") == "CCS (1)"


def test_each_filter_narrows_the_list(client, employer):
    make_job(employer, title="CPC remote", credentials=["CPC", "COC"])
    tampa = {"city": "Tampa", "state": "FL"}
    make_job(employer, title="CCS on-site", credentials=["CCS"], workplace="on-site", **tampa,
             specialty="cardiology", employment_type="part-time")  # fmt: skip
    yearly = {"salary_min": 80000, "salary_max": 95000, "salary_period": "year"}
    make_job(employer, title="CCS-P hybrid", credentials=["CCS-P"], workplace="hybrid",
             city="Boise", state="ID", **yearly)  # fmt: skip

    assert titles(client.get("/careers/?credential=CCS")) == ["CCS on-site"]
    assert titles(client.get("/careers/?credential=CCS-P")) == ["CCS-P hybrid"]
    assert titles(client.get("/careers/?remote=hybrid")) == ["CCS-P hybrid"]
    assert titles(client.get("/careers/?specialty=cardiology")) == ["CCS on-site"]
    assert titles(client.get("/careers/?type=part-time")) == ["CCS on-site"]
    assert titles(client.get("/careers/?min_salary=70000")) == ["CCS-P hybrid"]


def test_min_salary_compares_hourly_pay_over_a_full_time_year(client, employer):
    make_job(employer, title="Hourly job", salary_min=25, salary_max=31, salary_period="hour")

    assert titles(client.get("/careers/?min_salary=64480")) == ["Hourly job"]  # 31 x 2,080
    assert titles(client.get("/careers/?min_salary=64481")) == []


def test_state_lists_jobs_there_and_remote_jobs_open_to_its_residents_only(client, employer):
    make_job(employer, title="Tampa office", workplace="on-site", city="Tampa", state="FL")
    make_job(employer, title="Remote anywhere", remote_states=[])
    make_job(employer, title="Remote in Florida or Georgia", remote_states=["FL", "GA"])
    make_job(employer, title="Remote in Ohio only", remote_states=["OH"])
    make_job(employer, title="Boise office", workplace="on-site", city="Boise", state="ID")

    response = client.get("/careers/?state=FL")
    nationwide = client.get("/careers/?state=US")

    assert sorted(titles(response)) == ["Remote in Florida or Georgia", "Tampa office"]
    # A job open anywhere in the US is counted once, apart, never under every state.
    assert option(response, "state", "US") == "Remote, anywhere in the US (1)"
    assert option(response, "state", "FL") == "Florida (2)"
    assert option(response, "state", "OH") == "Ohio (1)"
    assert option(response, "state", "ID") == "Idaho (1)"
    assert option(response, "state", "AK") == "Alaska (0)"
    assert option(response, "state", "GU") == "Guam (0)"
    assert titles(nationwide) == ["Remote anywhere"]
    assert "1 open job <span" in nationwide.content.decode()
    # The state's list points at the jobs open anywhere, which it leaves out.
    assert 'href="/careers/?state=US">1 remote job open anywhere in the US</a>' in (
        response.content.decode()
    )
    assert "open anywhere in the US</a>" not in nationwide.content.decode()


def test_jobs_sort_by_the_top_of_their_pay_over_a_year_or_by_date(client, employer):
    make_job(
        employer,
        title="Salary 60k",
        salary_min=50000,
        salary_max=60000,
        salary_period="year",
        published_at="2026-01-03T10:00:00Z",
    )
    make_job(
        employer,
        title="Hourly 31",
        salary_min=25,
        salary_max=31,
        salary_period="hour",
        published_at="2026-01-02T10:00:00Z",
    )  # $64,480 a year
    make_job(employer, title="Salary 90k", salary_min=80000, salary_max=90000,
             salary_period="year", published_at="2026-01-01T10:00:00Z")  # fmt: skip

    by_pay = client.get("/careers/?sort=pay")
    by_date = client.get("/careers/")

    assert titles(by_pay) == ["Salary 90k", "Hourly 31", "Salary 60k"]
    assert titles(by_date) == ["Salary 60k", "Hourly 31", "Salary 90k"]
    assert "Highest pay first" in by_pay.content.decode()


def test_sort_is_kept_across_pages_and_is_not_a_filter_chip(client, employer, settings):
    settings.CAREERS_PAGE_SIZE = 1
    make_job(employer, title="Cheap", salary_min=30000, salary_max=40000, salary_period="year")
    make_job(employer, title="Dear", salary_min=90000, salary_max=99000, salary_period="year")

    first = client.get("/careers/?sort=pay").content.decode()

    assert 'href="?sort=pay&amp;page=2" rel="next"' in first
    assert 'class="chips"' not in first
    assert titles(client.get("/careers/?sort=pay&page=2")) == ["Cheap"]


def test_posted_within_lists_only_jobs_published_that_recently(client, employer):
    now = timezone.now()
    make_job(employer, title="Today", published_at=now - datetime.timedelta(hours=3))
    make_job(employer, title="This week", published_at=now - datetime.timedelta(days=5))
    make_job(employer, title="This month", published_at=now - datetime.timedelta(days=20))

    assert titles(client.get("/careers/?posted=1")) == ["Today"]
    assert titles(client.get("/careers/?posted=7")) == ["Today", "This week"]
    assert titles(client.get("/careers/?posted=30")) == ["Today", "This week", "This month"]
    assert "Posted in the last 7 days" in client.get("/careers/?posted=7").content.decode()
    assert client.get("/careers/?posted=2").status_code == 400


def test_hourly_pay_shows_its_yearly_figure_beside_it(client, employer):
    make_job(employer, title="Hourly", salary_min=24, salary_max=30, salary_period="hour")
    make_job(employer, title="Yearly", salary_min=50000, salary_max=60000, salary_period="year")

    html = client.get("/careers/").content.decode()

    assert "$24.00 to $30.00 per hour" in html
    assert "about $49,920 to $62,400 a year at 2,080 hours" in html
    assert html.count("a year at 2,080 hours") == 1


def test_counts_beside_a_filter_keep_the_other_filters(client, employer):
    make_job(employer, credentials=["CPC"], workplace="remote")
    make_job(employer, credentials=["CPC", "CRC"], workplace="remote")
    make_job(employer, credentials=["CRC"], workplace="on-site", city="Tampa", state="FL")

    response = client.get("/careers/?remote=remote&credential=CRC")

    # Credential counts keep remote=remote; workplace counts keep credential=CRC.
    assert option(response, "credential", "CPC") == "CPC (2)"
    assert option(response, "credential", "CRC") == "CRC (1)"
    assert option(response, "credential", "CIC") == "CIC (0)"
    assert option(response, "remote", "remote") == "Remote (1)"
    assert option(response, "remote", "on-site") == "On-site (1)"
    assert option(response, "remote", "hybrid") == "Hybrid (0)"


def test_filtered_url_is_shareable_and_pages_keep_the_filters(client, employer, settings):
    settings.CAREERS_PAGE_SIZE = 2
    for number in range(5):
        make_job(employer, title=f"CRC job {number}", credentials=["CRC"])
    make_job(employer, title="CPC job", credentials=["CPC"])

    first = client.get("/careers/?credential=CRC").content.decode()
    third = client.get("/careers/?credential=CRC&page=3")

    assert 'href="?credential=CRC&amp;page=2" rel="next"' in first
    assert "Page 1 of 3" in first
    assert titles(third) == ["CRC job 0"]


def test_active_filters_are_listed_with_a_link_removing_each(client, employer):
    make_job(employer)

    html = client.get("/careers/?credential=CPC&remote=remote&q=coder").content.decode()

    assert 'href="/careers/?q=coder&amp;remote=remote" aria-label="Remove the filter CPC"' in html
    assert (
        'href="/careers/?q=coder&amp;credential=CPC" aria-label="Remove the filter Remote"' in html
    )


def test_unknown_filter_value_gets_a_message_beside_its_field(client, employer):
    make_job(employer, title="Some coder job")

    response = client.get("/careers/?credential=CPA&min_salary=lots")

    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_credential_error"' in html and "CPA is not one of the available" in html
    assert 'id="id_min_salary_error"' in html and "Enter a whole number." in html
    assert 'aria-invalid="true"' in html
    assert "Some coder job" not in html


def test_over_long_words_are_refused(client, db):
    response = client.get("/careers/", {"q": "coder " * 40})

    assert response.status_code == 400
    assert "at most 100 characters" in response.content.decode()


def test_a_page_past_the_end_shows_the_last_page(client, employer):
    make_job(employer, title="Only job")

    assert titles(client.get("/careers/?page=99")) == ["Only job"]
    assert titles(client.get("/careers/?page=abc")) == ["Only job"]


def test_board_works_without_javascript_and_links_its_feed(client, employer):
    make_job(employer)

    html = client.get("/careers/?credential=CPC").content.decode()

    assert '<form class="panel board__filters" method="get" action="/careers/"' in html
    assert '<button type="submit" class="button">Show jobs</button>' in html
    assert 'type="application/atom+xml"' in html and 'href="/careers/feed/?credential=CPC"' in html


def test_header_links_the_board_as_careercenter(client, db):
    html = client.get("/").content.decode()

    assert '<a href="/careers/"><strong>CareerCenter</strong>' in html


def test_each_count_keeps_every_other_filter_when_several_are_set(client, employer):
    tampa = {"workplace": "on-site", "city": "Tampa", "state": "FL"}
    make_job(employer, title="Match", employment_type="full-time", specialty="cardiology")
    make_job(employer, employment_type="part-time", specialty="cardiology")
    make_job(employer, employment_type="full-time", specialty="cardiology", **tampa)
    make_job(employer, employment_type="full-time", specialty="oncology")

    response = client.get("/careers/?remote=remote&type=full-time&specialty=cardiology")

    assert titles(response) == ["Match"]
    assert "1 open job " in response.content.decode()
    assert option(response, "remote", "remote") == "Remote (1)"
    assert option(response, "remote", "on-site") == "On-site (1)"
    assert option(response, "type", "part-time") == "Part-time (1)"
    assert option(response, "specialty", "oncology") == "Oncology (1)"
    assert option(response, "specialty", "cardiology") == "Cardiology (1)"


def test_a_nul_byte_in_the_words_gets_a_message_beside_the_field(client, db):
    response = client.get("/careers/", {"q": "coder\x00"})

    assert response.status_code == 400
    assert 'id="id_q_error"' in response.content.decode()
