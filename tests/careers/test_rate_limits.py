"""Posting and editing jobs are limited per account and per network, per hour."""

import pytest
from django.core.cache import cache

from careers.models import Job
from tests.careers.conftest import job_form_data, make_employer, make_job
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def fresh_counters():
    """The counters live in the cache, which outlives a test's database transaction."""
    cache.clear()
    yield
    cache.clear()


def log_in_employer(client, email: str):
    user = make_user(email)
    make_employer(user=user)
    client.force_login(user)
    return user


def post(client, title: str, address: str = "203.0.113.7"):
    return client.post(
        "/careers/employer/jobs/new/", job_form_data(title=title), REMOTE_ADDR=address
    )


def test_account_over_its_hourly_limit_is_refused_and_nothing_is_saved(client, db, settings):
    settings.CAREERS_JOB_CHANGES_PER_HOUR = 2
    log_in_employer(client, "one@example.org")

    statuses = [post(client, f"Job {number}").status_code for number in range(3)]

    assert statuses == [302, 302, 429]
    response = post(client, "Job 4")
    html = response.content.decode()
    assert "Nothing was saved: wait an hour" in html
    assert 'value="Job 4"' in html  # what was typed is kept
    assert Job.objects.count() == 2


def test_edits_count_toward_the_same_limit(client, db, settings):
    settings.CAREERS_JOB_CHANGES_PER_HOUR = 1
    user = log_in_employer(client, "one@example.org")
    job = make_job(user.employer_profile, title="Original")

    client.post(f"/careers/employer/jobs/{job.pk}/edit/", job_form_data(title="First edit"))
    response = client.post(f"/careers/employer/jobs/{job.pk}/edit/", job_form_data(title="Second"))

    assert response.status_code == 429
    job.refresh_from_db()
    assert job.title == "First edit"


def test_invalid_forms_do_not_use_the_allowance(client, db, settings):
    settings.CAREERS_JOB_CHANGES_PER_HOUR = 1
    log_in_employer(client, "one@example.org")

    client.post("/careers/employer/jobs/new/", job_form_data(title=""))

    assert post(client, "Valid job").status_code == 302


def test_accounts_on_one_network_share_its_limit(client, db, settings):
    settings.CAREERS_NETWORK_JOB_CHANGES_PER_HOUR = 2
    for number in range(2):
        log_in_employer(client, f"account{number}@example.org")
        assert post(client, f"Job {number}").status_code == 302

    log_in_employer(client, "account2@example.org")
    assert post(client, "Job 2").status_code == 429
    assert post(client, "Job 3", address="198.51.100.9").status_code == 302


def test_each_account_has_its_own_limit(client, db, settings):
    settings.CAREERS_JOB_CHANGES_PER_HOUR = 1
    log_in_employer(client, "one@example.org")
    assert post(client, "Job 1").status_code == 302
    log_in_employer(client, "two@example.org")

    assert post(client, "Job 2").status_code == 302


def test_the_limit_slides_over_the_last_hour(client, db, settings, monkeypatch):
    settings.CAREERS_JOB_CHANGES_PER_HOUR = 1
    log_in_employer(client, "one@example.org")
    now = 1_800_000_000
    monkeypatch.setattr("core.ratelimit.time.time", lambda: now)
    assert post(client, "Job 1").status_code == 302

    now += 59 * 60
    assert post(client, "Job 2").status_code == 429
    now += 2 * 60
    assert post(client, "Job 3").status_code == 302
