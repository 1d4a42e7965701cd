"""A send is claimed for a lease: an email whose worker died while sending it is sent again
once the lease has run out, and never twice while it holds."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.models import OutgoingEmail
from core.outbox import queue_email
from tests.conftest import run_worker

pytestmark = pytest.mark.django_db


class DyingBackend:
    """The worker is killed while the email backend talks to the provider."""

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise SystemExit("worker killed mid-send")


@pytest.fixture
def email_left_sending(settings):
    """An email whose worker died while sending it: it is left "sending"."""
    settings.EMAIL_SEND_LEASE_SECONDS = 600
    settings.EMAIL_BACKEND = "tests.core.test_outbox.DyingBackend"
    email = queue_email(to="coder@example.org", subject="Verify your address", text="Link")
    run_worker()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENDING
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return email


def make_leases_run_out() -> None:
    """Time passes: every sender's lease runs out."""
    past = timezone.now() - datetime.timedelta(seconds=1)
    OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENDING).update(next_attempt_at=past)


def subjects_sent() -> list[str]:
    return sorted(message.subject for message in mail.outbox)


def test_an_email_left_sending_past_its_lease_is_sent_by_the_next_send_task(email_left_sending):
    make_leases_run_out()

    queue_email(to="other@example.org", subject="Another email", text="Text")
    run_worker()

    assert subjects_sent() == ["Another email", "Verify your address"]
    email_left_sending.refresh_from_db()
    assert email_left_sending.status == OutgoingEmail.Status.SENT
    assert email_left_sending.attempts == 2  # the one that died counts


def test_an_email_left_sending_past_its_lease_is_sent_by_the_periodic_sweep(email_left_sending):
    make_leases_run_out()
    output = io.StringIO()

    call_command("resume_stalled_emails", stdout=output)

    assert output.getvalue() == "Tried 1 stalled email(s) again.\n"
    assert subjects_sent() == ["Verify your address"]


def test_an_email_within_its_lease_is_not_sent_twice(email_left_sending):
    queue_email(to="other@example.org", subject="Another email", text="Text")
    run_worker()
    call_command("resume_stalled_emails", stdout=io.StringIO())

    assert subjects_sent() == ["Another email"]
    email_left_sending.refresh_from_db()
    assert email_left_sending.status == OutgoingEmail.Status.SENDING


def test_an_email_whose_last_attempt_died_is_marked_failed(settings, email_left_sending):
    settings.EMAIL_SEND_ATTEMPTS = 1
    make_leases_run_out()

    call_command("resume_stalled_emails", stdout=io.StringIO())

    email_left_sending.refresh_from_db()
    assert mail.outbox == []
    assert email_left_sending.status == OutgoingEmail.Status.FAILED
    assert "stopped midway" in email_left_sending.last_error


def test_an_email_whose_task_was_lost_is_sent_by_the_sweep_once_a_lease_has_passed(settings):
    settings.EMAIL_SEND_LEASE_SECONDS = 600
    email = queue_email(to="coder@example.org", subject="Verify your address", text="Link")
    DBTaskResult.objects.all().delete()  # its worker died after taking the task
    call_command("resume_stalled_emails", stdout=io.StringIO())
    assert mail.outbox == []  # a lease has not passed: its task may still be coming

    OutgoingEmail.objects.filter(pk=email.pk).update(
        created_at=timezone.now() - datetime.timedelta(seconds=601)
    )
    call_command("resume_stalled_emails", stdout=io.StringIO())

    assert subjects_sent() == ["Verify your address"]
