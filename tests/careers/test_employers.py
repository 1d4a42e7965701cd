"""Employers: profile, posting (the first waits for staff), editing, renewing, their counts."""

import datetime

import pytest

from careers.models import EmployerProfile, Job
from core.days import site_today
from tests.careers.conftest import job_form_data, make_employer, make_job
from tests.conftest import make_user


@pytest.fixture
def account(client, db):
    user = make_user("hiring@quartz-lake.example")
    client.force_login(user)
    return user


def test_new_employer_is_asked_for_a_profile_first(client, account):
    response = client.get("/careers/employer/jobs/new/", follow=True)

    assert response.redirect_chain[-1][0] == "/careers/employer/profile/"
    assert "Tell job seekers who you are first" in response.content.decode()


def test_employer_creates_a_profile(client, account):
    response = client.post(
        "/careers/employer/profile/",
        {
            "name": "Quartz Lake Clinic",
            "website": "https://quartz-lake.example",
            "about": "A clinic.",
        },
    )

    assert response.status_code == 302
    profile = EmployerProfile.objects.get(user=account)
    assert profile.name == "Quartz Lake Clinic" and not profile.is_trusted


def test_profile_website_must_be_a_web_link(client, account):
    response = client.post(
        "/careers/employer/profile/", {"name": "Quartz Lake", "website": "javascript:alert(1)"}
    )

    assert response.status_code == 200
    assert 'id="id_website_error"' in response.content.decode()
    assert not EmployerProfile.objects.exists()


def test_first_job_waits_for_staff_approval(client, account):
    make_employer("Quartz Lake Clinic", trusted=False, user=account)

    response = client.post("/careers/employer/jobs/new/", job_form_data(), follow=True)

    job = Job.objects.get()
    assert job.status() == "waiting" and job.published_at is None
    assert "Our staff check an employer&#x27;s first job" in response.content.decode()
    assert "Remote Risk Adjustment Coder" not in client.get("/careers/").content.decode()


def test_trusted_employers_jobs_publish_at_once(client, account):
    make_employer("Quartz Lake Clinic", trusted=True, user=account)

    client.post("/careers/employer/jobs/new/", job_form_data())

    job = Job.objects.get()
    assert job.status() == "open"
    assert "Remote Risk Adjustment Coder" in client.get("/careers/").content.decode()


def test_dashboard_lists_jobs_with_status_views_and_apply_clicks(client, account):
    employer = make_employer("Quartz Lake Clinic", user=account)
    make_job(employer, title="Open job", views=41, apply_clicks=7)
    make_job(employer, status="hidden", title="Hidden job")
    make_job(employer, status="closed", title="Closed job")
    make_job(make_employer("Someone Else"), title="Not mine")

    html = client.get("/careers/employer/").content.decode()

    assert "<td>41</td>" in html and "<td>7</td>" in html
    assert "Hidden by our staff: Asks applicants for a fee." in html
    assert "Closed on" in html and "Open until" in html
    assert "Not mine" not in html


def test_employer_edits_a_published_job_and_it_stays_published(client, account):
    employer = make_employer("Quartz Lake Clinic", user=account)
    job = make_job(employer, title="Old title")

    response = client.post(
        f"/careers/employer/jobs/{job.pk}/edit/", job_form_data(title="New title")
    )

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.title == "New title" and job.slug == "new-title" and job.status() == "open"


def test_employer_cannot_edit_or_renew_another_employers_job(client, account):
    make_employer("Quartz Lake Clinic", user=account)
    other = make_job(make_employer("Someone Else"), title="Theirs")

    assert client.get(f"/careers/employer/jobs/{other.pk}/edit/").status_code == 404
    assert (
        client.post(f"/careers/employer/jobs/{other.pk}/edit/", job_form_data()).status_code == 404
    )
    assert client.post(f"/careers/employer/jobs/{other.pk}/renew/").status_code == 404
    other.refresh_from_db()
    assert other.title == "Theirs"


def test_renewing_a_closed_job_runs_it_for_a_full_term_again(client, account, settings):
    settings.CAREERS_JOB_DAYS = 30
    job = make_job(make_employer(user=account), status="closed")

    client.post(f"/careers/employer/jobs/{job.pk}/renew/")

    job.refresh_from_db()
    assert job.closes_on == site_today() + datetime.timedelta(days=30)
    assert job.status() == "open"
    assert client.get(job.get_absolute_url()).status_code == 200


def test_a_job_waiting_for_approval_cannot_be_renewed(client, account):
    job = make_job(make_employer(user=account, trusted=False), status="waiting")
    closes_on = job.closes_on

    client.post(f"/careers/employer/jobs/{job.pk}/renew/")

    job.refresh_from_db()
    assert job.closes_on == closes_on and job.published_at is None


def test_posting_needs_an_account(client, db):
    response = client.get("/careers/employer/jobs/new/")

    assert response.status_code == 302 and response.headers["Location"].startswith(
        "/account/signup/"
    )


def test_post_a_job_sends_a_guest_to_signup_and_back(client, db):
    response = client.get("/careers/employer/")

    assert response.headers["Location"] == "/account/signup/?next=/careers/employer/"
    signup = client.get(response.headers["Location"]).content.decode()
    assert 'href="/account/login/?next=%2Fcareers%2Femployer%2F"' in signup


def test_posting_form_proposes_the_furthest_closing_date(client, account, settings):
    settings.CAREERS_JOB_DAYS = 30
    make_employer("Quartz Lake Clinic", user=account)
    furthest = site_today() + datetime.timedelta(days=30)

    html = client.get("/careers/employer/jobs/new/").content.decode()

    assert f'name="closes_on" value="{furthest.isoformat()}"' in html
    assert 'name="workplace" value="remote"' in html
    assert 'name="workplace" value=""' not in html  # no "none chosen" radio button
