"""Racing requests from one identity unlock exactly as many codes as it has views left.

Real threads, each with its own database connection, on whichever database the suite runs
(SQLite by default, PostgreSQL with DATABASE_URL).
"""

import uuid

import pytest
from django.test import Client

from accounts.models import NetworkDay, Unlock
from tests.accounts.conftest import in_parallel, make_codes, url_of, visitor_cookie_value
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def open_in_parallel(clients_and_urls: list[tuple[Client, str]]) -> list[str]:
    """GET every url at once, each from its client in its own thread; the pages' HTML."""
    return in_parallel(
        [
            lambda client=client, url=url: client.get(url).content.decode()
            for client, url in clients_and_urls
        ]
    )


def client_of_session(session_cookie) -> Client:
    client = Client()
    client.cookies[session_cookie.key] = session_cookie.value
    return client


def test_parallel_requests_of_an_account_unlock_exactly_its_views_left(cpt):
    codes = make_codes(10, cpt)
    user = make_user()
    Unlock.objects.create(user=user, code=codes[0], period="lifetime", slot=1)
    browser = Client()
    browser.force_login(user)
    session = browser.cookies["sessionid"]

    pages = open_in_parallel([(client_of_session(session), url_of(code)) for code in codes[1:]])

    assert Unlock.objects.filter(user=user).count() == 6
    assert sum("Gated fees of" in html for html in pages) == 5
    assert sorted(Unlock.objects.filter(user=user).values_list("slot", flat=True)) == [
        1, 2, 3, 4, 5, 6
    ]  # fmt: skip


def test_parallel_requests_for_one_code_use_one_view(cpt):
    code = make_codes(1, cpt)[0]
    browser = Client()
    browser.force_login(make_user())
    session = browser.cookies["sessionid"]

    pages = open_in_parallel([(client_of_session(session), url_of(code)) for _ in range(6)])

    assert Unlock.objects.count() == 1
    assert all("Gated fees of" in html for html in pages)


def test_parallel_requests_of_a_guest_unlock_one_code(cpt):
    codes = make_codes(6, cpt)
    cookie = visitor_cookie_value(uuid.uuid4())

    def guest() -> Client:
        client = Client()
        client.cookies["visitor"] = cookie
        return client

    pages = open_in_parallel([(guest(), url_of(code)) for code in codes])

    assert Unlock.objects.count() == 1
    assert sum("Official descriptor of" in html for html in pages) == 1


def test_parallel_fresh_guests_of_one_network_unlock_the_daily_cap(cpt):
    codes = make_codes(8, cpt)

    pages = open_in_parallel([(Client(), url_of(code)) for code in codes])

    assert Unlock.objects.count() == 3
    assert NetworkDay.objects.get().guest_unlocks == 3
    assert sum("Official descriptor of" in html for html in pages) == 3


def test_twenty_parallel_first_visits_each_unlock_one_view_counted_once(cpt, settings):
    settings.METER_GUEST_DAILY_PER_IP = 100
    first, second = make_codes(2, cpt)
    guests = [Client() for _ in range(20)]

    opened = open_in_parallel([(guest, url_of(first)) for guest in guests])
    walled = open_in_parallel([(guest, url_of(second)) for guest in guests])

    assert all("Open guidance of 80000." in html for html in opened)
    assert not any("Open guidance of 80001." in html for html in walled)
    assert Unlock.objects.filter(code=first).values("visitor").distinct().count() == 20
    assert Unlock.objects.count() == 20
    assert NetworkDay.objects.get().guest_unlocks == 20


def test_twenty_parallel_first_visits_of_one_network_unlock_the_daily_cap(cpt):
    codes = make_codes(20, cpt)

    pages = open_in_parallel([(Client(), url_of(code)) for code in codes])

    assert Unlock.objects.count() == 3
    assert NetworkDay.objects.get().guest_unlocks == 3
    assert sum("Official descriptor of" in html for html in pages) == 3
