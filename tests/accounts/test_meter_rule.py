"""The meter's rule said where a reader meets it: the banner, the wall and the account page
say whether views renew, with the site's own numbers, and the wall says where views went."""

import pytest

from tests.accounts.conftest import make_codes, url_of
from tests.conftest import make_user


@pytest.fixture
def codes(cpt):
    return make_codes(8, cpt)


def test_guest_banner_says_views_do_not_renew_with_the_configured_numbers(client, codes, settings):
    settings.METER_GUEST_VIEWS, settings.METER_FREE_VIEWS = 2, 3

    html = client.get(url_of(codes[0])).content.decode()

    assert "Views do not renew: 2 as a guest, 3 more with a free account (5 in all)" in html
    assert "every code you open stays open to you" in html


def test_guest_wall_names_the_code_the_view_went_to(client, codes):
    client.get(url_of(codes[0]))

    html = client.get(url_of(codes[1])).content.decode()

    assert "You have used your 1 code page view" in html
    assert (
        'You used it on <a href="/codes/cpt/80000/">CPT 80000</a>, which stays open to you.' in html
    )
    assert "Views do not renew: a guest has 1 and a free account 6 in all" in html


def test_wall_lists_every_code_the_views_went_to(client, codes, settings):
    settings.METER_GUEST_VIEWS = 3
    for code in codes[:3]:
        client.get(url_of(code))

    html = client.get(url_of(codes[3])).content.decode()

    assert "You used them on " in html
    assert ">CPT 80000</a>, <a" in html and ">CPT 80001</a> and <a" in html
    assert ">CPT 80002</a>, which stay open to you." in html


def test_free_account_wall_says_its_views_do_not_renew(client, codes):
    client.force_login(make_user())
    for code in codes[:6]:
        client.get(url_of(code))

    html = client.get(url_of(codes[6])).content.decode()

    assert "Your 6 views do not renew: a free account has them once." in html
    assert "You used them on " in html and ">CPT 80005</a>, which stay open to you." in html


def test_two_walled_guests_each_read_where_their_own_view_went(codes):
    from django.test import Client

    first, second = Client(), Client()
    first.get(url_of(codes[0]))
    second.get(url_of(codes[1]))

    walled_first = first.get(url_of(codes[2])).content.decode()
    walled_second = second.get(url_of(codes[2])).content.decode()

    assert ">CPT 80000</a>, which stays open" in walled_first
    assert ">CPT 80001</a>, which stays open" in walled_second


def test_a_monthly_meter_says_when_views_renew_not_that_they_never_do(client, codes, settings):
    settings.METER_PERIOD = "month"

    html = client.get(url_of(codes[0])).content.decode()

    assert "Views renew on" in html
    assert "do not renew" not in html


def test_account_page_says_views_do_not_renew(client, codes):
    client.force_login(make_user())

    html = client.get("/account/").content.decode()

    assert "do not renew" in html
