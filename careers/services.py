"""Every change to the board is one function here: employers post, staff approve and hide,
seekers save jobs and searches. Views and the admin call these; they hold no rule."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.days import site_today

from .filters import JobFilters
from .models import EmployerProfile, Job, JobArea, JobDescription, SavedJob, SavedSearch
from .publication import publication_time
from .words import index_words

# Saved searches one seeker may keep (each is a daily email).
MAX_SAVED_SEARCHES = 10


class SavedSearchLimitReached(Exception):
    """The seeker already keeps MAX_SAVED_SEARCHES searches."""


def last_closing_date(today: datetime.date | None = None) -> datetime.date:
    """The furthest closing date a job may have now: CAREERS_JOB_DAYS from the site's today."""
    return (today or site_today()) + datetime.timedelta(days=settings.CAREERS_JOB_DAYS)


@transaction.atomic
def employer_profile_save(*, profile: EmployerProfile) -> EmployerProfile:
    """Save the profile and renew its jobs' words (they include its name)."""
    profile.save()
    for job in profile.jobs.select_related("description"):
        job.employer = profile
        index_words(job, job.description.markdown)
    return profile


@transaction.atomic
def job_save(*, job: Job, description: str) -> Job:
    """Save a job with its description, and index it for the board's filters."""
    job.save()
    JobDescription.objects.update_or_create(job=job, defaults={"markdown": description})
    job_index(job=job, description=description)
    return job


def job_index(*, job: Job, description: str) -> None:
    """Renew the rows the board finds the job by: its words (`q`) and its areas (`state`)."""
    index_words(job, description)
    JobArea.objects.filter(job=job).delete()
    JobArea.objects.bulk_create(JobArea(job=job, state=state) for state in job.areas())


@transaction.atomic
def job_post(*, job: Job, description: str) -> Job:
    """Save a new job: a trusted employer's is published at once, others wait for staff."""
    if job.employer.is_trusted:
        job.published_at = publication_time()
    return job_save(job=job, description=description)


@transaction.atomic
def job_approve(*, job: Job) -> bool:
    """Publish a job waiting for approval and trust its employer from now on.

    A closing date that passed while the job waited moves to a full term from today.
    Returns False for a job that was already published.
    """
    if job.published_at is not None:
        return False
    job.published_at = publication_time()
    today = site_today(job.published_at)
    if job.closes_on < today:
        job.closes_on = last_closing_date(today)
    job.save()
    EmployerProfile.objects.filter(pk=job.employer_id, trusted_at__isnull=True).update(
        trusted_at=timezone.now()
    )
    return True


def job_hide(*, job: Job, reason: str) -> None:
    """Take a job off the board (staff), saying why: its employer sees the reason."""
    job.hidden_at = timezone.now()
    job.hidden_reason = reason
    job.save(update_fields=["hidden_at", "hidden_reason", "updated_at"])


def job_unhide(*, job: Job) -> None:
    job.hidden_at = None
    job.hidden_reason = ""
    job.save(update_fields=["hidden_at", "hidden_reason", "updated_at"])


def job_renew(*, job: Job) -> bool:
    """Run a published job for a full term from today; False when it cannot be renewed
    (waiting for approval, or hidden by staff)."""
    if job.published_at is None or job.hidden_at is not None:
        return False
    job.closes_on = last_closing_date()
    job.save(update_fields=["closes_on", "updated_at"])
    return True


def job_count_view(*, job: Job) -> None:
    Job.objects.filter(pk=job.pk).update(views=F("views") + 1)


def job_count_apply_click(*, job: Job) -> None:
    Job.objects.filter(pk=job.pk).update(apply_clicks=F("apply_clicks") + 1)


def saved_job_toggle(*, user, job: Job) -> bool:
    """Save the job for the user, or forget it if it was saved; returns whether it is saved."""
    deleted, _ = SavedJob.objects.filter(user=user, job=job).delete()
    if deleted:
        return False
    SavedJob.objects.get_or_create(user=user, job=job)
    return True


@transaction.atomic
def saved_search_create(*, user, filters: JobFilters) -> SavedSearch:
    """Keep the filters for a daily digest of jobs published from now on; raises
    SavedSearchLimitReached past MAX_SAVED_SEARCHES."""
    # The seeker's row is locked while counting, so a double submit is counted in turn.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    query = filters.query_string()
    existing = SavedSearch.objects.filter(user=user, query=query).first()
    if existing is not None:
        if existing.unsubscribed_at is not None:
            saved_search_resubscribe(search=existing)
        return existing
    if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES:
        raise SavedSearchLimitReached
    return SavedSearch.objects.create(user=user, query=query)


def saved_search_unsubscribe(*, search: SavedSearch) -> None:
    if search.unsubscribed_at is None:
        search.unsubscribed_at = timezone.now()
        search.save(update_fields=["unsubscribed_at"])


def saved_search_resubscribe(*, search: SavedSearch) -> None:
    """Email the search's digest again, for jobs published from now on."""
    search.unsubscribed_at = None
    search.checked_until = timezone.now()
    search.save(update_fields=["unsubscribed_at", "checked_until"])
