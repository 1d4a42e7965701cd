"""End to end with a real worker process, as `make run` starts it: a webhook call stores the
question, `manage.py db_worker` drafts the answer and hands it to the email backend."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from consultant.models import OutgoingEmail, Thread
from tests.config.conftest import database_url
from tests.consultant.conftest import post_postmark, postmark_payload

PROJECT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
def test_worker_process_emails_the_answer(client, asker, biopsy_pages):
    post_postmark(client, postmark_payload(text="What guidelines apply to 27323?"))

    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=PROJECT,
        env={"PATH": os.environ["PATH"], "DEBUG": "0", "SECRET_KEY": settings.SECRET_KEY,
             "DATABASE_URL": database_url(), "LOG_LEVEL": "WARNING",
             "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
             "CONSULTANT_ADDRESS": "consultant@codeatlas.example.org"},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )  # fmt: skip

    assert "Subject: Re: Modifiers for 27323" in worker.stdout
    assert "Report 27323 once per lesion when the biopsy stays above the deep fascia." in (
        worker.stdout
    )
    assert Thread.objects.get().status == Thread.Status.ANSWERED
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT
