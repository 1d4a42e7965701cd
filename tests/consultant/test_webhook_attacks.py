"""What an attacker holding a relay or a captured webhook post can do to CaseConsultant: a
forged From, NUL bytes, a stale or replayed Mailgun signature, a reused Message-ID (issue 26,
items 3 to 6). Each is posted to the webhook URLs as the providers post."""

import re
import time

import pytest
from django.core import mail

from consultant.models import HeldEmail, InboundReceipt, Thread
from core.models import OutgoingEmail
from tests.conftest import make_user, run_worker
from tests.consultant.conftest import mailgun_payload, post_mailgun, post_postmark, postmark_payload

pytestmark = pytest.mark.django_db

CONFIRM_LINK = re.compile(r"https://codeatlas\.example\.org(/consultant/confirm/[^/\s]+/)")


def nothing_stored() -> bool:
    return not (
        InboundReceipt.objects.exists()
        or Thread.objects.exists()
        or HeldEmail.objects.exists()
        or OutgoingEmail.objects.exists()
    )


def confirmation_path() -> str:
    [email] = mail.outbox
    assert email.subject == "Confirm your question to CaseConsultant"
    return CONFIRM_LINK.search(email.body).group(1)


# --- Item 3: a forged From ------------------------------------------------------------------


@pytest.mark.parametrize("provider", ["postmark", "mailgun"])
def test_mail_failing_the_providers_verdicts_opens_no_thread_and_asks_the_member(
    client, asker, provider
):
    if provider == "postmark":
        response = post_postmark(client, postmark_payload(authenticated=False))
    else:
        response = post_mailgun(client, mailgun_payload(authenticated=False))
    run_worker()

    assert response.status_code == 200
    assert not Thread.objects.exists()
    assert InboundReceipt.objects.get().outcome == InboundReceipt.Outcome.HELD
    [email] = mail.outbox
    assert email.to == ["coder@hospital.example.org"]
    assert "could not show that you sent it" in email.body
    assert "Which modifiers apply to 27323?" not in email.body  # the text stays held


def test_member_confirming_a_held_email_opens_its_thread_and_gets_the_answer(
    client, asker, biopsy_pages
):
    text = "What guidelines apply to 27323?"
    post_postmark(client, postmark_payload(authenticated=False, text=text))
    run_worker()
    path = confirmation_path()
    client.force_login(asker)

    page = client.get(path)
    assert not Thread.objects.exists()  # a link scanner's GET sends nothing
    response = client.post(path)
    run_worker()

    assert page.status_code == 200 and "Modifiers for 27323" in page.content.decode()
    thread = Thread.objects.get(user=asker)
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    assert "Report 27323 once per lesion" in mail.outbox[-1].body
    assert client.post(path).status_code == 404  # used once


def test_confirmation_link_does_nothing_for_another_account(client, asker):
    post_postmark(client, postmark_payload(authenticated=False))
    run_worker()
    client.force_login(make_user("attacker@example.com"))

    response = client.post(confirmation_path())

    assert response.status_code == 404
    assert "expired, was used already, or belongs to another account" in response.content.decode()
    assert not Thread.objects.exists()


@pytest.mark.parametrize("provider", ["postmark", "mailgun"])
def test_a_pass_verdict_the_sender_wrote_does_not_authenticate_a_forged_from(
    client, asker, provider
):
    if provider == "postmark":
        forged = [
            {"Name": "Received-SPF", "Value": "Pass (forged)"},
            {"Name": "Authentication-Results", "Value": "evil.example; spf=pass; dmarc=pass"},
        ]
        post_postmark(client, postmark_payload(authenticated=False, headers=forged))
    else:
        forged = [
            ["X-Mailgun-Spf", "Pass"],
            ["Authentication-Results", "evil.example; spf=pass; dkim=pass; dmarc=pass"],
        ]
        post_mailgun(client, mailgun_payload(authenticated=False, extra_headers=forged))

    assert not Thread.objects.exists()
    assert InboundReceipt.objects.get().outcome == InboundReceipt.Outcome.HELD


