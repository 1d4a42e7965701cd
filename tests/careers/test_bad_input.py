"""What a bad job posting gets: a message beside the field, and nothing saved."""

import datetime

import pytest

from careers.models import Job
from core.days import site_today
from tests.careers.conftest import job_form_data, make_employer
from tests.conftest import make_user


@pytest.fixture
def poster(client, db):
    user = make_user("hiring@quartz-lake.example")
    make_employer("Quartz Lake Clinic", user=user)
    client.force_login(user)
    return client


def refused(poster, field: str, **changes) -> str:
    """Posts the form with `changes`; asserts it was refused at `field`; returns the message."""
    response = poster.post("/careers/employer/jobs/new/", job_form_data(**changes))
    assert response.status_code == 200
    assert not Job.objects.exists()
    html = response.content.decode()
    assert "Nothing is saved yet" in html
    marker = f'<ul class="errorlist" id="id_{field}_error">'
    assert marker in html, html[html.find("errorlist") - 200 : html.find("errorlist") + 300]
    return html.split(marker, 1)[1].split("</ul>", 1)[0]


def test_pay_range_upside_down_is_refused(poster):
    assert "below its bottom" in refused(
        poster, "salary_max", salary_min="70000", salary_max="58000"
    )


def test_pay_needs_a_period(poster):
    assert "This field is required" in refused(poster, "salary_period", salary_period="")


def test_salary_typed_as_hourly_pay_is_refused(poster):
    message = refused(poster, "salary_period", salary_period="hour")
    assert "For a yearly salary choose per year" in message


def test_hourly_rate_typed_as_salary_is_refused(poster):
    message = refused(poster, "salary_period", salary_min="25", salary_max="31")
    assert "For an hourly rate choose per hour" in message


def test_closing_date_in_the_past_is_refused(poster):
    yesterday = site_today() - datetime.timedelta(days=1)
    assert "That day has passed" in refused(poster, "closes_on", closes_on=yesterday.isoformat())


def test_a_job_may_close_today_until_midnight_eastern(poster, clock):
    clock.set("2026-06-05T21:00:00-04:00")  # June 6 in UTC

    response = poster.post("/careers/employer/jobs/new/", job_form_data(closes_on="2026-06-05"))

    assert response.status_code == 302
    assert Job.objects.get().closes_on == datetime.date(2026, 6, 5)


def test_closing_date_past_the_jobs_term_is_refused(poster, settings):
    settings.CAREERS_JOB_DAYS = 30
    late = site_today() + datetime.timedelta(days=31)
    assert "A job runs at most 30 days" in refused(poster, "closes_on", closes_on=late.isoformat())


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(1)", "ftp://juniper.example/form", "data:text/html,hi", "mailto:a@b.c"],
)
def test_apply_link_that_is_not_a_web_page_is_refused(poster, link):
    refused(poster, "apply_url", apply_url=link)


def test_script_in_the_description_is_refused(poster):
    message = refused(poster, "description", description="Great job <script>alert(1)</script>")
    assert "Remove the HTML (&lt;script&gt;)" in message


def test_script_link_in_the_description_is_refused(poster):
    message = refused(poster, "description", description="[Apply](javascript:alert(1))")
    assert "Links must start with https://" in message


def test_markdown_with_plain_comparisons_and_web_links_is_accepted(poster):
    description = (
        "Pay 25 < 30 an hour. See <https://quartz-lake.example> or [this](https://x.example)."
    )
    response = poster.post("/careers/employer/jobs/new/", job_form_data(description=description))

    assert response.status_code == 302
    assert 'href="https://x.example"' in Job.objects.get().description.html


def test_over_long_fields_are_refused(poster):
    refused(poster, "title", title="C" * 121)
    refused(poster, "description", description="word " * 2001)


def test_a_way_to_apply_is_required_and_only_one(poster):
    refused(poster, "apply_url", apply_url="", apply_email="")
    refused(poster, "apply_email", apply_email="hiring@quartz-lake.example")


def test_on_site_job_needs_its_city_and_state(poster):
    refused(poster, "city", workplace="on-site")
    refused(poster, "state", workplace="on-site", city="Tampa")


def test_remote_job_has_no_city(poster):
    refused(poster, "city", city="Tampa")


def test_unknown_credential_is_refused(poster):
    refused(poster, "credentials", credentials=["CPA"])


def test_a_refused_form_keeps_what_was_typed(poster):
    response = poster.post(
        "/careers/employer/jobs/new/", job_form_data(salary_min="70000", salary_max="58000")
    )

    html = response.content.decode()
    assert 'value="Remote Risk Adjustment Coder"' in html
    assert "Review charts for **risk adjustment**." in html
