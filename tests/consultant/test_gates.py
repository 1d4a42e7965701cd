"""An answer never carries gated text the asker may not read, and reading one spends no view."""

import pytest
from django.core import mail

from accounts.models import Unlock
from consultant.answers import answer_thread
from consultant.models import Thread
from core.models import OutgoingEmail
from tests.conftest import make_user, run_worker
from tests.consultant.conftest import post_postmark, postmark_payload

pytestmark = pytest.mark.django_db

GATED = "GATEDMODIFIERTEXT"


def every_byte_sent(client, thread: Thread) -> str:
    """Both parts of every email, and the thread page as the asker sees it."""
    emails = [f"{email.body}{email.alternatives[0][0]}" for email in mail.outbox]
    client.force_login(thread.user)
    page = client.get(thread.get_absolute_url())
    assert page.status_code == 200 and thread.subject in page.content.decode()
    return "".join(emails) + page.content.decode()


def test_free_account_gets_gated_sections_of_unopened_codes_as_links_only(
    client, asker, biopsy_pages
):
    post_postmark(client, postmark_payload(text="Which modifiers apply to 27323?"))
    run_worker()

    sent = every_byte_sent(client, Thread.objects.get())
    assert GATED not in sent
    assert "/codes/cpt/27323/#modifiers" in sent  # the locked section, by name and link
    assert "Opening a code page you have not opened before uses one of your code page views" in sent


def test_reading_an_answer_uses_no_code_page_view(client, asker, biopsy_pages):
    post_postmark(client, postmark_payload(text="Which modifiers apply to 27323?"))
    run_worker()
    every_byte_sent(client, Thread.objects.get())

    assert not Unlock.objects.exists()


def test_a_code_the_asker_opened_is_quoted_whole(client, asker, biopsy_pages):
    client.force_login(asker)
    client.get("/codes/cpt/27323/")  # opening the page uses a view, as always
    client.logout()

    post_postmark(client, postmark_payload(text="Which modifiers apply to 27323?"))
    run_worker()

    assert GATED in mail.outbox[0].body
    assert Unlock.objects.count() == 1


def test_premium_account_reads_every_section(client, biopsy_pages):
    make_user("coder@hospital.example.org", plan="premium")

    post_postmark(client, postmark_payload(text="Which modifiers apply to 27323?"))
    run_worker()

    assert GATED in mail.outbox[0].body


def test_consultant_cannot_quote_a_section_the_asker_may_not_read(client, asker, biopsy_pages):
    post_postmark(client, postmark_payload(text="What guidelines and modifiers apply to 27323?"))
    run_worker()
    thread = Thread.objects.get()
    consultant = make_user("consultant@codeatlas.example.org", is_staff=True)

    answer_thread(
        thread,
        consultant=consultant,
        markdown="Use **RT** or **LT**.",
        quote_urls=["/codes/cpt/27323/#modifiers", "/codes/cpt/27323/#guidelines"],
    )
    run_worker()

    email = OutgoingEmail.objects.filter(subject="Re: Modifiers for 27323").latest("created_at")
    assert "Report 27323 once per lesion" in email.text
    assert GATED not in email.text + email.html
    assert "<strong>RT</strong>" in email.html
