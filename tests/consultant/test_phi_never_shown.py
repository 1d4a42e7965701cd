"""A question holding patient identifiers is refused and shown in full to no one: not in the
coder's pages, the consultants' queue, the admin or any email (issue 26 item 9). Each page is
read as raw bytes, as whoever opens it would receive it."""

import pytest
from django.core import mail

from consultant.models import InboundReceipt, Message, Thread
from core.models import OutgoingEmail
from tests.conftest import make_user, run_worker
from tests.consultant.conftest import post_postmark, postmark_payload

pytestmark = pytest.mark.django_db

# What the outside probe sent, each missed by the screen it replaced.
PROBE_IDENTIFIERS = ["SSN 123 45 6789", "DOB: 2 Jan 1960", "pt john smith", "5551234567",
                     "MRN 12 345 678"]  # fmt: skip
SEVERAL = (
    "pt john smith DOB: 2 Jan 1960, SSN 123 45 6789, MRN 12 345 678, call her at 5551234567: "
    "was 27323 right for the thigh biopsy? A real person please."
)
# The identifiers themselves, without the words that introduce them.
IDENTIFIERS = [b"john smith", b"2 Jan 1960", b"123 45 6789", b"12 345 678", b"5551234567"]


def ask_by_form(client, question: str, **fields):
    return client.post("/consultant/", {"question": question, "subject": "", **fields})


@pytest.fixture
def staff(db):
    return make_user("admin@codeatlas.example.org", is_staff=True, is_superuser=True)


def everything_anyone_opens(client, *, asker, consultant, staff) -> list[bytes]:
    """Every page the coder, a consultant or staff can open about the coder's questions (each
    must open), and every email sent, as the bytes they receive."""
    threads = list(Thread.objects.all())
    client.force_login(asker)
    responses = [client.get("/consultant/")]
    responses += [client.get(thread.get_absolute_url()) for thread in threads]
    client.force_login(consultant)
    responses.append(client.get("/consultant/queue/"))
    responses += [client.get(f"/consultant/queue/{thread.pk}/") for thread in threads]
    client.force_login(staff)
    for model, rows in [
        ("consultant/thread", threads),
        ("core/outgoingemail", OutgoingEmail.objects.all()),
        ("consultant/inboundreceipt", InboundReceipt.objects.all()),
    ]:
        responses.append(client.get(f"/admin/{model}/"))
        responses += [client.get(f"/admin/{model}/{row.pk}/change/") for row in rows]
    assert [response.status_code for response in responses] == [200] * len(responses)
    return [response.content for response in responses] + [
        email.message().as_bytes() for email in mail.outbox
    ]


@pytest.mark.parametrize("identifier", PROBE_IDENTIFIERS)
def test_each_identifier_the_probe_sent_is_refused(client, asker, identifier):
    client.force_login(asker)

    response = ask_by_form(client, f"{identifier} had 27323 on the left thigh, which modifier?")

    assert response.status_code == 400
    assert "Patient identifiers must never be sent to us" in response.content.decode()
    assert not Thread.objects.exists() and not Message.objects.exists()


def test_a_refused_question_comes_back_with_its_identifiers_replaced(client, asker):
    client.force_login(asker)

    page = ask_by_form(client, SEVERAL).content

    assert not [identifier for identifier in IDENTIFIERS if identifier in page]
    assert (
        b"pt [name] DOB: [date of birth], SSN [SSN], MRN [record number], call her at [phone]"
        in page
    )


def test_a_form_question_with_several_identifiers_is_shown_to_no_one(
    client, asker, consultant, staff, biopsy_pages
):
    client.force_login(asker)
    ask_by_form(client, "What guidelines apply to 27323? A real person please.")
    run_worker()
    thread = Thread.objects.get()

    refusals = [
        ask_by_form(client, SEVERAL, wants_person="on"),
        ask_by_form(client, "Which modifier for 27323?", subject="pt john smith 2 Jan 1960"),
        client.post(thread.get_absolute_url(), {"question": SEVERAL, "wants_person": "on"}),
    ]
    run_worker()

    assert [response.status_code for response in refusals] == [400, 400, 400]
    pages = [response.content for response in refusals] + everything_anyone_opens(
        client, asker=asker, consultant=consultant, staff=staff
    )
    assert Thread.objects.count() == 1 and Message.objects.filter(author="coder").count() == 1
    assert not [identifier for identifier in IDENTIFIERS for page in pages if identifier in page]


def test_an_email_question_with_several_identifiers_is_shown_to_no_one(
    client, asker, consultant, staff
):
    post_postmark(client, postmark_payload(subject="27323 for pt john smith", text=SEVERAL))
    run_worker()

    pages = everything_anyone_opens(client, asker=asker, consultant=consultant, staff=staff)

    assert "was not accepted" in mail.outbox[0].subject
    assert InboundReceipt.objects.get().outcome == InboundReceipt.Outcome.PHI
    assert not [identifier for identifier in IDENTIFIERS for page in pages if identifier in page]


def test_a_coding_question_with_a_date_of_service_and_a_dose_is_taken_as_written(
    client, asker, biopsy_pages
):
    question = (
        "On 2025-06-01 was G35 valid? Dexamethasone 10 mg IV, so J1100 x10 units, with "
        "99213-25 and 20610 on DOS 06/01/25 for $87.45 allowed."
    )
    client.force_login(asker)

    response = ask_by_form(client, question)

    assert response.status_code == 302
    assert Message.objects.get(author="coder").body == question
    assert question.encode() in client.get(response.url).content
