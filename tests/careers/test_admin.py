"""Staff approve an employer's first job and hide jobs with a reason, in the admin."""

import pytest

from careers.models import EmployerProfile, Job
from tests.careers.conftest import job_form_data, make_employer, make_job
from tests.conftest import make_user


@pytest.fixture
def staff_client(client, db):
    client.force_login(make_user("staff@example.org", is_staff=True, is_superuser=True))
    return client


def act(client, action: str, jobs: list[Job], **extra):
    return client.post(
        "/admin/careers/job/",
        {"action": action, "_selected_action": [job.pk for job in jobs], **extra},
        follow=True,
    )


def test_approving_a_first_job_publishes_it_and_trusts_its_employer(staff_client, new_employer):
    job = make_job(new_employer, status="waiting", title="First job")

    act(staff_client, "approve", [job])

    job.refresh_from_db()
    assert job.status() == "open" and job.published_at is not None
    assert EmployerProfile.objects.get(pk=new_employer.pk).is_trusted
    assert "First job" in staff_client.get("/careers/").content.decode()


def test_approval_moves_a_closing_date_that_passed_while_waiting(staff_client, new_employer):
    job = make_job(new_employer, status="waiting", closes_on="2020-01-01")

    act(staff_client, "approve", [job])

    job.refresh_from_db()
    assert job.status() == "open"


def test_hiding_needs_a_reason_and_shows_it_to_the_employer(staff_client, employer):
    job = make_job(employer, title="Suspicious job")

    response = act(staff_client, "hide", [job], reason="")
    assert "Type the reason for hiding first." in response.content.decode()
    assert Job.objects.get(pk=job.pk).status() == "open"

    act(staff_client, "hide", [job], reason="Asks for a training fee.")

    job.refresh_from_db()
    assert job.status() == "hidden" and job.hidden_reason == "Asks for a training fee."
    assert "Suspicious job" not in staff_client.get("/careers/").content.decode()


def test_unhiding_lists_the_job_again(staff_client, employer):
    job = make_job(employer, status="hidden")

    act(staff_client, "unhide", [job])

    job.refresh_from_db()
    assert job.status() == "open" and job.hidden_reason == ""


def test_admin_lists_jobs_waiting_for_approval(staff_client, new_employer):
    make_job(new_employer, status="waiting", title="Needs a look")
    make_job(make_employer("Other"), title="Already open")

    html = staff_client.get("/admin/careers/job/?status=waiting").content.decode()

    assert "Needs a look" in html and "Already open" not in html


def test_admin_job_form_enforces_the_same_rules(staff_client, employer):
    job = make_job(employer, title="Original title")
    form = job_form_data(employer=employer.pk, title="Changed", salary_min="90000")

    response = staff_client.post(f"/admin/careers/job/{job.pk}/change/", form)

    assert response.status_code == 200
    assert "The top of the range is below its bottom." in response.content.decode()
    assert Job.objects.get(pk=job.pk).title == "Original title"


def test_staff_edit_of_a_description_is_searched_at_once(staff_client, employer):
    job = make_job(employer, title="Coder", description="Oncology charts.")
    form = job_form_data(employer=employer.pk, title="Coder") | {
        "description-TOTAL_FORMS": "1",
        "description-INITIAL_FORMS": "1",
        "description-MIN_NUM_FORMS": "1",
        "description-MAX_NUM_FORMS": "1",
        "description-0-job": str(job.pk),
        "description-0-markdown": "Radiology charts.",
    }

    response = staff_client.post(f"/admin/careers/job/{job.pk}/change/", form)

    assert response.status_code == 302
    assert '">Coder</a>' in staff_client.get("/careers/?q=radiology").content.decode()
    assert '">Coder</a>' not in staff_client.get("/careers/?q=oncology").content.decode()
