"""End to end with a real worker process, as `make run` starts it: a webhook call stores the
question, `manage.py db_worker` drafts the answer and hands it to the email backend."""

import pytest

from consultant.models import Thread
from core.models import OutgoingEmail
from tests.config.conftest import run_db_worker
from tests.consultant.conftest import post_postmark, postmark_payload


@pytest.mark.django_db(transaction=True)
def test_worker_process_emails_the_answer(client, asker, biopsy_pages):
    post_postmark(client, postmark_payload(text="What guidelines apply to 27323?"))

    worker = run_db_worker(
        {
            "LOG_LEVEL": "WARNING",
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            "CONSULTANT_ADDRESS": "consultant@codeatlas.example.org",
        }
    )

    assert "Subject: Re: Modifiers for 27323" in worker.stdout
    assert "Report 27323 once per lesion when the biopsy stays above the deep fascia." in (
        worker.stdout
    )
    assert Thread.objects.get().status == Thread.Status.ANSWERED
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT
