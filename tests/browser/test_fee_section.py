"""The fee section and the locality picker in a real browser, at phone width."""

import os

import pytest
from django.test import Client

from pages.demo import load_demo_data
from tests.conftest import make_user

pytestmark = pytest.mark.browser


def logged_in_page(browser, live_server, width: int):
    client = Client()
    client.force_login(make_user())
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context.new_page()


def test_picking_a_locality_shows_its_rate_on_a_phone(browser, live_server, screenshot_dir):
    load_demo_data()
    page = logged_in_page(browser, live_server, width=390)

    page.goto(f"{live_server.url}/codes/cpt/27323/")
    page.get_by_role("link", name="Choose your locality").click()
    page.get_by_label("State or territory").select_option("NY")
    page.get_by_role("button", name="Show localities").click()
    page.get_by_label("Locality in New York (NY)").select_option(label="NY Manhattan (locality 01)")
    page.get_by_role("button", name="Save locality").click()

    section = page.locator("#medicare-payment")
    assert page.url == f"{live_server.url}/codes/cpt/27323/"
    assert "$274.89" in section.inner_text()
    assert "$342.64" in section.inner_text()
    # Nothing may force a phone reader to scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    section.screenshot(path=os.path.join(screenshot_dir, "cpt-27323-fees-phone.png"))
    page.context.close()
