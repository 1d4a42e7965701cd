"""Daily digests of saved searches: the new jobs matching each, emailed through the outbox
with a one-click unsubscribe. `manage.py send_job_digests` (run daily by cron) queues one
task per search."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from core.models import OutgoingEmail
from core.outbox import queue_email, send_email
from core.site_url import absolute_url

from .filters import filters_from_query
from .models import Job, SavedSearch
from .publication import settled_now
from .selectors import job_list

# Jobs listed in one email; the rest are a link to the board away.
DIGEST_JOBS_SHOWN = 20
UNSUBSCRIBE_SALT = "careers.saved-search.unsubscribe"


def unsubscribe_token(search: SavedSearch) -> str:
    """A signed token naming the search: the unsubscribe link needs no login."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(search.pk))


def search_from_token(token: str) -> SavedSearch | None:
    try:
        search_id = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return SavedSearch.objects.filter(pk=search_id).first()


def new_matches(search: SavedSearch, until) -> QuerySet[Job]:
    """Open jobs matching the search, published after its last digest and up to `until`."""
    return job_list(filters_from_query(search.query)).filter(
        published_at__gt=search.checked_until, published_at__lte=until
    )


def queue_digests() -> int:
    """Queue a digest task for every subscribed search of an active account."""
    searches = SavedSearch.objects.filter(unsubscribed_at__isnull=True, user__is_active=True)
    queued = 0
    for search_id in searches.values_list("pk", flat=True).iterator():
        send_digest.enqueue(search_id)
        queued += 1
    return queued


@task()
def send_digest(search_id: int) -> int:
    """Email one saved search's new jobs; returns how many it listed (0: nothing was sent).

    The window ends when every job published before it has committed (`settled_now`), so
    none published during the run is passed over; it is claimed and its email stored in
    the outbox in one transaction (a second run finds nothing new); the email is sent at
    once from this worker, and a failed send is retried by the outbox with the same jobs.
    """
    search = (
        SavedSearch.objects.select_related("user")
        .filter(pk=search_id, unsubscribed_at__isnull=True, user__is_active=True)
        .first()
    )
    if search is None:
        return 0
    now = settled_now()
    jobs = new_matches(search, now)
    shown = list(jobs[:DIGEST_JOBS_SHOWN])
    with transaction.atomic():
        claimed = SavedSearch.objects.filter(pk=search.pk, checked_until=search.checked_until)
        if not claimed.update(checked_until=now):
            return 0  # another run of this digest took the window
        if not shown:
            return 0
        email = queue_digest_email(search, shown, total=jobs.count())
    # Its queued send task then finds it sent; after a failure, the outbox's retry sends it.
    send_email.call(email.pk)
    return len(shown)


def queue_digest_email(search: SavedSearch, jobs: list[Job], total: int) -> OutgoingEmail:
    """Queue the digest as a text and HTML email with List-Unsubscribe headers (RFC 8058)."""
    filters = filters_from_query(search.query)
    unsubscribe_url = absolute_url(reverse("careers:unsubscribe", args=[unsubscribe_token(search)]))
    context = {
        "SITE_NAME": settings.SITE_NAME,
        "search_name": filters.describe(),
        "jobs": [(job, absolute_url(job.get_absolute_url())) for job in jobs],
        "total": total,
        "more": total - len(jobs),
        "board_url": absolute_url(reverse("careers:list") + f"?{search.query}"),
        "unsubscribe_url": unsubscribe_url,
    }
    subject = f"{total} new job{'s' if total != 1 else ''} for {filters.describe()}"
    return queue_email(
        to=search.user.email,
        subject=f"{subject} | {settings.SITE_NAME} CareerCenter",
        text=render_to_string("careers/email/digest.txt", context),
        html=render_to_string("careers/email/digest.html", context),
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
