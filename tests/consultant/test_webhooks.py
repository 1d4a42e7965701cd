"""The providers' real webhook views, driven with their documented payloads: the answer
arrives by email, read from the test email backend."""

import pytest
from django.core import mail

from consultant.models import InboundReceipt, Message, Thread
from core.models import OutgoingEmail
from tests.conftest import run_worker
from tests.consultant.conftest import mailgun_payload, post_mailgun, post_postmark, postmark_payload

pytestmark = pytest.mark.django_db


def test_postmark_question_gets_cited_answer_by_email(client, asker, biopsy_pages):
    response = post_postmark(client, postmark_payload(text="What guidelines apply to 27323?"))
    assert response.status_code == 200
    assert mail.outbox == []  # the answer is drafted off the request path

    run_worker()

    [email] = mail.outbox
    thread = Thread.objects.get()
    assert email.to == ["coder@hospital.example.org"]
    assert email.subject == "Re: Modifiers for 27323"
    assert "Report 27323 once per lesion when the biopsy stays above the deep fascia. [1]" in (
        email.body
    )
    assert "https://codeatlas.example.org/codes/cpt/27323/#guidelines" in email.body
    assert f"https://codeatlas.example.org/consultant/{thread.pk}/" in email.body
    assert "CPT 27323: Biopsy soft tissue thigh or knee superficial" in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="https://codeatlas.example.org/codes/cpt/27323/#guidelines">[1]</a>' in html
    assert thread.status == Thread.Status.ANSWERED
    assert email.reply_to == [f"consultant+{thread.reply_token}@codeatlas.example.org"]


def test_mailgun_question_gets_answer_by_email(client, asker, biopsy_pages):
    response = post_mailgun(client, mailgun_payload(text="What guidelines apply to 27323?"))
    assert response.status_code == 200

    run_worker()

    [email] = mail.outbox
    assert "Report 27323 once per lesion" in email.body
    assert InboundReceipt.objects.get().provider == "mailgun"


def test_question_our_pages_do_not_answer_goes_to_a_consultant_with_a_time(
    client, asker, biopsy_pages
):
    post_postmark(client, postmark_payload(text="How do I appeal a denied claim in Ohio?"))
    run_worker()

    [email] = mail.outbox
    thread = Thread.objects.get()
    assert thread.status == Thread.Status.WAITING
    assert "we have passed it to a consultant" in email.body
    assert f"You will have their answer by {thread.due_text}." in email.body


def test_asking_for_a_person_sends_the_draft_and_queues_it(client, asker, biopsy_pages):
    text = "What guidelines apply to 27323? I would like a real person to check."
    post_postmark(client, postmark_payload(text=text))
    run_worker()

    [email] = mail.outbox
    assert "Report 27323 once per lesion" in email.body
    assert "You asked for a consultant, so one will answer too." in email.body
    assert Thread.objects.get().status == Thread.Status.WAITING


def test_unauthenticated_postmark_call_is_refused_and_stores_nothing(client, asker):
    response = client.post(
        "/consultant/inbound/postmark/",
        data=postmark_payload(),
        content_type="application/json",
        HTTP_AUTHORIZATION="Basic d3Jvbmc6d3Jvbmc=",
    )

    assert response.status_code == 400
    assert not InboundReceipt.objects.exists() and not Thread.objects.exists()


def test_mailgun_call_with_a_wrong_signature_is_refused_and_stores_nothing(client, asker):
    response = post_mailgun(client, mailgun_payload(signing_key="not-the-key"))

    assert response.status_code == 400
    assert not InboundReceipt.objects.exists() and not Thread.objects.exists()


def test_webhook_of_an_unconfigured_provider_is_not_found(client, settings, asker):
    settings.ANYMAIL = {}

    assert post_postmark(client, postmark_payload()).status_code == 404
    assert post_mailgun(client, mailgun_payload()).status_code == 404
    assert not InboundReceipt.objects.exists()


def test_mail_from_an_address_without_a_verified_account_gets_no_reply(client, asker, caplog):
    response = post_postmark(client, postmark_payload(sender="stranger@example.com"))
    run_worker()

    assert response.status_code == 200
    assert mail.outbox == [] and not OutgoingEmail.objects.exists()
    assert InboundReceipt.objects.get().outcome == InboundReceipt.Outcome.UNKNOWN_SENDER
    assert "Not a verified account: ignored" in caplog.text
    assert "stranger@example.com" not in caplog.text


def test_unverified_account_gets_no_reply(client, db):
    from tests.conftest import make_user

    make_user("new@hospital.example.org", verified=False)
    post_postmark(client, postmark_payload(sender="new@hospital.example.org"))
    run_worker()

    assert mail.outbox == [] and not Thread.objects.exists()


def test_provider_spam_verdict_is_honoured(client, asker):
    post_postmark(client, postmark_payload(spam=True))
    run_worker()

    assert mail.outbox == [] and not Thread.objects.exists()
    assert InboundReceipt.objects.get().outcome == InboundReceipt.Outcome.SPAM


