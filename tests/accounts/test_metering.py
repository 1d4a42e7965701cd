"""The meter's rules, as a reader sees them on code pages."""

import re

import pytest
from django.test import Client

from accounts.models import Unlock
from lookup.models import Code
from tests.accounts.conftest import make_codes, url_of
from tests.conftest import make_code, make_section, make_user


@pytest.fixture
def codes(cpt):
    return make_codes(8, cpt)


def test_guest_reads_descriptors_of_first_code_with_gated_sections_locked(client, codes):
    html = client.get(url_of(codes[0])).content.decode()

    assert "Official descriptor of 80000" in html
    assert "Plain-language description of 80000." in html
    assert "Open guidance of 80000." in html
    assert "Gated fees of 80000." not in html
    assert "Register free to read the rest of this page" in html
    assert "A free account unlocks 5 more code pages" in html


def test_guest_banner_states_views_remaining_in_the_reference_words(client, codes):
    html = client.get(url_of(codes[0])).content.decode()

    assert "0 code page views remaining." in html
    assert "Guest accounts are limited to 1 page view." in html
    assert "to get 5 more views." in html


def test_guest_reopening_its_unlocked_code_uses_no_view(client, codes):
    client.get(url_of(codes[0]))
    html = client.get(url_of(codes[0])).content.decode()

    assert "Official descriptor of 80000" in html
    assert Unlock.objects.count() == 1


def test_guest_meets_the_wall_on_a_second_code(client, codes):
    client.get(url_of(codes[0]))

    html = client.get(url_of(codes[1])).content.decode()

    assert "Short descriptor of 80001" in html
    assert "Medicare payment and RVUs" in html and "Coding guidelines" in html
    assert "Register free account" in html and "Log in" in html
    assert "Official descriptor of 80001" not in html
    assert "Plain-language description of 80001." not in html
    assert "Open guidance of 80001." not in html


def test_guest_code_stays_readable_after_meeting_the_wall(client, codes):
    client.get(url_of(codes[0]))
    client.get(url_of(codes[1]))

    html = client.get(url_of(codes[0])).content.decode()

    assert "Official descriptor of 80000" in html


def test_free_account_reads_six_codes_in_full_then_meets_the_upgrade_wall(client, codes):
    client.force_login(make_user())

    pages = [client.get(url_of(code)).content.decode() for code in codes[:7]]

    for number, html in enumerate(pages[:6]):
        assert f"Gated fees of 8000{number}." in html
    assert "Gated fees of 80006." not in pages[6]
    assert "Official descriptor of 80006" not in pages[6]
    assert "Upgrade" in pages[6]
    assert "Free accounts are limited to 6 page views." in pages[6]
    assert "0 code page views remaining." in pages[6]


def test_free_account_banner_counts_down(client, codes):
    client.force_login(make_user())

    html = client.get(url_of(codes[0])).content.decode()

    assert "5 code page views remaining." in html


@pytest.mark.parametrize(
    "fields", [{"is_staff": True}, {"is_superuser": True}, {"plan": "premium"}]
)
def test_staff_superusers_and_premium_read_everything_uncounted(client, codes, fields):
    client.force_login(make_user(**fields))

    pages = [client.get(url_of(code)).content.decode() for code in codes]

    assert all(
        f"Gated fees of {code.code}." in html for code, html in zip(codes, pages, strict=True)
    )
    assert "Unlimited code page views" in pages[-1]
    assert not Unlock.objects.exists()


def test_unverified_account_gets_the_guest_allowance_and_no_gated_text(client, codes):
    client.force_login(make_user(verified=False))

    first = client.get(url_of(codes[0])).content.decode()
    second = client.get(url_of(codes[1])).content.decode()

    assert "Official descriptor of 80000" in first
    assert "Gated fees of 80000." not in first
    assert "Verify your email address to get 5 more views" in first
    assert "Official descriptor of 80001" not in second


