"""A guest who has used their view carries a signed wall cookie stating where it went, so
that their next walled page is decided without reading their unlocks (one cache round trip
fewer, tests/pages/test_round_trips.py). It walls no other browser, and holds only for its
period and the allowance it was set under; an account reads by its own meter."""

import uuid

import pytest
from django.test import Client

from accounts.visitors import WALL_COOKIE
from tests.accounts.conftest import make_codes, url_of, visitor_cookie_value
from tests.conftest import make_user

WALLED = "0 code page views remaining."


@pytest.fixture
def codes(cpt):
    return make_codes(4, cpt)


def walled_guest(codes) -> Client:
    guest = Client()
    guest.get(url_of(codes[0]))  # their one view
    guest.get(url_of(codes[1]))  # walled, from the unlocks the meter read
    assert WALL_COOKIE in guest.cookies
    return guest


def page(client: Client, code) -> str:
    return client.get(url_of(code)).content.decode()


def test_a_walled_guest_stays_walled_and_never_gets_gated_text(codes):
    guest = walled_guest(codes)

    html = page(guest, codes[2])

    assert WALLED in html
    assert "Open guidance of 80002." not in html and "Gated fees of 80002." not in html


def test_a_walled_guest_still_reads_the_code_their_view_opened(codes):
    guest = walled_guest(codes)

    html = page(guest, codes[0])

    assert "Open guidance of 80000." in html and "Gated fees of 80000." not in html


def test_another_browser_given_the_wall_cookie_is_not_walled(codes):
    wall = walled_guest(codes).cookies[WALL_COOKIE].value
    other = Client()
    other.cookies["visitor"] = visitor_cookie_value(uuid.uuid4())
    other.cookies[WALL_COOKIE] = wall

    html = page(other, codes[2])

    assert "Open guidance of 80002." in html


def test_a_forged_wall_cookie_walls_nobody(codes):
    visitor = uuid.uuid4()
    forged = Client()
    forged.cookies["visitor"] = visitor_cookie_value(visitor)
    forged.cookies[WALL_COOKIE] = f"{visitor}:None:1:{codes[0].pk}"  # unsigned

    html = page(forged, codes[2])

    assert "Open guidance of 80002." in html


def test_a_wall_cookie_ends_with_its_period(codes, settings, clock):
    settings.METER_PERIOD = "month"
    clock.set("2026-06-30T12:00:00-04:00")
    guest = walled_guest(codes)
    assert WALLED in page(guest, codes[2])

    clock.set("2026-07-01T00:00:01-04:00")
    html = page(guest, codes[2])

    assert "Open guidance of 80002." in html


def test_raising_the_guest_allowance_lifts_the_wall_at_once(codes, settings):
    guest = walled_guest(codes)

    settings.METER_GUEST_VIEWS = 2
    html = page(guest, codes[2])

    assert "Open guidance of 80002." in html


def test_a_walled_guest_who_signs_in_reads_by_their_account(codes):
    guest = walled_guest(codes)

    guest.force_login(make_user())
    html = page(guest, codes[2])

    assert "Gated fees of 80002." in html