def test_automatic_replies_are_not_answered(client, asker):
    auto = [{"Name": "Auto-Submitted", "Value": "auto-replied"}]
    post_postmark(client, postmark_payload(headers=auto))
    run_worker()

    assert mail.outbox == [] and not Thread.objects.exists()


def test_duplicate_deliveries_make_one_thread_and_one_answer(client, asker, biopsy_pages):
    payload = postmark_payload()
    assert post_postmark(client, payload).status_code == 200
    assert post_postmark(client, payload).status_code == 200
    post_mailgun(client, mailgun_payload())
    post_mailgun(client, mailgun_payload())
    run_worker()

    assert Thread.objects.count() == 2  # one per provider message
    assert len(mail.outbox) == 2


def test_oversized_post_is_refused_before_it_is_read(client, settings, asker):
    settings.CONSULTANT_MAX_INBOUND_BYTES = 5_000

    response = post_postmark(client, postmark_payload(text="x" * 6_000))

    assert response.status_code == 413
    assert not InboundReceipt.objects.exists()


def test_too_long_question_is_refused_with_a_reply(client, settings, asker):
    settings.CONSULTANT_MAX_QUESTION_CHARACTERS = 100
    post_postmark(client, postmark_payload(text="Which modifier applies? " * 10))
    run_worker()

    [email] = mail.outbox
    assert "Your question is too long: send at most 100 characters" in email.body
    assert not Thread.objects.exists()


def test_attachments_are_dropped_with_a_note(client, asker, biopsy_pages):
    attachment = {
        "Name": "chart.pdf",
        "Content": "JVBERi0xLjQKJcOkw7zDtsOfCg==",
        "ContentType": "application/pdf",
        "ContentLength": 20,
    }
    post_postmark(client, postmark_payload(attachments=[attachment]))
    run_worker()

    [email] = mail.outbox
    assert "Your email had 1 attachment: we do not open attachments" in email.body
    assert Message.objects.get(author="coder").attachments_dropped == 1


def test_html_only_mail_is_reduced_to_text(client, asker, biopsy_pages):
    html = (
        "<html><head><style>p { color: red }</style></head><body>"
        "<div>What guidelines apply to <b>27323</b>?</div><p>Thanks,</p><p>Jo</p></body></html>"
    )
    post_postmark(client, postmark_payload(text="", html=html))
    run_worker()

    assert Message.objects.get(author="coder").body == "What guidelines apply to 27323?"
    assert "Report 27323 once per lesion" in mail.outbox[0].body


def test_reply_to_the_thread_address_continues_the_thread(client, asker, biopsy_pages):
    post_postmark(client, postmark_payload())
    run_worker()
    thread = Thread.objects.get()

    reply = postmark_payload(
        subject="Re: Modifiers for 27323",
        text="And the guidelines for 27323?",
        to=f"consultant+{thread.reply_token}@codeatlas.example.org",
        message_id="second-delivery-id",
    )
    post_postmark(client, reply)
    run_worker()

    assert Thread.objects.count() == 1
    assert thread.messages.filter(author="coder").count() == 2
    assert len(mail.outbox) == 2


def test_reply_naming_our_message_id_continues_the_thread(client, asker, biopsy_pages):
    post_mailgun(client, mailgun_payload())
    run_worker()
    ours = OutgoingEmail.objects.get().message_id

    reply = mailgun_payload(
        subject="Re: Modifiers for 27323",
        text="And the guidelines?",
        message_id="<reply-1@mail.hospital.example.org>",
        extra_headers=[["In-Reply-To", ours], ["References", ours]],
    )
    post_mailgun(client, reply)
    run_worker()

    assert Thread.objects.count() == 1
    assert mail.outbox[1].extra_headers["In-Reply-To"] == "<reply-1@mail.hospital.example.org>"


def test_reply_address_of_another_accounts_thread_opens_a_new_thread(client, asker, biopsy_pages):
    from tests.conftest import make_user

    post_postmark(client, postmark_payload())
    run_worker()
    theirs = Thread.objects.get()
    make_user("other@hospital.example.org")

    post_postmark(
        client,
        postmark_payload(
            sender="other@hospital.example.org",
            to=f"consultant+{theirs.reply_token}@codeatlas.example.org",
            message_id="other-id",
        ),
    )
    run_worker()

    assert theirs.messages.filter(author="coder").count() == 1
    assert Thread.objects.filter(user__email="other@hospital.example.org").count() == 1


def test_fourth_thread_of_the_month_is_refused_with_one_reply(client, settings, asker):
    settings.CONSULTANT_FREE_THREADS_PER_MONTH = 3
    for number in range(4):
        payload = postmark_payload(message_id=f"id-{number}", text=f"Question {number}")
        post_postmark(client, payload)
    run_worker()

    assert Thread.objects.count() == 3
    refusal = mail.outbox[-1]
    assert refusal.subject == "Your question to CaseConsultant was not accepted"
    assert "may open 3 questions a month and has opened them all" in refusal.body
