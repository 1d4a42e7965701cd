"""The daily command queues digests in the database; the worker process sends them."""

import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command

from careers.models import SavedSearch
from tests.careers.conftest import make_employer, make_job
from tests.config.conftest import PROJECT, database_url
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

    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=PROJECT,
        env={"PATH": os.environ["PATH"], "DEBUG": "0", "SECRET_KEY": settings.SECRET_KEY,
             "DATABASE_URL": database_url(),
             "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )  # fmt: skip

    assert "Subject: 1 new job for CRC" in worker.stdout
    assert "To: seeker@example.org" in worker.stdout
    assert "Queued Risk Adjustment Coder" in worker.stdout
