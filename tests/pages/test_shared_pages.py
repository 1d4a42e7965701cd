"""Code pages rendered once per variant and served from the cache (lookup/shared_pages.py):
no reader is ever served a page cached for another kind of reader, or another reader's
own address and form token."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from fees.models import Locality
from fees.services import chosen_locality_set
from tests.conftest import make_code, make_section, make_user

CODE_URL = "/codes/cpt/27323/"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture
def gated_code(cpt, fee_data):
    code = make_code("27323", cpt)
    make_section(code, "guidelines", gated=False, body="OPEN-GUIDANCE-TEXT")
    make_section(code, "documentation", gated=True, body="GATED-DOCUMENTATION-TEXT")
    return code


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def readers(gated_code) -> dict[str, Client]:
    """One browser for each kind of reader a code page is rendered for."""
    guest_with_view, walled_guest = Client(), Client()
    walled_guest.get(f"/codes/cpt/{make_code('27324', gated_code.system).code}/")
    walled_account = make_user("walled@example.org", extra_views=0)
    walled_client = signed_in(walled_account)
    for number in range(6):
        walled_client.get(f"/codes/cpt/{make_code(f'2733{number}', gated_code.system).code}/")
    with_locality = make_user("ny@example.org")
    chosen_locality_set(user=with_locality, locality=Locality.objects.get(state="NY", number="01"))
    return {
        "guest with a view left": guest_with_view,
        "walled guest": walled_guest,
        "unverified account": signed_in(make_user("new@example.org", verified=False)),
        "free account": signed_in(make_user("free@example.org")),
        "walled account": walled_client,
        "account with a locality": signed_in(with_locality),
        "premium account": signed_in(make_user("premium@example.org", plan="premium")),
        "staff": signed_in(make_user("staff@example.org", is_staff=True)),
        "free account with a date of service": date_of_service_set(
            signed_in(make_user("dos@example.org"))
        ),
    }


def date_of_service_set(client: Client) -> Client:
    client.get("/search/?dos=2021-06-01")
    return client


def page_of(client: Client) -> str:
    """The code page as `client` receives it, its form token blanked (new each request)."""
    return CSRF_INPUT.sub("csrf", client.get(CODE_URL).content.decode())


def test_every_reader_gets_from_a_warm_cache_the_page_a_cold_cache_renders(gated_code):
    browsers = readers(gated_code)
    for browser in browsers.values():
        page_of(browser)  # each spends its view now, so that every later read is alike
    expected = {}
    for name, browser in browsers.items():
        cache.clear()
        expected[name] = page_of(browser)

    # Every reader's page is cached once, then each reads again behind all the others.
    for name, browser in browsers.items():
        assert page_of(browser) == expected[name], name
    for name, browser in reversed(browsers.items()):
        assert page_of(browser) == expected[name], name

    assert "GATED-DOCUMENTATION-TEXT" in expected["free account"]
    assert "GATED-DOCUMENTATION-TEXT" not in expected["unverified account"]
    assert "OPEN-GUIDANCE-TEXT" not in expected["walled guest"]
    assert "OPEN-GUIDANCE-TEXT" not in expected["walled account"]
    assert "with your Premium plan" in expected["premium account"]
    assert "with your Premium plan" not in expected["staff"]


def test_gated_text_cached_for_a_member_never_reaches_a_guest(gated_code):
    member = signed_in(make_user("member@example.org"))
    assert "GATED-DOCUMENTATION-TEXT" in page_of(member)

    assert "GATED-DOCUMENTATION-TEXT" not in page_of(Client())
    walled = Client()
    walled.get(f"/codes/cpt/{make_code('27324', gated_code.system).code}/")
    assert "OPEN-GUIDANCE-TEXT" not in page_of(walled)


def test_a_cached_page_carries_each_readers_own_address_and_form_token(gated_code):
    first, second = make_user("first@example.org"), make_user("second@example.org")
    first_client, second_client = signed_in(first), signed_in(second)
    first_client.get(CODE_URL)
    second_client.get(CODE_URL)

    html = second_client.get(CODE_URL).content.decode()

    assert "second@example.org" in html and "first@example.org" not in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    second_client.handler.enforce_csrf_checks = True
    logout = second_client.post(reverse("account_logout"), {"csrfmiddlewaretoken": token})
    assert logout.status_code == 302
    assert "second@example.org" not in second_client.get("/").content.decode()


def test_a_locality_chosen_by_one_member_is_not_shown_to_another(gated_code):
    chooser, other = make_user("ny@example.org"), make_user("other@example.org")
    locality = Locality.objects.get(state="NY", number="01")
    chosen_locality_set(user=chooser, locality=locality)
    assert "Change locality" in page_of(signed_in(chooser))

    html = page_of(signed_in(other))

    assert "Change locality" not in html and "Choose your locality" in html


def test_a_message_for_the_reader_shows_on_a_page_others_have_cached(gated_code):
    other = signed_in(make_user("other@example.org"))
    other.get("/")
    make_user("member@example.org", password="a-long-passphrase-1")
    browser = Client()
    browser.post(
        reverse("account_login"), {"login": "member@example.org", "password": "a-long-passphrase-1"}
    )

    assert "You are logged in as member@example.org" in browser.get("/").content.decode()
    assert "You are logged in as" not in other.get("/").content.decode()
    assert "You are logged in as" not in browser.get("/").content.decode()
