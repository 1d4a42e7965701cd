"""A consultant's answer: their markdown, sanitised, with the CasePilot citations they chose
to quote, as the asker may read them now; stored in the thread and emailed."""

from django.db import transaction

from accounts.models import User
from core.markdown import render_markdown

from .drafting import draft_for
from .emails import queue_email, thread_in_reply_to
from .models import Message, Thread


def quoted_draft(draft: dict, urls: list[str]) -> dict:
    """The sentences of `draft` whose source is one of `urls`, with their sources renumbered."""
    numbers: dict[int, int] = {}
    sources, sentences = [], []
    by_number = {source["number"]: source for source in draft["sources"]}
    for sentence in draft["sentences"]:
        source = by_number.get(sentence["citation"])
        if source is None or source["url"] not in urls:
            continue
        if source["number"] not in numbers:
            numbers[source["number"]] = len(numbers) + 1
            sources.append(source | {"number": numbers[source["number"]]})
        sentences.append({"text": sentence["text"], "citation": numbers[source["number"]]})
    return {"found": bool(sentences), "answered": bool(sentences), "sentences": sentences,
            "sources": sources, "locked": [], "codes": []}  # fmt: skip


def latest_question(thread: Thread) -> Message:
    return thread.messages.filter(author=Message.Author.CODER).order_by("-created_at", "-id")[0]


def answer_thread(
    thread: Thread, *, consultant: User, markdown: str, quote_urls: list[str]
) -> Message:
    """Store and email a consultant's answer; the thread is answered.

    Quotes are taken from CasePilot's answer drafted again now for the asker, so a quote is
    never text the asker may not read, even if their access changed since the first draft.
    """
    quotes = quoted_draft(draft_for(thread, latest_question(thread).body), quote_urls)
    with transaction.atomic():
        message = Message.objects.create(
            thread=thread,
            author=Message.Author.CONSULTANT,
            consultant=consultant,
            body=markdown,
            body_html=render_markdown(markdown),
            draft=quotes if quotes["found"] else None,
        )
        thread.status = Thread.Status.ANSWERED
        thread.waiting_since = thread.due_at = None
        thread.save(update_fields=["status", "waiting_since", "due_at", "updated_at"])
        queue_email(
            to=thread.user.email,
            subject=f"Re: {thread.subject}",
            template="consultant/email/consultant_answer",
            context={"thread": thread, "answer": message},
            thread=thread,
            in_reply_to=thread_in_reply_to(thread),
        )
    return message