def test_granted_views_extend_the_allowance(client, codes):
    client.force_login(make_user(extra_views=1))

    pages = [client.get(url_of(code)).content.decode() for code in codes]

    assert "Gated fees of 80006." in pages[6]
    assert "Gated fees of 80007." not in pages[7]


def test_hierarchy_pages_use_no_view(client, icd):
    chapter = make_code("19", icd, level=Code.Level.CHAPTER)
    block = make_code("S70-S79", icd, level=Code.Level.BLOCK, parent=chapter)
    make_section(block, "guidelines", gated=False, body="Block guidance.")

    client.get("/codes/icd-10-cm/19/")
    html = client.get("/codes/icd-10-cm/S70-S79/").content.decode()

    assert "Block guidance." in html
    assert not Unlock.objects.exists()


@pytest.fixture
def femur_fracture_chain(icd):
    """S72 > S72.0 > S72.00 > S72.001 > S72.001A: four header codes with public notes only,
    then the billable code with a public and a gated section (as the full import makes them)."""
    parent = make_code("19", icd, level=Code.Level.CHAPTER, billable=False)
    for header in ["S72", "S72.0", "S72.00", "S72.001"]:
        parent = make_code(header, icd, parent=parent, billable=False)
        make_section(parent, "excludes2", gated=False, body=f"Public notes of {header}.")
    leaf = make_code("S72.001A", icd, parent=parent)
    make_section(leaf, "guidelines", gated=False, body="Open guidance of S72.001A.")
    make_section(leaf, "documentation", gated=True, body="Gated documentation of S72.001A.")
    return leaf


def test_walking_down_header_codes_spends_one_view_on_the_billable_code(
    client, femur_fracture_chain
):
    client.force_login(make_user())

    pages = [
        client.get(f"/codes/icd-10-cm/{code}/").content.decode()
        for code in ["S72", "S72.0", "S72.00", "S72.001", "S72.001A"]
    ]

    for header, html in zip(["S72", "S72.0", "S72.00", "S72.001"], pages, strict=False):
        assert f"Public notes of {header}." in html
        assert "6 code page views remaining." in html
        assert "Reading this page uses no view." in html
    assert "Gated documentation of S72.001A." in pages[4]
    assert "5 code page views remaining." in pages[4]
    assert list(Unlock.objects.values_list("code__code", flat=True)) == ["S72.001A"]


def test_guest_out_of_views_still_reads_header_codes_in_full(client, codes, femur_fracture_chain):
    client.get(url_of(codes[0]))  # the guest's one view

    response = client.get("/codes/icd-10-cm/S72.0/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Official descriptor of S72.0" in html and "Public notes of S72.0." in html
    assert "You have used your 1 code page view" not in html  # no wall
    assert Unlock.objects.count() == 1


def test_a_header_code_with_a_gated_section_spends_a_view(client, icd):
    header = make_code("S72", icd, billable=False)
    make_section(header, "documentation", gated=True, body="Gated header advice.")
    client.force_login(make_user())

    html = client.get("/codes/icd-10-cm/S72/").content.decode()

    assert "Gated header advice." in html
    assert list(Unlock.objects.values_list("code__code", flat=True)) == ["S72"]


def test_a_priced_code_spends_a_view_for_its_fee_section_alone(client, cpt):
    make_code("27323", cpt)  # no section at all: the fee section is gated

    html = client.get("/codes/cpt/27323/").content.decode()

    assert "Medicare payment and RVUs" in html
    assert Unlock.objects.count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        # <img src> on another site
        {"HTTP_SEC_FETCH_DEST": "image", "HTTP_SEC_FETCH_MODE": "no-cors",
         "HTTP_SEC_FETCH_SITE": "cross-site"},
        # <iframe> on another site
        {"HTTP_SEC_FETCH_DEST": "iframe", "HTTP_SEC_FETCH_MODE": "navigate",
         "HTTP_SEC_FETCH_SITE": "cross-site"},
        # <script src> and fetch() from another site
        {"HTTP_SEC_FETCH_DEST": "script", "HTTP_SEC_FETCH_MODE": "no-cors",
         "HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_DEST": "empty", "HTTP_SEC_FETCH_MODE": "cors",
         "HTTP_SEC_FETCH_SITE": "cross-site"},
        # a link preview
        {"HTTP_X_PURPOSE": "preview"},
    ],
)  # fmt: skip
def test_requests_that_are_not_the_reader_opening_the_page_spend_no_view(client, codes, headers):
    response = client.get(url_of(codes[0]), **headers)

    assert response.status_code == 403
    assert b"Official descriptor of 80000" not in response.content
    assert not Unlock.objects.exists()
    assert "Official descriptor of 80000" in client.get(url_of(codes[0])).content.decode()


