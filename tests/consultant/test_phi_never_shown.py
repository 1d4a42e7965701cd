"""A question holding patient identifiers is refused and shown in full to no one: not in the
coder's pages, the consultants' queue, the admin or any email (issue 26 item 9). Each page is
read as raw bytes, as whoever opens it would receive it."""

import pytest

from consultant.models import Message, Thread

pytestmark = pytest.mark.django_db

# What the outside probe sent, each missed by the screen it replaced.
PROBE_IDENTIFIERS = ["SSN 123 45 6789", "DOB: 2 Jan 1960", "pt john smith", "5551234567",
                     "MRN 12 345 678"]  # fmt: skip


def ask_by_form(client, question: str, **fields):
    return client.post("/consultant/", {"question": question, "subject": "", **fields})


@pytest.mark.parametrize("identifier", PROBE_IDENTIFIERS)
def test_each_identifier_the_probe_sent_is_refused(client, asker, identifier):
    client.force_login(asker)

    response = ask_by_form(client, f"{identifier} had 27323 on the left thigh, which modifier?")

    assert response.status_code == 400
    assert "Patient identifiers must never be sent to us" in response.content.decode()
    assert not Thread.objects.exists() and not Message.objects.exists()
