"""Daily digests of saved searches: new matches only, text and HTML, one-click unsubscribe."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from careers.digests import send_digest, unsubscribe_token
from careers.models import SavedSearch
from tests.careers.conftest import make_job
from tests.conftest import make_retries_due, make_user, run_worker


@pytest.fixture
def search(db):
    """A CRC search saved a day ago."""
    return SavedSearch.objects.create(
        user=make_user("seeker@example.org"),
        query="credential=CRC&remote=remote",
        checked_until=timezone.now() - datetime.timedelta(days=1),
    )


def test_digest_emails_the_new_matching_jobs_as_text_and_html(search, employer, settings):
    settings.SITE_URL = "https://codeatlas.example"
    job = make_job(employer, title="Risk Adjustment Coder", credentials=["CRC"])
    make_job(employer, title="Not a match", credentials=["CPC"])

    assert send_digest.call(search.pk) == 1

    email = mail.outbox[-1]
    assert email.to == ["seeker@example.org"]
    assert email.subject.startswith("1 new job for CRC · Remote")
    assert "Risk Adjustment Coder" in email.body and "Not a match" not in email.body
    assert f"https://codeatlas.example{job.get_absolute_url()}" in email.body
    html, mime_type = email.alternatives[0]
    assert mime_type == "text/html" and "Risk Adjustment Coder</a>" in html


def test_digest_carries_one_click_unsubscribe_headers(search, employer, settings):
    settings.SITE_URL = "https://codeatlas.example"
    make_job(employer, credentials=["CRC"])

    send_digest.call(search.pk)

    email = mail.outbox[-1]
    link = f"https://codeatlas.example/careers/unsubscribe/{unsubscribe_token(search)}/"
    assert email.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in email.body and link in email.alternatives[0][0]


def test_jobs_published_before_the_last_digest_are_not_sent_again(search, employer):
    make_job(employer, title="First", credentials=["CRC"])
    send_digest.call(search.pk)
    make_job(employer, title="Second", credentials=["CRC"], published_at=timezone.now())

    assert send_digest.call(search.pk) == 1

    assert "Second" in mail.outbox[-1].body and "First" not in mail.outbox[-1].body


def test_no_email_when_nothing_new_matches(search, employer):
    make_job(employer, credentials=["CPC"])

    assert send_digest.call(search.pk) == 0
    assert mail.outbox == []


def test_closed_hidden_and_unapproved_jobs_are_never_in_a_digest(search, employer, new_employer):
    make_job(employer, status="closed", credentials=["CRC"])
    make_job(employer, status="hidden", credentials=["CRC"])
    make_job(new_employer, status="waiting", credentials=["CRC"])

    assert send_digest.call(search.pk) == 0


def test_a_second_run_of_the_same_digest_sends_nothing(search, employer):
    make_job(employer, credentials=["CRC"])

    send_digest.call(search.pk)
    send_digest.call(search.pk)

    assert len(mail.outbox) == 1


def test_a_failed_send_is_retried_with_its_jobs(search, employer, settings):
    make_job(employer, title="Kept for later", credentials=["CRC"])
    settings.EMAIL_BACKEND = "tests.conftest.FlakyBackend"

    assert send_digest.call(search.pk) == 1
    assert mail.outbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_retries_due()
    run_worker()
    assert "Kept for later" in mail.outbox[-1].body
    assert send_digest.call(search.pk) == 0  # the retry carried them, not the next digest


def test_unsubscribed_searches_get_no_digest(search, employer):
    make_job(employer, credentials=["CRC"])
    search.unsubscribed_at = timezone.now()
    search.save()

    assert send_digest.call(search.pk) == 0


def test_daily_command_queues_a_digest_per_subscribed_search(search, db):
    SavedSearch.objects.create(
        user=search.user, query="credential=CPC", unsubscribed_at=timezone.now()
    )
    output = io.StringIO()

    call_command("send_job_digests", stdout=output)

    assert output.getvalue() == "Queued 1 job digest(s).\n"
    queued = DBTaskResult.objects.filter(task_path="careers.digests.send_digest")
    assert [row.args_kwargs["args"] for row in queued] == [[search.pk]]


def test_one_click_unsubscribe_from_the_email_link(client, search):
    url = f"/careers/unsubscribe/{unsubscribe_token(search)}/"

    response = client.get(url)

    assert response.status_code == 200
    assert "You will get no more emails for the search “CRC · Remote”" in response.content.decode()
    assert not SavedSearch.objects.get(pk=search.pk).is_subscribed


def test_mail_clients_one_click_post_unsubscribes_without_a_csrf_token(search):
    client = Client(enforce_csrf_checks=True)
    url = f"/careers/unsubscribe/{unsubscribe_token(search)}/"

    response = client.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert not SavedSearch.objects.get(pk=search.pk).is_subscribed


def test_unsubscribe_page_offers_to_start_the_emails_again(client, search):
    url = f"/careers/unsubscribe/{unsubscribe_token(search)}/"
    client.get(url)

    response = client.post(url, {"action": "resubscribe"})

    assert "Emails started again" in response.content.decode()
    assert SavedSearch.objects.get(pk=search.pk).is_subscribed


def test_a_tampered_unsubscribe_link_is_refused(client, search):
    token = unsubscribe_token(search)
    other = re.sub(r"^\d+", str(search.pk + 1), token)

    response = client.get(f"/careers/unsubscribe/{other}/")

    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()
    assert SavedSearch.objects.get(pk=search.pk).is_subscribed
