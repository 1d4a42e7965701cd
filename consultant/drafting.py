"""CasePilot's draft for a coder's message: quoted from our pages as the asker may read them
(no code page view used), stored in the thread and emailed at once, or the question handed
to a consultant with the time they will answer by."""

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

EMPTY_DRAFT = {"found": False, "sentences": [], "sources": [], "locked": [], "codes": []}


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


def draft_of(answer: Answer | None) -> dict:
    """An answer as stored and emailed: sentences with citation numbers, the sources, the
    sections that are locked for the asker (names only) and the codes it is about."""
    if answer is None:
        return EMPTY_DRAFT
    codes = list(
        dict.fromkeys(
            [
                *answer.question.subject_codes,
                *(source.code for source in answer.sources),
                *answer.search_results,
            ]
        )
    )
    return {
        "found": answer.found,
        "sentences": [
            {"text": sentence.text, "citation": sentence.citation} for sentence in answer.sentences
        ],
        "sources": [
            {
                "number": source.number,
                "code": f"{source.code.system.name} {source.code.code}",
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


def draft_for(thread: Thread, text: str) -> dict:
    """CasePilot's answer to `text` for the thread's asker: what they may read, no view used."""
    question = casepilot_question(text)
    return draft_of(answer_for(mail_asker(thread.user), question) if question else None)


def answer_message(message_id: int) -> OutgoingEmail:
    """Draft the answer to a coder's message, store it, and queue the email that carries it.

    The thread waits for a consultant when CasePilot found nothing to quote, when the coder
    asked for a person, or when it was waiting already; the email then says by when.
    """
    message = Message.objects.select_related("thread__user").get(pk=message_id)
    thread = message.thread
    draft = draft_for(thread, message.body)
    waiting = message.wants_person or thread.status == Thread.Status.WAITING or not draft["found"]
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
