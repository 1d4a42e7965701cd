"""A thread is answered (and emailed as answered) only when CasePilot answered every question
of the message directly; otherwise it waits for a consultant, with CasePilot's draft."""

import pytest
from django.core import mail

from consultant.models import Message, Thread
from tests.conftest import run_worker
from tests.consultant.conftest import post_postmark, postmark_payload

pytestmark = pytest.mark.django_db


def test_message_with_an_unanswered_question_is_queued_not_answered(client, asker, biopsy_pages):
    text = "What guidelines apply to 27323?\nHow do I appeal a denied claim in Ohio?"
    post_postmark(client, postmark_payload(text=text))
    run_worker()

    [email] = mail.outbox
    thread = Thread.objects.get()
    assert thread.status == Thread.Status.WAITING
    assert "Report 27323 once per lesion" in email.body  # the draft goes with it
    assert "CasePilot's draft may not answer all you asked" in email.body
    assert f"You will have their answer by {thread.due_text}." in email.body
    draft = Message.objects.get(author=Message.Author.CASEPILOT).draft
    assert draft["found"] and not draft["answered"]


def test_quotes_of_another_kind_than_asked_do_not_answer(client, asker, biopsy_pages):
    """The modifiers section is gated for the asker: the guideline quoted is no answer."""
    post_postmark(client, postmark_payload(text="Which modifiers apply to 27323?"))
    run_worker()

    assert Thread.objects.get().status == Thread.Status.WAITING


def test_message_whose_every_question_is_answered_is_answered(client, asker, biopsy_pages):
    post_postmark(client, postmark_payload(text="What guidelines apply to 27323?"))
    run_worker()

    assert Thread.objects.get().status == Thread.Status.ANSWERED
    assert "passed" not in mail.outbox[0].body


def test_question_is_about_only_the_codes_it_names(client, asker, consultant, biopsy_pages, cpt):
    text = "Any guideline about a biopsy above the fascia? I would like a real person to check."
    post_postmark(client, postmark_payload(text=text))
    run_worker()
    thread = Thread.objects.get()
    client.force_login(consultant)

    work = client.get(f"/consultant/queue/{thread.pk}/").content.decode()

    assert thread.status == Thread.Status.WAITING
    # Quoted from 27323's page (the guideline naming 27323 is not: it would suggest a code)...
    assert "An open biopsy of tissue above the deep fascia." in work
    assert "This question is about" not in work  # ...which the question does not name
