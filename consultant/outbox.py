"""Outgoing email: written to the database first, then sent by a task, retried with growing
waits; a final failure stays visible in the admin (Outgoing emails, status Failed)."""

import datetime
import logging
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from .models import Message, OutgoingEmail, Thread

logger = logging.getLogger(__name__)


def consultant_domain() -> str:
    return settings.CONSULTANT_ADDRESS.rpartition("@")[2]


def reply_address(thread: Thread | None) -> str:
    """Where a reply goes: the thread's own address (consultant+TOKEN@...), else the plain one."""
    if thread is None:
        return settings.CONSULTANT_ADDRESS
    local, _, domain = settings.CONSULTANT_ADDRESS.rpartition("@")
    return f"{local}+{thread.reply_token}@{domain}"


def from_address() -> str:
    return f"{settings.SITE_NAME} CaseConsultant <{settings.CONSULTANT_ADDRESS}>"


def queue_email(
    *,
    to: str,
    subject: str,
    template: str,
    context: dict,
    thread: Thread | None = None,
    in_reply_to: str = "",
) -> OutgoingEmail:
    """Render `template` (.txt and .html) into a stored email and queue its sending, in the
    caller's transaction: the email exists exactly when its task does."""
    context = context | {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL}
    email = OutgoingEmail.objects.create(
        thread=thread,
        to=to,
        subject=subject[:250],
        text=render_to_string(f"{template}.txt", context),
        html=render_to_string(f"{template}.html", context),
        message_id=make_msgid(domain=consultant_domain()),
        in_reply_to=in_reply_to,
        reply_to=reply_address(thread),
    )
    send_email.enqueue(email.pk)
    return email


def thread_in_reply_to(thread: Thread) -> str:
    """The Message-ID an email in `thread` answers: the coder's latest email, else our last."""
    coder_email = (
        thread.messages.filter(author=Message.Author.CODER)
        .exclude(email_message_id="")
        .order_by("-created_at", "-id")
        .values_list("email_message_id", flat=True)
        .first()
    )
    if coder_email:
        return coder_email
    return (
        thread.emails.order_by("-created_at", "-id").values_list("message_id", flat=True).first()
        or ""
    )


def retry_delay(attempts: int) -> datetime.timedelta:
    """The wait after the `attempts`th failed try: 1, 4, 16, 64... times the first wait."""
    return datetime.timedelta(seconds=settings.CONSULTANT_EMAIL_RETRY_SECONDS * 4 ** (attempts - 1))


def deliver(email_id: int) -> datetime.datetime | None:
    """Hand a queued email to the email backend. Returns when to try again after a failure
    that has attempts left; None when it was sent, has failed for good, or was not queued."""
    # Claim it: of two tasks for one email (its queued task and a direct send, or a retry),
    # one sends, and none before the retry's time.
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now())
    claimed = OutgoingEmail.objects.filter(due, pk=email_id, status=OutgoingEmail.Status.QUEUED)
    if not claimed.update(status=OutgoingEmail.Status.SENDING):
        return None
    email = OutgoingEmail.objects.get(pk=email_id)
    headers = {"Message-ID": email.message_id}
    if email.in_reply_to:
        headers |= {"In-Reply-To": email.in_reply_to, "References": email.in_reply_to}
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text,
        from_email=from_address(),
        to=[email.to],
        reply_to=[email.reply_to],
        headers=headers,
    )
    message.attach_alternative(email.html, "text/html")
    email.attempts += 1
    try:
        message.send()
    except Exception as error:  # any backend failure: network, provider refusal, SMTP
        email.last_error = f"{type(error).__name__}: {error}"[:2000]
        if email.attempts >= settings.CONSULTANT_EMAIL_ATTEMPTS:
            email.status = OutgoingEmail.Status.FAILED
            email.next_attempt_at = None
            logger.error("Email %s failed for good after %s attempts", email.pk, email.attempts)
        else:
            email.status = OutgoingEmail.Status.QUEUED
            email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
            logger.warning("Email %s not sent (attempt %s), retrying", email.pk, email.attempts)
        email.save(update_fields=["status", "attempts", "last_error", "next_attempt_at"])
        return email.next_attempt_at
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.next_attempt_at = None
    email.save(update_fields=["status", "attempts", "sent_at", "next_attempt_at"])
    return None


@task()
def send_email(email_id: int) -> None:
    """Send a stored email; after a failure with attempts left, queue the next try for later."""
    retry_at = deliver(email_id)
    if retry_at is not None:
        send_email.using(run_after=retry_at).enqueue(email_id)


def send_again(email: OutgoingEmail) -> None:
    """Queue a failed (or stuck) email once more with fresh attempts: the admin's action."""
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=OutgoingEmail.Status.QUEUED, attempts=0, next_attempt_at=None
    )
    send_email.enqueue(email.pk)
