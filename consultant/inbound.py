"""Inbound email, whichever provider posted it: who sent it, whether to answer, and what to
store. Nothing of a refused email is stored but a receipt (provider id and outcome)."""

import datetime
import hashlib
import logging
import re
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from anymail.signals import AnymailInboundEvent
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.ratelimit import take
from core.site_url import absolute_url

from .authentication import sender_authenticated, verdicts_from_headers
from .email_text import email_text
from .emails import queue_email
from .intake import QuestionRefused, ask, checked_question
from .models import HeldEmail, InboundReceipt, Message
from .threads import AllowanceSpent, allowance_renewal, thread_allowance, thread_for_reply

logger = logging.getLogger(__name__)
Outcome = InboundReceipt.Outcome

MESSAGE_ID = re.compile(r"<[^<>\s]+>")
REPLY_PREFIX = re.compile(r"^\s*((re|fwd?|aw)\s*:\s*)+", re.IGNORECASE)
# Auto-Submitted (RFC 3834) and the Precedence values of out-of-office and list mail:
# answering them would start a loop of automatic mail.
AUTOMATIC_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}
DAY_SECONDS = 24 * 3600


class InboundRefused(SuspiciousOperation):
    """A post we will not read (NUL bytes in its ids, a replayed signature...): Django answers
    400 and logs it under django.security; nothing of it is stored."""


@dataclass(frozen=True)
class InboundEmail:
    """What CaseConsultant reads of an inbound email, whichever provider posted it."""

    provider: str
    provider_id: str
    sender: str  # the From address, "" when there is not exactly one
    subject: str
    text: str
    spam: bool = False
    automatic: bool = False
    message_id: str = ""
    references: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    attachments: int = 0
    authenticated: bool = False  # the provider's SPF/DKIM/DMARC verdicts vouch for the sender
    signature_token: str = ""  # Mailgun's, taken once


def content_id(message) -> str:
    """Mailgun posts no id of its own: a redelivery is the same sender, date, Message-ID,
    subject and body; a reused Message-ID with another body is another email."""
    parts = [
        message.envelope_sender or "",
        *(message[name] or "" for name in ("From", "Date", "Message-ID", "Subject")),
        message.text or "",
        message.html or "",
    ]
    return "sha256:" + hashlib.sha256("\x00".join(parts).encode("utf-8", "replace")).hexdigest()


def read_inbound(event: AnymailInboundEvent, provider: str) -> InboundEmail:
    """The parts of anymail's normalised inbound event that CaseConsultant uses; raises
    InboundRefused when an id or address holds a NUL byte (no database stores one).

    The provider's id names the delivery: Postmark's MessageID; for Mailgun, a digest of the
    email (`content_id`), its signature's token being kept apart, to be taken once.
    """
    message = event.message
    sender = message.from_email
    provider_id = event.event_id or ""
    signature_token = ""
    if provider == "Mailgun":
        provider_id, signature_token = content_id(message), provider_id
    recipients = [address.addr_spec for address in [*message.to, *message.cc, *message.bcc]]
    if message.envelope_recipient:
        recipients.append(message.envelope_recipient)
    precedence = (message["Precedence"] or "").strip().lower()
    from_address = sender.addr_spec if sender is not None and not isinstance(sender, list) else ""
    email = InboundEmail(
        provider=provider.lower(),
        provider_id=provider_id[:250],
        sender=from_address,
        subject=REPLY_PREFIX.sub("", message.subject or "").strip(),
        text=email_text(
            text=message.text or "", html=message.html or "", stripped_text=message.stripped_text
        ),
        spam=bool(message.spam_detected),
        automatic=(message["Auto-Submitted"] or "no").strip().lower() != "no"
        or precedence in AUTOMATIC_PRECEDENCE,
        message_id=(message["Message-ID"] or "").strip(),
        references=MESSAGE_ID.findall(
            f"{message['In-Reply-To'] or ''} {message['References'] or ''}"
        ),
        recipients=recipients,
        attachments=len(message.attachments) + len(message.content_id_map),
        authenticated=sender_authenticated(
            verdicts_from_headers(list(message.items())),
            from_address=from_address,
            envelope_sender=message.envelope_sender or "",
            dkim_signatures=[str(value) for value in message.get_all("DKIM-Signature", [])],
        ),
        signature_token=signature_token,
    )
    identities = [email.provider_id, email.sender, email.message_id, signature_token]
    if any("\x00" in value for value in [*identities, *email.references, *recipients]):
        raise InboundRefused(f"{provider} posted a NUL byte in an id or an address")
    return email


def reply_tokens(recipients: list[str]) -> list[str]:
    """The thread tokens of the recipients that are our reply addresses (consultant+TOKEN@)."""
    local, _, domain = settings.CONSULTANT_ADDRESS.rpartition("@")
    pattern = re.compile(rf"^{re.escape(local)}\+([0-9a-f]+)@{re.escape(domain)}$", re.IGNORECASE)
    return [match.group(1).lower() for match in map(pattern.match, recipients) if match]


def verified_account(address: str) -> User | None:
    """The active account whose verified address this is, whatever its case."""
    if not address:
        return None
    found = (
        EmailAddress.objects.filter(email__iexact=address, verified=True, user__is_active=True)
        .select_related("user")
        .first()
    )
    return found.user if found else None


