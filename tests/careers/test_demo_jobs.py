"""The demo board that `make run` loads: fictional employers, two dozen valid open jobs."""

import pytest
from django.forms.models import model_to_dict

from careers.demo import load_demo_jobs
from careers.forms import JobForm
from careers.models import EmployerProfile, Job


def test_demo_board_has_two_dozen_open_jobs_from_fictional_employers(db):
    counts = load_demo_jobs()

    assert counts["jobs added"] == Job.objects.count() >= 24
    assert all(job.status() == "open" for job in Job.objects.all())
    for employer in EmployerProfile.objects.select_related("user"):
        assert employer.website.endswith(".example")
        assert employer.user.email.endswith(".example")
        assert "fictional employer" in employer.about
        assert not employer.user.has_usable_password()


def as_posted(job: Job) -> dict:
    """The job as its employer would type it into the job form: every field, as text."""
    values = model_to_dict(job, fields=JobForm._meta.fields)
    data = {
        name: value if isinstance(value, list) else "" if value is None else str(value)
        for name, value in values.items()
    }
    return data | {"description": job.description.markdown}


@pytest.mark.parametrize(
    "moment",
    [
        "2026-12-06T10:00:00-05:00",
        # 9 pm in New York is already tomorrow in UTC: the closing day is still New York's.
        "2026-12-06T21:00:00-05:00",
    ],
)
def test_every_demo_job_passes_the_posting_rules(db, clock, moment):
    clock.set(moment)
    load_demo_jobs()

    for job in Job.objects.select_related("employer", "description"):
        job.full_clean()
        # The job form's own rules too (careers/forms.py: no HTML or script links in the
        # description, a closing date within the allowed days), as a new posting.
        form = JobForm(as_posted(job), instance=Job(employer=job.employer))
        assert form.is_valid(), f"{job.title}: {form.errors.as_text()}"


def test_loading_twice_changes_nothing(db):
    load_demo_jobs()
    before = list(Job.objects.order_by("pk").values_list("pk", "updated_at"))

    counts = load_demo_jobs()

    assert counts == {"employers added": 0, "jobs added": 0, "jobs renewed": 0}
    assert list(Job.objects.order_by("pk").values_list("pk", "updated_at")) == before


def test_reloading_renews_demo_jobs_that_closed_and_keeps_an_edit(db):
    load_demo_jobs()
    job = Job.objects.first()
    job.title = "Edited by its employer"
    job.closes_on = "2020-01-01"
    job.save()

    counts = load_demo_jobs()

    job.refresh_from_db()
    assert counts == {"employers added": 0, "jobs added": 0, "jobs renewed": 1}
    assert job.status() == "open" and job.title == "Edited by its employer"