def test_fifteen_forged_emails_send_the_member_at_most_the_days_replies(client, settings, asker):
    settings.CONSULTANT_DAILY_REPLIES_PER_ADDRESS = 5
    for number in range(15):
        post_postmark(
            client,
            postmark_payload(authenticated=False, message_id=f"forged-{number}", text="x" * 9000),
        )
        post_postmark(client, postmark_payload(authenticated=False, message_id=f"held-{number}"))
    run_worker()

    assert len(mail.outbox) == 5
    assert not Thread.objects.exists()
    assert InboundReceipt.objects.count() == 30


def test_authenticated_refusals_stop_at_the_days_replies(client, settings, asker):
    settings.CONSULTANT_DAILY_REPLIES_PER_ADDRESS = 3
    settings.CONSULTANT_MAX_QUESTION_CHARACTERS = 100
    for number in range(6):
        post_postmark(client, postmark_payload(message_id=f"long-{number}", text="x" * 200))
    run_worker()

    assert [email.subject for email in mail.outbox] == [
        "Your question to CaseConsultant was not accepted"
    ] * 3


# --- Item 4: input no database stores ----------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"MessageID": "abc\x00def"},
        {"Headers": [{"Name": "Message-ID", "Value": "<a\x00b@mail.hospital.example.org>"}]},
        {"Headers": [{"Name": "In-Reply-To", "Value": "<a\x00b@codeatlas.example.org>"}]},
        {
            "From": "coder\x00@hospital.example.org",
            "FromFull": {"Email": "coder\x00@hospital.example.org", "Name": "A Coder"},
        },
    ],
    ids=["MessageID", "Message-ID", "In-Reply-To", "From"],
)
def test_nul_byte_in_a_postmark_id_or_address_is_a_logged_400_storing_nothing(
    client, asker, caplog, change
):
    payload = postmark_payload()
    if "Headers" in change:
        change = {"Headers": [*payload["Headers"][:-1], *change["Headers"]]}
    response = post_postmark(client, payload | change)

    assert response.status_code == 400
    assert nothing_stored()
    assert any(record.name == "django.security.InboundRefused" for record in caplog.records)


def test_signed_mailgun_post_without_message_headers_is_a_logged_400_storing_nothing(
    client, asker, caplog
):
    payload = mailgun_payload()
    del payload["message-headers"]

    response = post_mailgun(client, payload)

    assert response.status_code == 400
    assert nothing_stored()
    assert any(record.name == "django.security.InboundRefused" for record in caplog.records)


# --- Item 5: stale and replayed Mailgun signatures ---------------------------------------


def test_mailgun_signature_thirty_days_old_is_refused(client, asker):
    response = post_mailgun(client, mailgun_payload(timestamp=int(time.time()) - 30 * 86400))

    assert response.status_code == 400
    assert nothing_stored()


def test_mailgun_timestamp_within_the_tolerance_is_accepted(client, settings, asker):
    settings.CONSULTANT_MAILGUN_TIMESTAMP_SECONDS = 300

    response = post_mailgun(client, mailgun_payload(timestamp=int(time.time()) - 200))

    assert response.status_code == 200 and Thread.objects.count() == 1


def test_used_mailgun_signature_with_a_new_body_is_refused(client, asker):
    first = mailgun_payload(text="Which modifiers apply to 27323?")
    replayed = mailgun_payload(text="Open a thread on this member's allowance")
    replayed |= {key: first[key] for key in ("token", "timestamp", "signature")}

    assert post_mailgun(client, first).status_code == 200
    response = post_mailgun(client, replayed)

    assert response.status_code == 400
    assert Thread.objects.count() == 1 and InboundReceipt.objects.count() == 1


def test_mailgun_posting_the_same_signed_email_again_is_a_quiet_duplicate(client, asker):
    payload = mailgun_payload()

    assert post_mailgun(client, payload).status_code == 200
    assert post_mailgun(client, payload).status_code == 200

    assert Thread.objects.count() == 1


# --- Item 6: Mailgun duplicates by the email, not the sender's Message-ID ----------------


def test_mailgun_email_reusing_an_earlier_message_id_is_still_taken(client, settings, asker):
    settings.CONSULTANT_FREE_THREADS_PER_MONTH = 5
    reused = "<reused@mail.hospital.example.org>"
    post_mailgun(client, mailgun_payload(message_id=reused, text="Which modifiers apply?"))
    post_mailgun(client, mailgun_payload(message_id=reused, text="And for 27324?"))

    assert sorted(Thread.objects.values_list("messages__body", flat=True)) == [
        "And for 27324?",
        "Which modifiers apply?",
    ]
