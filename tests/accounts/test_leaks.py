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


def assert_intended(response, status: int, public_marker: str) -> str:
    """The response is the one the test meant to look at: its status and a public part of it.
    Returns every byte of it, for the absence checks."""
    received = every_byte(response)
    assert response.status_code == status, received[:500]
    assert public_marker in received, f"{public_marker!r} not in the response"
    return received


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

    received = assert_intended(response, 200, secret_code.markers["long"])
    assert_absent(gated_markers(secret_code), received)


def test_client_calling_itself_googlebot_receives_no_gated_text(secret_code):
    response = Client(HTTP_USER_AGENT=GOOGLEBOT).get(url_of(secret_code))

    received = assert_intended(response, 200, secret_code.markers["long"])
    assert_absent(gated_markers(secret_code), received)


def test_unverified_account_receives_no_gated_text(secret_code):
    client = Client()
    client.force_login(make_user(verified=False))

    response = client.get(url_of(secret_code))

    received = assert_intended(response, 200, secret_code.markers["long"])
    assert_absent(gated_markers(secret_code), received)


def test_walled_guest_receives_none_of_the_page_text(secret_code, cpt):
    response = used_up_guest(cpt).get(url_of(secret_code))

    received = assert_intended(response, 200, "Biopsy soft tissue thigh deep")
    assert "You have used your 1 code page view" in received
    assert_absent(walled_markers(secret_code), received)


def test_walled_account_receives_none_of_the_page_text(secret_code, cpt):
    response = used_up_account(cpt).get(url_of(secret_code))

    received = assert_intended(response, 200, "Biopsy soft tissue thigh deep")
    assert "You have used your 6 code page views" in received
    assert_absent(walled_markers(secret_code), received)


def test_walled_page_lists_no_related_codes(secret_code, cpt):
    response = used_up_guest(cpt).get(url_of(secret_code))

    html = assert_intended(response, 200, "You have used your 1 code page view")
    assert "Related codes" not in html
    assert "Biopsy soft tissue thigh superficial" not in html


def test_head_and_prefetch_answers_carry_no_text(secret_code, cpt):
    declined = (403, "Declined: only opening this page")
    walled = (200, "You have used your 1 code page view")
    for client, prefetch_answer in [(Client(), declined), (used_up_guest(cpt), walled)]:
        head = client.head(url_of(secret_code))
        assert head.status_code == 200 and head.content == b""
        assert_absent(walled_markers(secret_code), every_byte(head))
        for header in [{"HTTP_SEC_PURPOSE": "prefetch"}, {"HTTP_PURPOSE": "prefetch"}]:
            response = client.get(url_of(secret_code), **header)

            received = assert_intended(response, *prefetch_answer)
            assert_absent(walled_markers(secret_code), received)


def test_search_results_carry_no_page_text(secret_code, cpt):
    client = used_up_guest(cpt)
    for query in ["biopsy", "2732", "biopsy thigh"]:
        response = client.get("/search/", {"q": query})

        received = assert_intended(response, 200, 'href="/codes/cpt/27324/"')
        assert_absent(walled_markers(secret_code), received)


def test_searching_for_gated_text_finds_nothing(secret_code, cpt):
    client = used_up_guest(cpt)
    for query in gated_markers(secret_code):
        html = assert_intended(client.get("/search/", {"q": query}), 200, "No codes match")

        assert "/codes/cpt/27324/" not in html


def test_sitemaps_robots_and_error_pages_carry_no_page_text(secret_code, cpt):
    client = used_up_guest(cpt)
    intended = {
        "/sitemap.xml": (200, "sitemap-codes.xml"),
        "/sitemap-codes.xml": (200, "/codes/cpt/27324/</loc>"),
        "/sitemap-systems.xml": (200, "/codes/cpt/</loc>"),
        "/robots.txt": (200, "Sitemap:"),
        "/codes/cpt/27324X/": (404, "27324X"),
        "/codes/nowhere/27324/": (404, "code system called “nowhere”"),
        "/no-such-page/": (404, "Page not found"),
        f"/codes/cpt/27324/?q={secret_code.markers['fees']}": (200, "You have used your"),
        "/codes/cpt/": (200, 'href="/codes/cpt/27324/"'),
    }
    for path, (status, public_marker) in intended.items():
        received = assert_intended(client.get(path), status, public_marker)
        assert_absent(walled_markers(secret_code), received)


def test_tampered_cookies_receive_no_gated_text(secret_code, cpt):
    client = used_up_guest(cpt)
    client.cookies["visitor"] = client.cookies["visitor"].value + "0"
    client.cookies["sessionid"] = "forged-session-key-0123456789abcdef"

    response = client.get(url_of(secret_code))

    received = assert_intended(response, 200, secret_code.markers["long"])  # a fresh guest
    assert_absent(gated_markers(secret_code), received)


def test_logged_out_browser_receives_no_page_text(secret_code, cpt):
    client = used_up_guest(cpt)
    client.force_login(make_user())
    client.post("/account/logout/")

    response = client.get(url_of(secret_code))

    received = assert_intended(response, 200, "You have used your 1 code page view")
    assert_absent(walled_markers(secret_code), received)


def test_account_page_of_a_walled_account_carries_no_page_text(secret_code, cpt):
    client = used_up_account(cpt)
    client.get(url_of(secret_code))

    received = assert_intended(client.get("/account/"), 200, "full@example.org")
    assert "60005" in received  # its unlocked codes are listed, the walled one is not
    assert_absent(walled_markers(secret_code), received)


def test_entitled_account_receives_every_section(secret_code):
    client = Client()
    client.force_login(make_user())

    received = assert_intended(client.get(url_of(secret_code)), 200, "Official descriptor")

    assert all(each in received for each in walled_markers(secret_code))
