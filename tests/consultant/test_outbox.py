"""Every email is stored before it is sent; a failed send is retried later, never lost, and a
final failure stays visible in the admin."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from consultant.models import Thread
from core.models import OutgoingEmail
from core.outbox import send_again
from tests.conftest import make_retries_due, run_worker
from tests.consultant.conftest import post_postmark, postmark_payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider_down(settings):
    settings.EMAIL_BACKEND = "tests.conftest.FlakyBackend"
    settings.EMAIL_SEND_ATTEMPTS = 3
    settings.EMAIL_SEND_RETRY_SECONDS = 60


def test_failed_send_is_kept_and_retried_later_with_backoff(
    client, asker, biopsy_pages, provider_down
):
    started = timezone.now()
    post_postmark(client, postmark_payload())
    run_worker()

    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmail.Status.QUEUED
    assert email.attempts == 1
    assert email.last_error == "ConnectionError: provider unreachable"
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.task_path == "core.outbox.send_email"
    assert retry.run_after >= started + datetime.timedelta(seconds=60)

    make_retries_due()
    run_worker()
    email.refresh_from_db()
    assert email.attempts == 2
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after >= timezone.now() + datetime.timedelta(seconds=230)  # 4 x 60 s


def test_final_failure_stays_visible_in_the_admin_and_can_be_sent_again(
    client, admin_client, settings, asker, biopsy_pages, provider_down
):
    post_postmark(client, postmark_payload())
    run_worker()
    for _ in range(2):
        make_retries_due()
        run_worker()

    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmail.Status.FAILED and email.attempts == 3
    assert not DBTaskResult.objects.filter(status="READY").exists()
    listing = admin_client.get("/admin/core/outgoingemail/?status__exact=failed")
    assert "Re: Modifiers for 27323" in listing.content.decode()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_again(email)
    run_worker()

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert len(mail.outbox) == 1


def test_an_email_is_sent_once_though_two_tasks_name_it(client, asker, biopsy_pages):
    post_postmark(client, postmark_payload())
    run_worker()  # the draft sends it at once; its queued task finds it sent

    assert len(mail.outbox) == 1
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_a_threads_admin_page_lists_its_emails(client, admin_client, asker, biopsy_pages):
    post_postmark(client, postmark_payload())
    run_worker()
    thread = Thread.objects.get()

    html = admin_client.get(f"/admin/consultant/thread/{thread.pk}/change/").content.decode()

    email = OutgoingEmail.objects.get()
    assert f'href="/admin/core/outgoingemail/{email.pk}/change/"' in html
    assert "Re: Modifiers for 27323 to coder@hospital.example.org (Sent)" in html
