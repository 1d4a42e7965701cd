"""The daily command queues digests in the database; the worker process sends them."""

import io

import pytest
from django.core.management import call_command

from careers.models import SavedSearch
from tests.careers.conftest import make_employer, make_job
from tests.config.conftest import run_db_worker
from tests.conftest import make_user


@pytest.mark.django_db(transaction=True)
def test_queued_digest_is_sent_by_the_task_worker():
    make_job(make_employer(), title="Queued Risk Adjustment Coder", credentials=["CRC"])
    SavedSearch.objects.create(
        user=make_user("seeker@example.org"),
        query="credential=CRC",
        checked_until="2020-01-01T00:00:00Z",
    )
    call_command("send_job_digests", stdout=io.StringIO())

    worker = run_db_worker({"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"})

    assert "Subject: 1 new job for CRC" in worker.stdout
    assert "To: seeker@example.org" in worker.stdout
    assert "Queued Risk Adjustment Coder" in worker.stdout
