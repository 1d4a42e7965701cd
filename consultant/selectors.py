"""What the consultant pages read: the queue, a thread with its messages, the asker's codes."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import Unlock, User
from accounts.unlocks import current_period

from .hours import time_left
from .models import Message, Thread

CODE_HISTORY_LENGTH = 20


def is_consultant(user: User) -> bool:
    """Staff in the Consultants group (made by a migration), or superusers."""
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and (user.is_superuser or user.groups.filter(name="Consultants").exists())
    )


@dataclass
class QueueEntry:
    thread: Thread
    question: str
    time_left: str
    overdue: bool


def waiting_queue(now: datetime.datetime | None = None) -> list[QueueEntry]:
    """Threads waiting for a consultant, oldest first, with their latest question."""
    now = now or timezone.now()
    threads = (
        Thread.objects.filter(status=Thread.Status.WAITING)
        .select_related("user")
        .order_by("waiting_since", "pk")
    )
    latest = latest_questions([thread.pk for thread in threads])
    return [
        QueueEntry(
            thread=thread,
            question=latest.get(thread.pk, ""),
            time_left=time_left(thread.due_at, now),
            overdue=thread.due_at < now,
        )
        for thread in threads
    ]


def latest_questions(thread_ids: list[int]) -> dict[int, str]:
    """Each thread's latest coder message, in one query."""
    latest: dict[int, str] = {}
    messages = Message.objects.filter(
        thread_id__in=thread_ids, author=Message.Author.CODER
    ).order_by("thread_id", "created_at", "id")
    for thread_id, body in messages.values_list("thread_id", "body"):
        latest[thread_id] = body
    return latest


def user_threads(user: User) -> QuerySet[Thread]:
    return Thread.objects.filter(user=user).order_by("-updated_at")


def thread_messages(thread: Thread) -> list[Message]:
    return list(thread.messages.select_related("consultant").order_by("created_at", "id"))


def latest_draft(messages: list[Message]) -> dict | None:
    """CasePilot's latest draft in a thread's messages."""
    drafts = [message.draft for message in messages if message.author == Message.Author.CASEPILOT]
    return drafts[-1] if drafts else None


@dataclass
class HistoryEntry:
    unlock: Unlock
    in_question: bool


def code_history(user: User, question_codes: list[str]) -> list[HistoryEntry]:
    """The codes the asker opened this period, latest first, marking those the question is
    about (`question_codes` as a draft names them: "CPT 27323")."""
    unlocks = (
        Unlock.objects.filter(user=user, period=current_period())
        .select_related("code__system")
        .order_by("-unlocked_at")[:CODE_HISTORY_LENGTH]
    )
    return [
        HistoryEntry(unlock, f"{unlock.code.system.name} {unlock.code.code}" in question_codes)
        for unlock in unlocks
    ]
