"""Threads and their allowance: opening one (within the month's allowance), adding to it,
closing it, and finding the thread an email replies to."""

from django.conf import settings
from django.db import IntegrityError, transaction

from accounts.models import User
from core.days import first_of_next_month, site_month, site_today

from .models import Message, Thread, ThreadEmail

# Racing requests that keep losing slots give up after this many tries (never in practice).
SLOT_ATTEMPTS = 10


class AllowanceSpent(Exception):
    """The account opened all the threads its plan allows this month."""


def thread_allowance(user: User) -> int | None:
    """Threads the account may open per month: None for staff (not limited)."""
    if user.is_staff or user.is_superuser:
        return None
    if user.plan == User.Plan.PREMIUM:
        return settings.CONSULTANT_PREMIUM_THREADS_PER_MONTH
    return settings.CONSULTANT_FREE_THREADS_PER_MONTH


def allowance_renewal() -> str:
    """When every account's allowance is whole again, as pages and emails say it: the first
    of the site's next month ("July 1 at midnight Eastern time")."""
    renews_on = first_of_next_month(site_today())
    return f"{renews_on:%B %-d} at midnight {settings.SITE_TIME_ZONE_NAME}"


def threads_left(user: User) -> int | None:
    """Threads the account may still open this month (None: not limited)."""
    allowance = thread_allowance(user)
    if allowance is None:
        return None
    opened = Thread.objects.filter(user=user, month=site_month()).count()
    return max(allowance - opened, 0)


def open_thread(*, user: User, subject: str) -> Thread:
    """A new thread for `user`, taking the lowest free slot of the month's allowance.

    Slots are unique per account and month, so racing requests can never open more threads
    than the allowance; one that loses a slot tries the next. Raises AllowanceSpent.
    """
    allowance = thread_allowance(user)
    month = site_month()
    for attempt in range(SLOT_ATTEMPTS):
        taken = set(Thread.objects.filter(user=user, month=month).values_list("slot", flat=True))
        limit = allowance if allowance is not None else len(taken) + 1
        free = sorted(set(range(1, limit + 1)) - taken)
        if not free:
            raise AllowanceSpent
        try:
            with transaction.atomic():
                return Thread.objects.create(
                    user=user, subject=subject[:200], month=month, slot=free[0]
                )
        except IntegrityError:
            if attempt == SLOT_ATTEMPTS - 1:
                raise
            # Another request took that slot: read the ledger again.
    raise AssertionError("unreachable")


def add_coder_message(
    thread: Thread,
    *,
    text: str,
    channel: str,
    wants_person: bool,
    attachments_dropped: int = 0,
    email_message_id: str = "",
) -> Message:
    """Store the coder's question or reply; the thread waits for its answer again."""
    message = Message.objects.create(
        thread=thread,
        author=Message.Author.CODER,
        channel=channel,
        body=text,
        wants_person=wants_person,
        attachments_dropped=attachments_dropped,
        email_message_id=email_message_id[:250],
    )
    if thread.status != Thread.Status.WAITING:
        thread.status = Thread.Status.DRAFTING
    thread.save(update_fields=["status", "updated_at"])
    return message


def close_thread(thread: Thread) -> None:
    """The coder has what they needed: the thread leaves the consultants' queue."""
    thread.status = Thread.Status.CLOSED
    thread.waiting_since = None
    thread.due_at = None
    thread.save(update_fields=["status", "waiting_since", "due_at", "updated_at"])


def thread_for_reply(
    user: User, *, reply_tokens: list[str], references: list[str]
) -> Thread | None:
    """The thread of `user`'s that an email continues: by its reply address, else by the
    Message-IDs it answers. A thread of another account is never continued."""
    threads = Thread.objects.filter(user=user)
    if reply_tokens:
        thread = threads.filter(reply_token__in=reply_tokens).first()
        if thread is not None:
            return thread
    if references:
        link = (
            ThreadEmail.objects.filter(email__message_id__in=references, thread__user=user)
            .select_related("thread")
            .first()
        )
        if link is not None:
            return link.thread
    return None
