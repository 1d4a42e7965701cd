"""Read-side queries for the board's pages, each built once with the joins a page needs."""

import datetime
from collections import Counter

from django.db.models import Case, Count, QuerySet, Value, When
from django.utils import timezone

from .fields import stored_value
from .filters import JobFilters, filter_jobs
from .models import STATE_CHOICES, EmployerProfile, Job, SavedJob, SavedSearch

# Columns a job's summary in a list never shows: left unread on list pages.
LONG_COLUMNS = ["description", "description_html", "search_text", "hidden_reason"]
SIMILAR_JOBS_SHOWN = 5


def open_jobs(today: datetime.date | None = None) -> QuerySet[Job]:
    """Jobs the public sees: published, not hidden by staff, not past their closing date."""
    return Job.objects.filter(
        published_at__isnull=False,
        hidden_at__isnull=True,
        closes_on__gte=today or timezone.now().date(),
    )


def job_list(filters: JobFilters) -> QuerySet[Job]:
    """Open jobs matching `filters`, newest first, with their employer."""
    return (
        filter_jobs(open_jobs(), filters)
        .select_related("employer")
        .defer(*LONG_COLUMNS)
        .order_by("-published_at", "-id")
    )


def facet_counts(filters: JobFilters) -> dict[str, dict[str, int]]:
    """For each filter, how many open jobs each of its values would list with the other
    filters kept: one grouped query per filter, whatever the number of jobs."""

    def grouped(facet: str, *columns: str) -> list[dict]:
        jobs = filter_jobs(open_jobs(), filters, skip=facet)
        return list(jobs.values(*columns).annotate(jobs=Count("pk")).order_by())

    counts = {
        facet: {row[column]: row["jobs"] for row in grouped(facet, column)}
        for facet, column in [
            ("remote", "workplace"),
            ("specialty", "specialty"),
            ("type", "employment_type"),
        ]
    }
    # A job lists several credentials: group by the stored list, then add up each value.
    credentials = Counter()
    for row in grouped("credential", "credentials"):
        for credential in row["credentials"]:
            credentials[credential] += row["jobs"]
    counts["credential"] = dict(credentials)
    # A state counts jobs located there and remote jobs open to its residents.
    states, anywhere = Counter(), 0
    for row in grouped("state", "state", "remote_states"):
        if row["state"]:
            states[row["state"]] += row["jobs"]
        elif not row["remote_states"]:
            anywhere += row["jobs"]
        for state in row["remote_states"]:
            states[state] += row["jobs"]
    counts["state"] = {state: states[state] + anywhere for state, _ in STATE_CHOICES}
    return counts


def job_for_page(job_id: int) -> Job | None:
    return Job.objects.select_related("employer").filter(pk=job_id).first()


def similar_jobs(job: Job, limit: int = SIMILAR_JOBS_SHOWN) -> list[Job]:
    """Open jobs most like `job`: same specialty first, then shared credentials, newest."""
    score = Case(When(specialty=job.specialty, then=Value(2)), default=Value(0))
    for credential in job.credentials:
        score = score + Case(
            When(credentials__contains=stored_value(credential), then=Value(1)), default=Value(0)
        )
    return list(
        open_jobs()
        .exclude(pk=job.pk)
        .select_related("employer")
        .defer(*LONG_COLUMNS)
        .annotate(likeness=score)
        .order_by("-likeness", "-published_at", "-id")[:limit]
    )


def employer_jobs(employer: EmployerProfile) -> list[Job]:
    """All of an employer's jobs, newest first, whatever their state."""
    return list(employer.jobs.defer(*LONG_COLUMNS[:3]).order_by("-created_at", "-id"))


def saved_jobs_of(user) -> list[SavedJob]:
    return list(
        SavedJob.objects.filter(user=user).select_related("job__employer").order_by("-saved_at")
    )


def saved_job_ids(user, jobs: list[Job]) -> set[int]:
    """Which of `jobs` the user saved (an empty set for a guest, with no query)."""
    if not user.is_authenticated or not jobs:
        return set()
    return set(SavedJob.objects.filter(user=user, job__in=jobs).values_list("job_id", flat=True))


def saved_searches_of(user) -> list[SavedSearch]:
    return list(SavedSearch.objects.filter(user=user).order_by("-created_at"))
