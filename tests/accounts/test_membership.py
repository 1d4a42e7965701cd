"""Premium: the upgrade page explains it and takes a free account's request; staff grant it
in the admin."""

from django.contrib.admin.models import LogEntry

from accounts.models import MembershipRequest, User
from tests.conftest import make_user

UPGRADE = "/account/upgrade/"


def test_guest_learns_what_premium_gives_and_is_asked_to_register_first(client, db):
    html = client.get(UPGRADE).content.decode()

    assert "Every code page, with no count of views" in html
    assert 'href="/account/signup/?next=/account/upgrade/">Register free account</a>' in html
    assert '<form method="post" class="upgrade-form">' not in html


def test_free_account_asks_for_premium_and_sees_its_request_waiting(client, coder):
    client.force_login(coder)

    response = client.post(UPGRADE, {"note": "Two coders at a small practice."})

    assert response.status_code == 302
    request = MembershipRequest.objects.get(user=coder)
    assert request.status == MembershipRequest.Status.OPEN
    assert request.note == "Two coders at a small practice."
    html = client.get(UPGRADE).content.decode()
    assert "We received your request" in html
    assert "You asked for Premium" in client.get("/account/").content.decode()


def test_asking_twice_keeps_one_waiting_request(client, coder):
    client.force_login(coder)

    client.post(UPGRADE, {"note": ""})
    client.post(UPGRADE, {"note": "Again"})

    assert MembershipRequest.objects.filter(user=coder).count() == 1


def test_a_note_too_long_gets_a_message_beside_the_field(client, coder):
    client.force_login(coder)

    response = client.post(UPGRADE, {"note": "x" * 1001})

    assert response.status_code == 200
    assert "at most 1000 characters" in response.content.decode()
    assert not MembershipRequest.objects.exists()


def test_unverified_account_is_asked_to_verify_before_asking(client, db):
    client.force_login(make_user("new@example.org", verified=False))

    client.post(UPGRADE, {"note": ""})

    assert not MembershipRequest.objects.exists()
    assert "First verify your email address" in client.get(UPGRADE).content.decode()


def test_staff_grant_premium_in_the_admin_and_it_is_logged(client, coder):
    request = MembershipRequest.objects.create(user=coder)
    client.force_login(make_user("admin@example.org", is_staff=True, is_superuser=True))

    client.post(
        "/admin/accounts/membershiprequest/",
        {"action": "grant", "_selected_action": [request.pk]},
    )

    assert User.objects.get(pk=coder.pk).plan == User.Plan.PREMIUM
    request.refresh_from_db()
    assert request.status == MembershipRequest.Status.GRANTED and request.handled_at
    assert LogEntry.objects.filter(object_id=str(coder.pk), change_message__contains="Premium")


def test_premium_account_is_told_it_already_reads_everything(client, db):
    client.force_login(make_user("paid@example.org", plan=User.Plan.PREMIUM))

    html = client.get(UPGRADE).content.decode()

    assert "Your account already opens every code page: it is on Premium." in html
