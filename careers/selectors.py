"""Read-side queries for the board's pages, each built once with the joins a page needs."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, Count, QuerySet, Value, When

from core.days import site_today

from .choices import STATE_CHOICES
from .fields import stored_value
from .filters import NATIONWIDE, JobFilters, filter_jobs, filters_from_query
from .models import EmployerProfile, Job, JobArea, SavedJob, SavedSearch, areas_of

SIMILAR_JOBS_SHOWN = 5


def open_jobs(today: datetime.date | None = None) -> QuerySet[Job]:
    """Jobs the public sees: published, not hidden by staff, not past their closing date (a
    day of the site's, core/days.py)."""
    return Job.objects.filter(
        published_at__isnull=False,
        hidden_at__isnull=True,
        closes_on__gte=today or site_today(),
    )


def job_list(filters: JobFilters) -> QuerySet[Job]:
    """Open jobs matching `filters`, with their employer: newest first, or by the top of
    their pay as a yearly figure (hourly rates over 2,080 hours), highest first."""
    order = ["-published_at", "-id"]
    if filters.sort == "pay":
        order = ["-yearly_salary_max", *order]
    return filter_jobs(open_jobs(), filters).select_related("employer").order_by(*order)


# The single-valued filters and their columns: all counted from one grouped query.
SINGLE_VALUED = {"remote": "workplace", "specialty": "specialty", "type": "employment_type"}


@dataclass
class BoardCounts:
    """How many open jobs match every filter, and, for each filter, how many each of its
    values would list with the other filters kept (the numbers beside the values)."""

    matching: int
    by_filter: dict[str, dict[str, int]]


def board_counts(filters: JobFilters) -> BoardCounts:
    """Three grouped queries, whatever the number of jobs or filters."""
    # The single-valued filters are left out of one query grouped by their columns; each
    # row then counts for a filter when it matches the others.
    rows = (
        filter_jobs(open_jobs(), filters, skip=SINGLE_VALUED, counting=True)
        .values(*SINGLE_VALUED.values())
        .annotate(jobs=Count("pk"))
        .order_by()
    )
    by_filter = {name: Counter() for name in [*SINGLE_VALUED, "credential", "state"]}
    matching = 0
    for row in rows:
        misses = {
            name
            for name, column in SINGLE_VALUED.items()
            if getattr(filters, name) and row[column] != getattr(filters, name)
        }
        matching += row["jobs"] if not misses else 0
        for name, column in SINGLE_VALUED.items():
            if misses <= {name}:
                by_filter[name][row[column]] += row["jobs"]

    # A job lists several credentials: group by the stored list, then add up each value.
    credential_rows = (
        filter_jobs(open_jobs(), filters, skip={"credential"}, counting=True)
        .values("credentials")
        .annotate(jobs=Count("pk"))
        .order_by()
    )
    for row in credential_rows:
        for credential in row["credentials"]:
            by_filter["credential"][credential] += row["jobs"]

    # A state counts the jobs tied to it; remote jobs open anywhere are counted once, apart.
    # Grouped on the jobs' own columns, as credentials are: joining JobArea for each
    # matching job cost more than the other counts together.
    place_rows = (
        filter_jobs(open_jobs(), filters, skip={"state"}, counting=True)
        .values("workplace", "state", "remote_states")
        .annotate(jobs=Count("pk"))
        .order_by()
    )
    by_state = Counter()
    for row in place_rows:
        for state in areas_of(row["workplace"], row["state"], row["remote_states"]):
            by_state[state] += row["jobs"]
    by_filter["state"][NATIONWIDE] = by_state.pop(JobArea.ANYWHERE, 0)
    for state, _ in STATE_CHOICES:
        by_filter["state"][state] = by_state.get(state, 0)
    return BoardCounts(matching=matching, by_filter=by_filter)


def job_for_page(job_id: int) -> Job | None:
    return Job.objects.select_related("employer", "description").filter(pk=job_id).first()


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
        .annotate(likeness=score)
        .order_by("-likeness", "-published_at", "-id")[:limit]
    )


def employer_jobs(employer: EmployerProfile) -> list[Job]:
    """All of an employer's jobs, newest first, whatever their state."""
    return list(employer.jobs.order_by("-created_at", "-id"))


def saved_jobs_of(user) -> list[SavedJob]:
    return list(
        SavedJob.objects.filter(user=user).select_related("job__employer").order_by("-saved_at")
    )


def saved_job_ids(user, jobs: list[Job]) -> set[int]:
    """Which of `jobs` the user saved (an empty set for a guest, with no query)."""
    if not user.is_authenticated or not jobs:
        return set()
    return set(SavedJob.objects.filter(user=user, job__in=jobs).values_list("job_id", flat=True))


def search_is_saved(user, query: str) -> bool:
    """Whether the user gets the digest of this search (False for a guest, with no query)."""
    if not user.is_authenticated:
        return False
    return SavedSearch.objects.filter(user=user, query=query, unsubscribed_at__isnull=True).exists()


def saved_searches_of(user) -> list[SavedSearch]:
    return list(SavedSearch.objects.filter(user=user).order_by("-created_at"))


def named_saved_searches_of(user) -> list[tuple[SavedSearch, str]]:
    """The user's saved searches, each with its short name ("CPC · Remote · Florida")."""
    return [
        (search, filters_from_query(search.query).describe()) for search in saved_searches_of(user)
    ]
