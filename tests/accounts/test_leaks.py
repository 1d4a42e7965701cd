"""Gated and out-of-allowance text never reaches a client not entitled to it, in any byte.

Every body carries a unique marker; each test opens the site as a client that may not read
it and searches everything that client receives: HTML, headers, cookies, meta and Open Graph
tags, structured data, search results, sitemaps, error pages, HEAD and prefetch answers.
"""

import uuid

import pytest
from django.test import Client

from lookup.models import Section
from tests.accounts.conftest import every_byte, make_codes, url_of
from tests.conftest import make_code, make_relation, make_section, make_user

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def marker(name: str) -> str:
    return f"LEAK{name}{uuid.uuid4().hex[:12]}".upper()


@pytest.fixture
def secret_code(cpt):
    """A code whose every text carries its own marker, with a marker in each gated section."""
    markers = {
        "long": marker("LONG"),
        "description": marker("DESCRIPTION"),
        "ungated": marker("UNGATED"),
    }
    code = make_code(
        "27324",
        cpt,
        short_descriptor="Biopsy soft tissue thigh deep",
        long_descriptor=f"Biopsy, deep; {markers['long']}",
        description=f"A deep biopsy. {markers['description']}",
    )
    make_section(code, "guidelines", gated=False, body=f"Open. {markers['ungated']}")
    for position, kind in enumerate(Section.Kind.values[1:], start=1):
        markers[kind] = marker(kind.upper())
        make_section(code, kind, gated=True, position=position, body=f"Text {markers[kind]}")
    related = make_code("27323", cpt, short_descriptor="Biopsy soft tissue thigh superficial")
    make_relation(code, related, "compare")
    code.markers = markers
    return code


def gated_markers(code) -> list[str]:
    return [
        value
        for key, value in code.markers.items()
        if key not in {"long", "description", "ungated"}
    ]


def walled_markers(code) -> list[str]:
    return list(code.markers.values())


def assert_absent(markers: list[str], received: str) -> None:
    leaked = [each for each in markers if each in received]
    assert not leaked, f"leaked: {leaked}"


def used_up_guest(cpt) -> Client:
    client = Client(HTTP_USER_AGENT=GOOGLEBOT)
    client.get(url_of(make_codes(1, cpt, prefix="7")[0]))
    return client


def used_up_account(cpt) -> Client:
    client = Client()
    client.force_login(make_user("full@example.org"))
    for code in make_codes(6, cpt, prefix="6"):
        client.get(url_of(code))
    return client


def test_guest_within_allowance_receives_no_gated_text(secret_code):
    response = Client().get(url_of(secret_code))

    received = every_byte(response)
    assert secret_code.markers["long"] in received  # the page itself is there
    assert_absent(gated_markers(secret_code), received)


def test_client_calling_itself_googlebot_receives_no_gated_text(secret_code):
    response = Client(HTTP_USER_AGENT=GOOGLEBOT).get(url_of(secret_code))

    assert_absent(gated_markers(secret_code), every_byte(response))


def test_unverified_account_receives_no_gated_text(secret_code):
    client = Client()
    client.force_login(make_user(verified=False))

    assert_absent(gated_markers(secret_code), every_byte(client.get(url_of(secret_code))))


def test_walled_guest_receives_none_of_the_page_text(secret_code, cpt):
    response = used_up_guest(cpt).get(url_of(secret_code))

    received = every_byte(response)
    assert "Biopsy soft tissue thigh deep" in received
    assert_absent(walled_markers(secret_code), received)


def test_walled_account_receives_none_of_the_page_text(secret_code, cpt):
    response = used_up_account(cpt).get(url_of(secret_code))

    received = every_byte(response)
    assert "Upgrade" in received
    assert_absent(walled_markers(secret_code), received)


def test_walled_page_lists_no_related_codes(secret_code, cpt):
    html = used_up_guest(cpt).get(url_of(secret_code)).content.decode()

    assert "Related codes" not in html


def test_head_and_prefetch_answers_carry_no_text(secret_code, cpt):
    for client in [Client(), used_up_guest(cpt)]:
        for response in [
            client.head(url_of(secret_code)),
            client.get(url_of(secret_code), HTTP_SEC_PURPOSE="prefetch"),
            client.get(url_of(secret_code), HTTP_PURPOSE="prefetch"),
        ]:
            assert_absent(walled_markers(secret_code), every_byte(response))


def test_search_results_carry_no_page_text(secret_code, cpt):
    client = used_up_guest(cpt)
    for query in ["biopsy", "2732", "biopsy thigh"]:
        response = client.get("/search/", {"q": query})

        assert_absent(walled_markers(secret_code), every_byte(response))


def test_searching_for_gated_text_finds_nothing(secret_code, cpt):
    client = used_up_guest(cpt)
    for query in gated_markers(secret_code):
        html = client.get("/search/", {"q": query}).content.decode()

        assert "No codes match" in html
        assert "/codes/cpt/27324/" not in html


def test_sitemaps_robots_and_error_pages_carry_no_page_text(secret_code, cpt):
    client = used_up_guest(cpt)
    paths = [
        "/sitemap.xml", "/sitemap-codes.xml", "/sitemap-systems.xml", "/robots.txt",
        "/codes/cpt/27324X/", "/codes/nowhere/27324/", "/no-such-page/",
        f"/codes/cpt/27324/?q={secret_code.markers['fees']}", "/codes/cpt/",
    ]  # fmt: skip
    for path in paths:
        assert_absent(walled_markers(secret_code), every_byte(client.get(path)))


def test_tampered_cookies_receive_no_gated_text(secret_code, cpt):
    client = used_up_guest(cpt)
    client.cookies["visitor"] = client.cookies["visitor"].value + "0"
    client.cookies["sessionid"] = "forged-session-key-0123456789abcdef"

    response = client.get(url_of(secret_code))

    assert response.status_code == 200
    assert_absent(gated_markers(secret_code), every_byte(response))


def test_logged_out_browser_receives_no_page_text(secret_code, cpt):
    client = used_up_guest(cpt)
    client.force_login(make_user())
    client.post("/account/logout/")

    assert_absent(walled_markers(secret_code), every_byte(client.get(url_of(secret_code))))


def test_account_page_of_a_walled_account_carries_no_page_text(secret_code, cpt):
    client = used_up_account(cpt)
    client.get(url_of(secret_code))

    assert_absent(walled_markers(secret_code), every_byte(client.get("/account/")))


def test_entitled_account_receives_every_section(secret_code):
    client = Client()
    client.force_login(make_user())

    received = every_byte(client.get(url_of(secret_code)))

    assert all(each in received for each in walled_markers(secret_code))
