"""The outbox moved down to core (consultant migration 0003) with every email it held: the
rows, their threads and their queued send tasks survive the move and the move back."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from consultant.models import Thread, ThreadEmail
from core.models import OutgoingEmail
from core.outbox import queue_email
from tests.conftest import make_user
from tests.consultant.conftest import CONSULTANT_ADDRESS

BEFORE = [("consultant", "0002_consultants_group")]
AFTER = [("consultant", "0003_move_outgoing_email_to_core")]
# What the move must keep of each email, as CaseConsultant's outbox stored it.
KEPT = [
    "id", "to", "subject", "text", "html", "message_id", "in_reply_to", "reply_to", "status",
    "attempts", "last_error", "created_at", "sent_at", "next_attempt_at",
]  # fmt: skip


def migrate(targets: list[tuple[str, str]]):
    """Migrate the test database to `targets`; returns the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def old_emails(apps) -> list[dict]:
    emails = apps.get_model("consultant", "OutgoingEmail").objects.order_by("id")
    return list(emails.values(*KEPT, "thread_id"))


@pytest.fixture
def old_outbox(transactional_db):
    """CaseConsultant's outbox before the move, holding a sent email of a thread, a queued
    refusal of none, and a failed one; a retry of the queued one is waiting as a task."""
    old_apps = migrate(BEFORE)
    try:
        thread = Thread.objects.create(
            user=make_user(), subject="Modifiers", month="2026-11", slot=1
        )
        model = old_apps.get_model("consultant", "OutgoingEmail")
        common = {"to": "coder@example.org", "reply_to": CONSULTANT_ADDRESS, "html": "<p>Hi</p>"}
        sent_at = timezone.now() - datetime.timedelta(days=2)
        model.objects.create(
            thread_id=thread.pk, subject="Re: Modifiers", text="Answer", message_id="<1@x>",
            status="sent", attempts=1, sent_at=sent_at, **common,
        )  # fmt: skip
        queued = model.objects.create(
            subject="Not accepted", text="Refusal", message_id="<2@x>", in_reply_to="<0@y>",
            status="queued", attempts=2, last_error="ConnectionError: down",
            next_attempt_at=timezone.now() + datetime.timedelta(minutes=4), **common,
        )  # fmt: skip
        model.objects.create(
            subject="Failed", text="Text", message_id="<3@x>", status="failed", attempts=5, **common
        )
        # Rows made now: backdate one to see that the move keeps creation times.
        model.objects.filter(pk=queued.pk).update(created_at=sent_at)
        DBTaskResult.objects.create(
            task_path="consultant.outbox.send_email", backend_name="default",
            args_kwargs={"args": [queued.pk], "kwargs": {}}, run_after=timezone.now(),
        )  # fmt: skip
        yield old_emails(old_apps), thread
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_moving_the_outbox_to_core_keeps_every_email_its_thread_and_its_queued_task(old_outbox):
    before, thread = old_outbox

    migrate(AFTER)

    moved = list(OutgoingEmail.objects.order_by("id").values(*KEPT))
    assert moved == [{name: email[name] for name in KEPT} for email in before]
    assert set(OutgoingEmail.objects.values_list("from_email", flat=True)) == {
        f"CodeAtlas CaseConsultant <{CONSULTANT_ADDRESS}>"
    }
    assert list(ThreadEmail.objects.values_list("email_id", "thread_id")) == [
        (before[0]["id"], thread.pk)
    ]
    assert DBTaskResult.objects.get().task_path == "core.outbox.send_email"
    assert queue_email(to="a@x.org", subject="New", text="Text").pk > before[-1]["id"]


@pytest.mark.django_db(transaction=True)
def test_moving_the_outbox_back_keeps_consultant_emails(old_outbox):
    before, _ = old_outbox
    migrate(AFTER)

    old_apps = migrate(BEFORE)

    assert old_emails(old_apps) == before
    assert not OutgoingEmail.objects.exists()
    assert DBTaskResult.objects.get().task_path == "consultant.outbox.send_email"
