"""The demo board that `make run` loads: fictional employers, two dozen valid open jobs."""

from careers.demo import load_demo_jobs
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


def test_every_demo_job_passes_the_posting_rules(db):
    load_demo_jobs()

    for job in Job.objects.select_related("employer"):
        job.full_clean()


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
