"""CasePilot's draft for a coder's message: quoted from our pages as the asker may read them
(no code page view used), stored in the thread and emailed at once, or the question handed
to a consultant with the time they will answer by."""

import re

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from assistant.answers import Answer, answer_for, mail_asker
from assistant.questions import MAX_QUESTION_LENGTH, QuestionError, read_question
from core.models import OutgoingEmail
from core.outbox import send_email
from lookup.models import Code

from .emails import queue_email, thread_in_reply_to
from .hours import due_by
from .models import Message, Thread

EMPTY_DRAFT = {
    "found": False, "answered": False, "sentences": [], "sources": [], "locked": [], "codes": [],
}  # fmt: skip
# A question of a coder's message ends at a question mark (or a line's end).
QUESTION_END = re.compile(r"(?<=\?)\s+|\n+")
MAX_QUESTIONS = 4


def casepilot_question(text: str):
    """The coder's text as CasePilot reads a question: one line, at most its length limit
    (cut at a word). None when CasePilot cannot read it at all."""
    line = " ".join(text.split())
    if len(line) > MAX_QUESTION_LENGTH:
        line = line[:MAX_QUESTION_LENGTH].rsplit(" ", 1)[0]
    try:
        return read_question(line)
    except QuestionError:
        return None


def code_entry(code: Code) -> dict:
    return {
        "code": f"{code.system.name} {code.code}",
        "title": code.short_descriptor,
        "url": code.get_absolute_url(),
    }


def questions_in(text: str) -> list[str]:
    """The questions of a coder's message: its parts ending at a question mark or a line's
    end, those with a word in them; the whole text when it has one part."""
    parts = [part.strip() for part in QUESTION_END.split(text) if part and part.strip()]
    parts = [part for part in parts if re.search(r"[A-Za-z]{2}", part)]
    return parts[:MAX_QUESTIONS] if len(parts) > 1 else [text]


def draft_of(answer: Answer | None) -> dict:
    """An answer as stored and emailed: sentences with citation numbers, the sources, the
    sections that are locked for the asker (names only), the codes the question names, and
    whether it answers the question itself (`answered`)."""
    if answer is None:
        return EMPTY_DRAFT
    codes = answer.question.subject_codes
    return {
        "found": answer.found,
        "answered": answer.answers_directly,
        "sentences": [
            {"text": sentence.text, "citation": sentence.citation} for sentence in answer.sentences
        ],
        "sources": [
            {
                "number": source.number,
                "code": source.label,
                "title": source.title,
                "url": source.url,
                "edition": source.edition,
            }
            for source in answer.sources
        ],
        "locked": [
            {
                "code": f"{locked.code.system.name} {locked.code.code}",
                "title": locked.title,
                "url": locked.url,
            }
            for locked in answer.locked
        ],
        "codes": [code_entry(code) for code in codes],
    }


def merged_drafts(drafts: list[dict]) -> dict:
    """One draft of the answers to a message's questions: sources renumbered in order, and
    answered only when every question was."""
    merged = EMPTY_DRAFT | {"answered": bool(drafts), "sentences": [], "sources": [],
                            "locked": [], "codes": []}  # fmt: skip
    for draft in drafts:
        numbers = {}
        for source in draft["sources"]:
            known = next((each for each in merged["sources"] if each["url"] == source["url"]), None)
            if known is None:
                known = source | {"number": len(merged["sources"]) + 1}
                merged["sources"].append(known)
            numbers[source["number"]] = known["number"]
        merged["sentences"] += [
            sentence | {"citation": numbers.get(sentence["citation"], 0)}
            for sentence in draft["sentences"]
        ]
        merged["locked"] += [each for each in draft["locked"] if each not in merged["locked"]]
        merged["codes"] += [each for each in draft["codes"] if each not in merged["codes"]]
        merged["answered"] = merged["answered"] and draft["answered"]
    merged["found"] = bool(merged["sentences"])
    return merged


def draft_for(thread: Thread, text: str) -> dict:
    """CasePilot's answers to the questions of `text` for the thread's asker: what they may
    read, no view used."""
    asker = mail_asker(thread.user)
    drafts = []
    for part in questions_in(text):
        question = casepilot_question(part)
        drafts.append(draft_of(answer_for(asker, question) if question else None))
    return merged_drafts(drafts)


def answer_message(message_id: int) -> OutgoingEmail:
    """Draft the answer to a coder's message, store it, and queue the email that carries it.

    The thread waits for a consultant, with CasePilot's draft for them, unless CasePilot
    answered every question of the message directly; also when the coder asked for a person,
    or when it was waiting already. The email then says by when.
    """
    message = Message.objects.select_related("thread__user").get(pk=message_id)
    thread = message.thread
    draft = draft_for(thread, message.body)
    waiting = (
        message.wants_person or thread.status == Thread.Status.WAITING or not draft["answered"]
    )
    with transaction.atomic():
        Message.objects.create(thread=thread, author=Message.Author.CASEPILOT, draft=draft)
        if waiting and thread.status != Thread.Status.WAITING:
            thread.waiting_since = timezone.now()
            thread.due_at = due_by(thread.waiting_since)
        thread.status = Thread.Status.WAITING if waiting else Thread.Status.ANSWERED
        thread.save(update_fields=["status", "waiting_since", "due_at", "updated_at"])
        return queue_email(
            to=thread.user.email,
            subject=f"Re: {thread.subject}",
            template="consultant/email/answer",
            context={
                "thread": thread,
                "question": message,
                "draft": draft,
                "waiting": waiting,
                "asked_for_person": message.wants_person,
            },
            thread=thread,
            in_reply_to=thread_in_reply_to(thread),
        )


@task()
def draft_answer(message_id: int) -> None:
    """Draft and store the answer, then send its email at once from this worker (its queued
    send task finds it sent; after a failure, that task is the retry)."""
    email = answer_message(message_id)
    send_email.call(email.pk)
