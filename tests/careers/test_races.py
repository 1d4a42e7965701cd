"""Races a job seeker should never lose, with real threads each on its own database
connection (SQLite by default, PostgreSQL with DATABASE_URL): a job published while a digest
runs, and a saved search submitted twice at once (issue 26, item 14)."""

import contextlib
import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from careers import services
from careers.digests import send_digest
from careers.models import SavedSearch
from tests.careers.conftest import job_form_data, make_employer
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def in_thread(work) -> threading.Thread:
    def run() -> None:
        try:
            work()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_job_published_while_a_digest_runs_is_in_a_digest(monkeypatch, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    search = SavedSearch.objects.create(
        user=make_user("seeker@example.org"),
        query="credential=CRC",
        checked_until=timezone.now() - datetime.timedelta(days=1),
    )
    employer = make_employer()
    publishing, may_commit = threading.Event(), threading.Event()
    index = services.job_index

    def slow_index(**kwargs) -> None:
        # The job has its publication time but has not committed yet.
        publishing.set()
        may_commit.wait(timeout=30)
        index(**kwargs)

    monkeypatch.setattr(services, "job_index", slow_index)
    employer_browser = Client()
    employer_browser.force_login(employer.user)
    publisher = in_thread(
        lambda: employer_browser.post("/careers/employer/jobs/new/", job_form_data())
    )
    assert publishing.wait(timeout=30)
    digest = in_thread(lambda: send_digest.call(search.pk))
    digest.join(timeout=1)  # a digest that waits for the publication is still running
    may_commit.set()
    publisher.join(timeout=30)
    digest.join(timeout=30)
    send_digest.call(search.pk)  # the next day's digest

    listed = [email for email in mail.outbox if "Remote Risk Adjustment Coder" in email.body]
    assert len(listed) == 1


def test_a_double_submitted_saved_search_cannot_pass_the_limit(monkeypatch):
    seeker = make_user("seeker@example.org")
    for number in range(services.MAX_SAVED_SEARCHES - 1):
        SavedSearch.objects.create(user=seeker, query=f"q=coder{number}")
    both_counted = threading.Barrier(2)
    create = SavedSearch.objects.create

    def create_when_both_counted(**fields):
        # The second submit may be waiting for the first instead: then go on alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            both_counted.wait(timeout=2)
        return create(**fields)

    monkeypatch.setattr(SavedSearch.objects, "create", create_when_both_counted)
    browsers = [Client(), Client()]
    for browser in browsers:
        browser.force_login(seeker)
    responses = []
    submits = [
        in_thread(lambda browser=browser, query=query: responses.append(
            browser.post("/careers/searches/", {"query": query})
        ))
        for browser, query in zip(browsers, ["credential=CRC", "credential=CPC"], strict=True)
    ]  # fmt: skip
    for submit in submits:
        submit.join(timeout=30)

    assert SavedSearch.objects.filter(user=seeker).count() == services.MAX_SAVED_SEARCHES
    assert sorted(response.status_code for response in responses) == [302, 302]