def test_a_click_from_another_site_spends_a_view(client, codes):
    response = client.get(
        url_of(codes[0]),
        HTTP_SEC_FETCH_DEST="document",
        HTTP_SEC_FETCH_MODE="navigate",
        HTTP_SEC_FETCH_SITE="cross-site",
        HTTP_SEC_FETCH_USER="?1",
    )

    assert response.status_code == 200
    assert "Official descriptor of 80000" in response.content.decode()
    assert Unlock.objects.count() == 1


def test_another_sites_script_navigating_here_spends_no_view_and_offers_to_open(client, codes):
    response = client.get(
        url_of(codes[0]),
        HTTP_SEC_FETCH_DEST="document",
        HTTP_SEC_FETCH_MODE="navigate",
        HTTP_SEC_FETCH_SITE="cross-site",
    )

    html = response.content.decode()
    assert response.status_code == 403
    assert "Official descriptor of 80000" not in html
    assert f'href="{url_of(codes[0])}"' in html and "Open the page" in html
    assert not Unlock.objects.exists()


def test_head_request_uses_no_view(client, codes):
    response = client.head(url_of(codes[0]))

    assert response.status_code == 200
    assert not Unlock.objects.exists()
    assert "Official descriptor of 80000" in client.get(url_of(codes[0])).content.decode()


@pytest.mark.parametrize(
    "header", [{"HTTP_SEC_PURPOSE": "prefetch"}, {"HTTP_PURPOSE": "prefetch"},
               {"HTTP_SEC_PURPOSE": "prefetch;prerender"}],
)  # fmt: skip
def test_prefetch_uses_no_view_and_gets_no_page(client, codes, header):
    response = client.get(url_of(codes[0]), **header)

    assert response.status_code == 403
    assert b"80000" not in response.content
    assert not Unlock.objects.exists()


def test_prefetch_of_an_unlocked_code_serves_it(client, codes):
    client.get(url_of(codes[0]))

    response = client.get(url_of(codes[0]), HTTP_SEC_PURPOSE="prefetch")

    assert "Official descriptor of 80000" in response.content.decode()


def test_missing_code_uses_no_view(client, codes):
    assert client.get("/codes/cpt/99999/").status_code == 404

    assert "Official descriptor of 80000" in client.get(url_of(codes[0])).content.decode()


def test_referer_grants_nothing(client, codes):
    client.get(url_of(codes[0]))

    html = client.get(
        url_of(codes[1]), HTTP_REFERER="https://www.google.com/search?q=80001"
    ).content.decode()

    assert "Official descriptor of 80001" not in html


def test_a_client_calling_itself_googlebot_is_a_guest(client, codes):
    googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    client.get(url_of(codes[0]), HTTP_USER_AGENT=googlebot)

    html = client.get(url_of(codes[1]), HTTP_USER_AGENT=googlebot).content.decode()

    assert "Official descriptor of 80001" not in html
    assert "Register free account" in html


def test_metered_pages_are_private_uncached_and_unarchived(client, codes):
    response = client.get(url_of(codes[0]))

    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert response["X-Robots-Tag"] == "noarchive"


