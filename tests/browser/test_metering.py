"""A reader's whole metering journey in a real browser: guest view, wall, signup with email
verification, six codes in all, the upgrade wall, and the account page."""

import os
import re

import pytest
from django.core import mail

from tests.conftest import make_code, make_section, run_worker

pytestmark = pytest.mark.browser

PASSWORD = "a long and unusual passphrase"


def make_gated_codes(cpt, count: int) -> list:
    codes = []
    for number in range(count):
        code = make_code(
            f"2732{number}",
            cpt,
            short_descriptor=f"Biopsy soft tissue, site {number}",
            long_descriptor=f"Biopsy, soft tissue of site {number}; superficial",
            description="An open biopsy of tissue above the deep fascia.",
        )
        make_section(code, "guidelines", gated=False, body="Report once per site.")
        make_section(code, "fees", gated=True, body=f"Fee schedule for site {number}: 8.23 RVUs.")
        codes.append(code)
    return codes


def test_guest_meets_the_wall_signs_up_and_reads_six_codes_then_meets_the_upgrade_wall(
    browser, live_server, screenshot_dir, settings, cpt
):
    # The live server speaks plain http: Chromium would refuse Secure cookies there.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    codes = make_gated_codes(cpt, 7)
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()

    def open_code(index: int) -> str:
        page.goto(f"{live_server.url}/codes/cpt/{codes[index].code}/")
        return page.locator("main").inner_text()

    first = open_code(0)
    assert "Biopsy, soft tissue of site 0; superficial" in first
    assert "Register free to read the rest of this page" in first
    assert "0 code page views remaining." in page.locator(".meter-banner").inner_text()

    second = open_code(1)
    assert "Biopsy, soft tissue of site 1; superficial" not in second
    assert page.locator(".wall").is_visible()
    page.screenshot(path=os.path.join(screenshot_dir, "metering-guest-wall.png"), full_page=True)

    page.locator(".wall").get_by_role("link", name="Register free account").click()
    page.fill("#id_email", "reader@example.org")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.screenshot(path=os.path.join(screenshot_dir, "metering-signup.png"), full_page=True)
    page.get_by_role("button", name="Register").click()
    page.wait_for_url(re.compile(r".*/account/confirm-email/$"))
    run_worker()

    link = re.search(r"http://\S+/account/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Verify this address").click()
    page.wait_for_url(lambda url: "confirm-email" not in url)  # verified and logged in

    for index in [0, 1]:
        assert f"Fee schedule for site {index}: 8.23 RVUs." in open_code(index)
    page.screenshot(path=os.path.join(screenshot_dir, "metering-unlocked.png"), full_page=True)
    for index in range(2, 6):
        assert f"Fee schedule for site {index}: 8.23 RVUs." in open_code(index)
    assert "0 code page views remaining." in page.locator(".meter-banner").inner_text()

    seventh = open_code(6)
    assert "Fee schedule for site 6" not in seventh
    assert page.locator(".wall").get_by_role("link", name="Upgrade").is_visible()
    page.screenshot(path=os.path.join(screenshot_dir, "metering-upgrade-wall.png"), full_page=True)

    page.goto(f"{live_server.url}/account/")
    unlocked = page.locator(".unlocked-codes li")
    assert unlocked.count() == 6
    assert all(
        f"CPT {codes[index].code}" in unlocked.all_inner_texts()[index] for index in range(6)
    )
    page.screenshot(path=os.path.join(screenshot_dir, "metering-account.png"), full_page=True)
    page.close()
