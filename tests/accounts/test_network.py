"""Per-network daily caps: guest unlocks and signups counted per network, and the purge."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import NetworkDay, Unlock, User
from core.days import site_today
from core.network import network_key
from tests.accounts.conftest import make_codes, url_of


@pytest.fixture
def codes(cpt):
    return make_codes(5, cpt)


def test_guests_of_one_network_unlock_three_codes_a_day_whatever_their_cookies(codes):
    pages = [Client().get(url_of(code)).content.decode() for code in codes[:4]]

    for code, html in zip(codes[:3], pages, strict=False):
        assert f"Official descriptor of {code.code}" in html
    assert "Official descriptor of 80003" not in pages[3]
    assert "Guest views from your network are used up for today" in pages[3]
    assert Unlock.objects.count() == 3


def test_banner_and_wall_agree_when_the_network_allowance_is_used_up(codes):
    for code in codes[:3]:
        Client().get(url_of(code))

    html = Client().get(url_of(codes[3])).content.decode()

    banner = html[
        html.index('class="meter-banner"') : html.index("</div>", html.index("meter-banner"))
    ]
    assert "0 code page views remaining today from your network." in banner
    assert "1 code page view remaining" not in html
    assert "Guest views from your network are used up for today" in html


def test_guests_of_another_network_are_not_capped_by_the_first(codes):
    for code in codes[:3]:
        Client().get(url_of(code))

    html = Client(REMOTE_ADDR="198.51.100.77").get(url_of(codes[3])).content.decode()

    assert "Official descriptor of 80003" in html


def test_behind_a_trusted_proxy_the_cap_follows_the_forwarded_address(codes, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for code in codes[:3]:
        Client(HTTP_X_FORWARDED_FOR="203.0.113.5").get(url_of(code))

    forged = Client(HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.5").get(url_of(codes[3]))
    other = Client(HTTP_X_FORWARDED_FOR="203.0.113.6").get(url_of(codes[4]))

    assert "Official descriptor of 80003" not in forged.content.decode()
    assert "Official descriptor of 80004" in other.content.decode()


def test_no_raw_address_is_stored(codes):
    Client(REMOTE_ADDR="198.51.100.23").get(url_of(codes[0]))

    row = NetworkDay.objects.get()
    assert "198.51.100" not in row.network
    assert len(row.network) == 64


def test_purge_command_deletes_old_network_counts(db, settings):
    settings.METER_NETWORK_RETENTION_DAYS = 1
    today = site_today()
    NetworkDay.objects.create(network="a" * 64, day=today)
    NetworkDay.objects.create(network="b" * 64, day=today - datetime.timedelta(days=1))
    NetworkDay.objects.create(network="c" * 64, day=today - datetime.timedelta(days=2))

    call_command("purge_network_counts")

    assert sorted(NetworkDay.objects.values_list("network", flat=True)) == ["a" * 64, "b" * 64]


def test_allauth_rate_limits_read_the_client_address_the_meters_way(client, db, settings):
    """Two clients behind the proxy have their own login limits, and a request with
    fewer forwarded hops than trusted proxies is counted by its peer, not refused with 500."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = settings.ACCOUNT_RATE_LIMITS | {"login": "2/m/ip"}
    wrong = {"login": "nobody@example.org", "password": "wrong"}

    def attempt(forwarded_for: str) -> int:
        extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
        return client.post("/account/login/", wrong, REMOTE_ADDR="10.0.0.2", **extra).status_code

    first = [attempt("203.0.113.5") for _ in range(3)]
    other = attempt("203.0.113.6")
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    too_few_hops = attempt("203.0.113.7")

    assert first == [200, 200, 429]
    assert other == 200
    assert too_few_hops == 200


def test_guest_views_of_a_network_start_again_at_midnight_eastern_not_utc(codes, clock):
    clock.set("2026-06-05T19:00:00-04:00")
    for code in codes[:3]:
        Client().get(url_of(code))

    clock.set("2026-06-05T21:00:00-04:00")  # June 6 in UTC
    evening = Client().get(url_of(codes[3])).content.decode()
    clock.set("2026-06-06T00:00:01-04:00")
    next_day = Client().get(url_of(codes[3])).content.decode()

    assert "Guest views from your network are used up for today" in evening
    assert "used up until midnight Eastern time" in evening
    assert "Official descriptor of 80003" in next_day


def test_a_guest_view_just_before_midnight_counts_on_that_day_under_that_days_name(codes, clock):
    clock.set("2026-06-05T23:59:59-04:00")

    Client(REMOTE_ADDR="198.51.100.23").get(url_of(codes[0]))

    row = NetworkDay.objects.get()
    assert (row.day, row.guest_unlocks) == (datetime.date(2026, 6, 5), 1)
    assert row.network == network_key("198.51.100.23", datetime.date(2026, 6, 5))


def test_signups_of_a_network_start_again_at_midnight_eastern_not_utc(db, settings, clock):
    settings.METER_SIGNUPS_DAILY_PER_IP = 1
    password = "a long and unusual passphrase"

    def sign_up(email: str):
        return Client().post(
            "/account/signup/", {"email": email, "password1": password, "password2": password}
        )

    clock.set("2026-06-05T19:00:00-04:00")
    sign_up("first@example.org")
    clock.set("2026-06-05T21:00:00-04:00")  # June 6 in UTC
    evening = sign_up("second@example.org").content.decode()
    clock.set("2026-06-06T00:00:01-04:00")
    sign_up("third@example.org")

    assert "Please try again after midnight Eastern time" in evening
    assert sorted(User.objects.values_list("email", flat=True)) == [
        "first@example.org",
        "third@example.org",
    ]