def receive_email(email: InboundEmail) -> InboundReceipt.Outcome:
    """Answer, hold, refuse or ignore one inbound email, exactly once per provider id; raises
    InboundRefused for a Mailgun signature already taken with another email."""
    with transaction.atomic():
        if (
            email.signature_token
            and InboundReceipt.objects.filter(
                provider=email.provider, signature_token=email.signature_token
            )
            .exclude(provider_id=email.provider_id)
            .exists()
        ):
            raise InboundRefused(f"{email.provider} signature replayed with another email")
        receipt, created = InboundReceipt.objects.get_or_create(
            provider=email.provider,
            provider_id=email.provider_id,
            defaults={"outcome": Outcome.STORED, "signature_token": email.signature_token},
        )
        outcome, message = (Outcome.DUPLICATE, None) if not created else handle(email)
        if created:
            receipt.outcome, receipt.message = outcome, message
            receipt.save(update_fields=["outcome", "message"])
    # The outcome and the provider's id only: never the sender's address or the text.
    logger.info("Inbound email %s %s: %s", email.provider, email.provider_id, outcome.label)
    return outcome


def handle(email: InboundEmail) -> tuple[InboundReceipt.Outcome, Message | None]:
    if email.spam:
        return Outcome.SPAM, None
    if email.automatic:
        return Outcome.AUTOMATIC, None
    user = verified_account(email.sender)
    if user is None:
        return Outcome.UNKNOWN_SENDER, None  # no reply: the From address may be forged
    try:
        text = checked_question(email.text or email.subject)
        checked_question(email.subject or text)  # the subject is stored too
    except QuestionRefused as refusal:
        if email.authenticated:  # else the member may never have sent it: no reply
            refuse(user, email, refusal.reason)
        return (Outcome.PHI if refusal.phi else Outcome.UNREADABLE), None
    if not email.authenticated:
        hold(user, email, text)
        return Outcome.HELD, None
    return store_question(user, email, text)


def store_question(
    user: User, email: InboundEmail, text: str
) -> tuple[InboundReceipt.Outcome, Message | None]:
    """Open or continue the thread of a checked question from `user`'s address."""
    thread = thread_for_reply(
        user, reply_tokens=reply_tokens(email.recipients), references=email.references
    )
    try:
        message = ask(
            user,
            text=text,
            subject=email.subject,
            channel=Message.Channel.EMAIL,
            attachments_dropped=email.attachments,
            email_message_id=email.message_id,
            thread=thread,
        )
    except AllowanceSpent:
        refuse(
            user,
            email,
            f"Your account may open {thread_allowance(user)} questions a month and has "
            f"opened them all; more open on {allowance_renewal()}. Reply to one of your "
            "earlier answers to continue that conversation, or ask about upgrading.",
        )
        return Outcome.OVER_ALLOWANCE, None
    return Outcome.STORED, message


def take_reply(address: str) -> bool:
    """Count one automatic reply to `address`; False once it had its day's replies, so forged
    mail cannot flood a member's mailbox with our answers."""
    digest = hashlib.sha256(address.lower().encode()).hexdigest()  # no address in the cache
    limit = settings.CONSULTANT_DAILY_REPLIES_PER_ADDRESS
    return take({f"consultant:replies:{digest}": limit}, window_seconds=DAY_SECONDS)


def refuse(user: User, email: InboundEmail, reason: str) -> None:
    """One reply saying why the email was not taken; it never repeats what the email said."""
    if not take_reply(user.email):
        logger.warning(
            "Inbound email %s %s: daily replies spent", email.provider, email.provider_id
        )
        return
    queue_email(
        to=user.email,
        subject="Your question to CaseConsultant was not accepted",
        template="consultant/email/refusal",
        context={"reason": reason},
        in_reply_to=email.message_id,
    )


def hold(user: User, email: InboundEmail, text: str) -> HeldEmail:
    """Keep a screened question whose sender the provider could not authenticate, and ask
    the member, at their verified address, to confirm it by a link (within the day's
    replies)."""
    held = HeldEmail.objects.create(
        user=user,
        provider=email.provider,
        subject=email.subject[:200],
        text=text,
        message_id=email.message_id[:250],
        references=email.references,
        recipients=email.recipients,
        attachments=email.attachments,
    )
    if take_reply(user.email):
        queue_email(
            to=user.email,
            subject="Confirm your question to CaseConsultant",
            template="consultant/email/confirm_held",
            context={
                "subject": held.subject,
                "confirm_url": absolute_url(held.get_absolute_url()),
                "days": settings.CONSULTANT_HOLD_DAYS,
            },
            in_reply_to=email.message_id,
        )
    return held


def held_email_for(user: User, token: str) -> HeldEmail | None:
    """`user`'s held email of this link, while it may still be confirmed."""
    since = timezone.now() - datetime.timedelta(days=settings.CONSULTANT_HOLD_DAYS)
    return HeldEmail.objects.filter(
        user=user, token=token, confirmed_at__isnull=True, received_at__gte=since
    ).first()


def confirm_held_email(held: HeldEmail) -> tuple[InboundReceipt.Outcome, Message | None]:
    """The member sent it: take the held question as if it had been authenticated."""
    with transaction.atomic():
        claimed = HeldEmail.objects.filter(pk=held.pk, confirmed_at__isnull=True)
        if not claimed.update(confirmed_at=timezone.now()):
            return Outcome.DUPLICATE, None  # a second click
        email = InboundEmail(
            provider=held.provider,
            provider_id=f"held:{held.pk}",
            sender=held.user.email,
            subject=held.subject,
            text=held.text,
            message_id=held.message_id,
            references=held.references,
            recipients=held.recipients,
            attachments=held.attachments,
            authenticated=True,
        )
        return store_question(held.user, email, held.text)
