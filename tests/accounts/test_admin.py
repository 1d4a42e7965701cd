from django.contrib.admin.models import LogEntry

from accounts.models import Unlock, User
from tests.accounts.conftest import make_codes, url_of
from tests.conftest import make_user


def admin_client(client):
    client.force_login(make_user("admin@example.org", is_staff=True, is_superuser=True))
    return client


def test_admin_grants_extra_views_and_logs_it(client, db):
    user = make_user()

    admin_client(client).post(
        "/admin/accounts/user/",
        {"action": "grant_views", "views": "3", "_selected_action": [user.pk]},
    )

    assert User.objects.get(pk=user.pk).extra_views == 3
    assert LogEntry.objects.filter(object_id=str(user.pk), change_message__contains="Granted 3")


def test_admin_resets_a_meter_and_logs_it(client, cpt):
    user = make_user()
    Unlock.objects.create(user=user, code=make_codes(1, cpt)[0], period="lifetime", slot=1)

    admin_client(client).post(
        "/admin/accounts/user/", {"action": "reset_meter", "_selected_action": [user.pk]}
    )

    assert not Unlock.objects.filter(user=user).exists()
    assert LogEntry.objects.filter(object_id=str(user.pk), change_message__contains="Reset")


def test_admin_user_page_shows_plan_and_meter(client, cpt):
    user = make_user()
    Unlock.objects.create(user=user, code=make_codes(1, cpt)[0], period="lifetime", slot=1)

    html = admin_client(client).get(f"/admin/accounts/user/{user.pk}/change/").content.decode()

    assert 'name="plan"' in html
    assert "1 of 6 views used, 5 remaining" in html


def test_admin_lists_unlocks_searchable_and_filterable(client, cpt):
    codes = make_codes(2, cpt)
    client.get(url_of(codes[0]))  # a guest's unlock
    Unlock.objects.create(user=make_user(), code=codes[1], period="lifetime", slot=1)
    admin = admin_client(client)

    everyone = admin.get("/admin/accounts/unlock/").content.decode()
    by_email = admin.get("/admin/accounts/unlock/", {"q": "coder@"}).content.decode()
    guests = admin.get("/admin/accounts/unlock/", {"who": "guest"}).content.decode()

    assert "coder@example.org" in everyone and "guest " in everyone
    assert "coder@example.org" in by_email and "80000" not in by_email
    assert "guest " in guests and "coder@example.org" not in guests
