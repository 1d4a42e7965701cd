"""Take a coder's question in, from the form or an email: check it, screen it for patient
identifiers, open or continue its thread, and queue CasePilot's draft."""

import re
import unicodedata

from django.conf import settings
from django.db import transaction

from accounts.models import User

from .drafting import draft_answer
from .models import Message, Thread
from .phi import find_phi, redacted, refusal_reason
from .threads import add_coder_message, open_thread

INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co"}
# Asking for a person: "a human", "a real person", "talk to a consultant", "escalate"...
WANTS_PERSON = re.compile(
    r"\b(human|(a|real|actual|live) person|(a|real|human) (consultant|coder|expert)|"
    r"(speak|talk|chat) (to|with) (someone|somebody|a \w+)|escalate)\b",
    re.IGNORECASE,
)


class QuestionRefused(Exception):
    """A question we will not take as written: `reason` tells the asker why and what to do;
    when it holds patient identifiers, `redacted` is the question with them replaced."""

    def __init__(self, reason: str, *, redacted: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.redacted = redacted

    @property
    def phi(self) -> bool:
        return bool(self.redacted)


def checked_question(raw: str) -> str:
    """The question as the coder wrote it, tidied; QuestionRefused when it is empty, too long,
    unreadable or holds patient identifiers (then nothing of it may be stored)."""
    if "\x00" in raw or "\ufffd" in raw:
        raise QuestionRefused(
            "Your question has characters we could not read. Send it as plain text."
        )
    text = unicodedata.normalize("NFKC", raw).replace("\r\n", "\n")
    if any(
        unicodedata.category(char) in INVISIBLE_CATEGORIES for char in text if char not in "\t\n"
    ):
        raise QuestionRefused(
            "Your question has invisible control characters. Retype it as plain text."
        )
    text = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    if not text:
        raise QuestionRefused("Write your question, for example: Which modifiers apply to 27323?")
    limit = settings.CONSULTANT_MAX_QUESTION_CHARACTERS
    if len(text) > limit:
        raise QuestionRefused(
            f"Your question is too long: send at most {limit:,} characters (it has "
            f"{len(text):,}). Ask about one coding point at a time."
        )
    findings = find_phi(text)
    if findings:
        raise QuestionRefused(refusal_reason(findings), redacted=redacted(text, findings))
    return text


def wants_a_person(text: str) -> bool:
    """Whether the coder asks for a consultant rather than CasePilot's quoted answer."""
    return WANTS_PERSON.search(text) is not None


def subject_from(text: str) -> str:
    """A thread's subject when the coder gave none: the question's first line, shortened."""
    first_line = text.split("\n", 1)[0]
    return first_line if len(first_line) <= 80 else first_line[:77].rsplit(" ", 1)[0] + "..."


def ask(
    user: User,
    *,
    text: str,
    subject: str = "",
    channel: str = Message.Channel.WEB,
    wants_person: bool = False,
    attachments_dropped: int = 0,
    email_message_id: str = "",
    thread: Thread | None = None,
) -> Message:
    """Store a checked question (`checked_question`) as a new thread, or as a reply in
    `thread`, and queue CasePilot's draft. A new thread needs the month's allowance
    (raises AllowanceSpent)."""
    with transaction.atomic():
        if thread is None:
            thread = open_thread(user=user, subject=subject.strip() or subject_from(text))
        message = add_coder_message(
            thread,
            text=text,
            channel=channel,
            wants_person=wants_person or wants_a_person(text),
            attachments_dropped=attachments_dropped,
            email_message_id=email_message_id,
        )
        # Queued in the same transaction: the draft is run exactly when the question exists.
        draft_answer.enqueue(message.pk)
    return message