def test_gated_page_carries_paywall_structured_data(client, codes):
    html = client.get(url_of(codes[0])).content.decode()

    assert '"isAccessibleForFree": false' in html
    assert '"cssSelector": ".locked"' in html
    assert re.search(r'class="[^"]*\blocked\b', html)


def test_page_read_in_full_carries_no_paywall_data(client, codes):
    client.force_login(make_user())

    html = client.get(url_of(codes[0])).content.decode()

    assert "isAccessibleForFree" not in html


def test_meta_description_uses_the_short_descriptor_only(client, codes):
    html = client.get(url_of(codes[0])).content.decode()
    meta = html[html.index('<meta name="description"') :].split(">", 1)[0]

    assert "Short descriptor of 80000" in meta
    assert "Official descriptor of 80000" not in meta


def test_tampered_visitor_cookie_is_a_fresh_guest(client, codes):
    client.get(url_of(codes[0]))
    client.cookies["visitor"] = client.cookies["visitor"].value[:-3] + "xyz"

    response = client.get(url_of(codes[1]))

    assert response.status_code == 200
    assert "Official descriptor of 80001" in response.content.decode()


def test_tampered_session_cookie_is_a_fresh_guest(client, codes):
    client.cookies["sessionid"] = "not-a-real-session-key-at-all-0123456789"

    response = client.get(url_of(codes[0]))

    assert response.status_code == 200
    assert "Gated fees of 80000." not in response.content.decode()


def test_logging_out_gives_the_browser_no_fresh_guest_view(client, codes):
    client.get(url_of(codes[0]))
    client.force_login(make_user())
    client.post("/account/logout/")

    html = client.get(url_of(codes[1])).content.decode()

    assert "Official descriptor of 80001" not in html


def test_logging_in_after_the_guest_view_moves_that_code_to_the_account(client, codes):
    user = make_user()
    client.get(url_of(codes[0]))

    client.post("/account/login/", {"login": user.email, "password": "correct horse battery"})

    assert list(Unlock.objects.filter(user=user).values_list("code__code", flat=True)) == ["80000"]
    assert "4 code page views remaining." in client.get(url_of(codes[1])).content.decode()


def test_a_code_unlocked_as_guest_and_as_account_counts_once(client, codes):
    user = make_user()
    other_browser = Client()
    other_browser.force_login(user)
    other_browser.get(url_of(codes[0]))
    client.get(url_of(codes[0]))

    client.post("/account/login/", {"login": user.email, "password": "correct horse battery"})

    assert Unlock.objects.filter(user=user).count() == 1


def test_monthly_period_renews_views_and_names_the_renewal_day(client, codes, settings):
    settings.METER_PERIOD = "month"
    user = make_user()
    for slot, code in enumerate(codes[:6], start=1):
        Unlock.objects.create(user=user, code=code, period="2000-01", slot=slot)
    client.force_login(user)

    html = client.get(url_of(codes[0])).content.decode()

    assert "Gated fees of 80000." in html
    assert "5 code page views remaining." in html
    assert "Views renew on" in html


def test_monthly_views_renew_at_midnight_eastern_on_the_first_not_utc(
    client, codes, settings, clock
):
    settings.METER_PERIOD = "month"
    user = make_user()
    for slot, code in enumerate(codes[:6], start=1):
        Unlock.objects.create(user=user, code=code, period="2026-06", slot=slot)
    client.force_login(user)

    clock.set("2026-06-30T21:00:00-04:00")  # July 1 in UTC
    evening = client.get(url_of(codes[6])).content.decode()
    clock.set("2026-07-01T00:00:01-04:00")
    next_month = client.get(url_of(codes[6])).content.decode()

    assert "You have used your 6 code page views" in evening
    assert "Your views renew on July 1 at midnight Eastern time." in evening
    assert "Gated fees of 80006." in next_month
