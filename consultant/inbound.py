"""Inbound email, whichever provider posted it: who sent it, whether to answer, and what to
store. Nothing of a refused email is stored but a receipt (provider id and outcome)."""

import logging
import re
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from anymail.signals import AnymailInboundEvent
from django.conf import settings
from django.db import transaction

from accounts.models import User

from .email_text import email_text
from .emails import queue_email
from .intake import QuestionRefused, ask, checked_question
from .models import InboundReceipt, Message
from .threads import AllowanceSpent, allowance_renewal, thread_allowance, thread_for_reply

logger = logging.getLogger(__name__)
Outcome = InboundReceipt.Outcome

MESSAGE_ID = re.compile(r"<[^<>\s]+>")
REPLY_PREFIX = re.compile(r"^\s*((re|fwd?|aw)\s*:\s*)+", re.IGNORECASE)
# Auto-Submitted (RFC 3834) and the Precedence values of out-of-office and list mail:
# answering them would start a loop of automatic mail.
AUTOMATIC_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}


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


def read_inbound(event: AnymailInboundEvent, provider: str) -> InboundEmail:
    """The parts of anymail's normalised inbound event that CaseConsultant uses.

    The provider's id names the delivery: Postmark's MessageID; Mailgun posts no id of its
    own besides its signature's token, so its Message-Id header (else that token).
    """
    message = event.message
    sender = message.from_email
    provider_id = event.event_id or ""
    if provider == "Mailgun":
        provider_id = (message["Message-ID"] or "").strip() or provider_id
    recipients = [address.addr_spec for address in [*message.to, *message.cc, *message.bcc]]
    if message.envelope_recipient:
        recipients.append(message.envelope_recipient)
    precedence = (message["Precedence"] or "").strip().lower()
    return InboundEmail(
        provider=provider.lower(),
        provider_id=provider_id[:250],
        sender=sender.addr_spec if sender is not None and not isinstance(sender, list) else "",
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
    )


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
    """Answer, refuse or ignore one inbound email, exactly once per provider id."""
    with transaction.atomic():
        receipt, created = InboundReceipt.objects.get_or_create(
            provider=email.provider,
            provider_id=email.provider_id,
            defaults={"outcome": Outcome.STORED},
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
        refuse(user, email, refusal.reason)
        return (Outcome.PHI if refusal.phi else Outcome.UNREADABLE), None
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


def refuse(user: User, email: InboundEmail, reason: str) -> None:
    """One reply saying why the email was not taken; it never repeats what the email said."""
    queue_email(
        to=user.email,
        subject="Your question to CaseConsultant was not accepted",
        template="consultant/email/refusal",
        context={"reason": reason},
        in_reply_to=email.message_id,
    )
