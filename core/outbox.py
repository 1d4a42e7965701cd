"""The outbox, the one way the site sends email: a message is written to the database first,
then sent by a task, retried with growing waits; a final failure stays visible in the admin
(Outgoing emails, status Failed). A send is claimed for a lease: if its worker dies midway,
the email is taken again once the lease has run out."""

import datetime
import logging
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from .models import OutgoingEmail

logger = logging.getLogger(__name__)


def queue_email(
    *,
    to: str,
    subject: str,
    text: str,
    html: str = "",
    from_email: str = "",
    reply_to: str = "",
    in_reply_to: str = "",
    headers: dict[str, str] | None = None,
) -> OutgoingEmail:
    """Store an email and queue its sending, in the caller's transaction: the email exists
    exactly when its task does. It comes from DEFAULT_FROM_EMAIL unless `from_email` says."""
    from_email = from_email or settings.DEFAULT_FROM_EMAIL
    email = OutgoingEmail.objects.create(
        to=to,
        from_email=from_email,
        reply_to=reply_to,
        subject=subject[:250],
        text=text,
        html=html,
        message_id=make_msgid(domain=parseaddr(from_email)[1].rpartition("@")[2] or None),
        in_reply_to=in_reply_to,
        headers=headers or {},
    )
    send_email.enqueue(email.pk)
    return email


def retry_delay(attempts: int) -> datetime.timedelta:
    """The wait after the `attempts`th failed try: 1, 4, 16, 64... times the first wait."""
    return datetime.timedelta(seconds=settings.EMAIL_SEND_RETRY_SECONDS * 4 ** (attempts - 1))


def email_message(email: OutgoingEmail) -> EmailMultiAlternatives:
    """The stored email as the email backend sends it."""
    headers = {"Message-ID": email.message_id}
    if email.in_reply_to:
        headers |= {"In-Reply-To": email.in_reply_to, "References": email.in_reply_to}
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text,
        from_email=email.from_email,
        to=[email.to],
        reply_to=[email.reply_to] if email.reply_to else None,
        headers=headers | email.headers,
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    return message


def lease_run_out(now: datetime.datetime) -> Q:
    """Emails claimed by a sender that has not finished within the lease: it died midway."""
    return Q(status=OutgoingEmail.Status.SENDING, next_attempt_at__lte=now)


def deliver(email_id: int) -> datetime.datetime | None:
    """Hand a queued email to the email backend. Returns when to try again after a failure
    that has attempts left; None when it was sent, has failed for good, or was not queued."""
    # Claim it for a lease (next_attempt_at, while sending): of two tasks for one email (its
    # queued task and a direct send, or a retry), one sends, and none before the retry's
    # time; an attempt that died midway counts, and the email is claimed again after it.
    now = timezone.now()
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    claimable = Q(due, status=OutgoingEmail.Status.QUEUED) | Q(
        lease_run_out(now), attempts__lt=settings.EMAIL_SEND_ATTEMPTS
    )
    claimed = OutgoingEmail.objects.filter(claimable, pk=email_id).update(
        status=OutgoingEmail.Status.SENDING,
        attempts=F("attempts") + 1,
        next_attempt_at=now + datetime.timedelta(seconds=settings.EMAIL_SEND_LEASE_SECONDS),
    )
    if not claimed:
        return None
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        email_message(email).send()
    except Exception as error:  # any backend failure: network, provider refusal, SMTP
        email.last_error = f"{type(error).__name__}: {error}"[:2000]
        if email.attempts >= settings.EMAIL_SEND_ATTEMPTS:
            email.status = OutgoingEmail.Status.FAILED
            email.next_attempt_at = None
            logger.error("Email %s failed for good after %s attempts", email.pk, email.attempts)
        else:
            email.status = OutgoingEmail.Status.QUEUED
            email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
            logger.warning("Email %s not sent (attempt %s), retrying", email.pk, email.attempts)
        email.save(update_fields=["status", "last_error", "next_attempt_at"])
        return email.next_attempt_at
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.next_attempt_at = None
    email.save(update_fields=["status", "sent_at", "next_attempt_at"])
    return None


def send_or_schedule_retry(email_id: int) -> None:
    """Send a stored email; after a failure with attempts left, queue the next try for later."""
    retry_at = deliver(email_id)
    if retry_at is not None:
        send_email.using(run_after=retry_at).enqueue(email_id)


@task()
def send_email(email_id: int) -> None:
    """Send a stored email, then any whose sending stopped midway (see resume_stalled)."""
    send_or_schedule_retry(email_id)
    resume_stalled()


def resume_stalled() -> int:
    """Send the emails whose sending stopped midway: left sending past their lease (a worker
    died), or due for longer than a lease with no task taking them (it died before its
    claim). One that died at its last attempt has failed. Returns how many were tried."""
    now = timezone.now()
    lease = datetime.timedelta(seconds=settings.EMAIL_SEND_LEASE_SECONDS)
    OutgoingEmail.objects.filter(
        lease_run_out(now), attempts__gte=settings.EMAIL_SEND_ATTEMPTS
    ).update(
        status=OutgoingEmail.Status.FAILED,
        next_attempt_at=None,
        last_error="Sending stopped midway (its worker died) at the last attempt.",
    )
    queued_too_long = Q(status=OutgoingEmail.Status.QUEUED) & (
        Q(next_attempt_at__lte=now - lease)
        | Q(next_attempt_at__isnull=True, created_at__lte=now - lease)
    )
    stalled = list(
        OutgoingEmail.objects.filter(lease_run_out(now) | queued_too_long).values_list(
            "pk", flat=True
        )
    )
    for email_id in stalled:
        send_or_schedule_retry(email_id)
    return len(stalled)


def send_again(email: OutgoingEmail) -> None:
    """Queue a failed (or stuck) email once more with fresh attempts: the admin's action."""
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=OutgoingEmail.Status.QUEUED, attempts=0, next_attempt_at=None
    )
    send_email.enqueue(email.pk)
