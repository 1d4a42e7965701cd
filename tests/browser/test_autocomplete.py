"""The search box's autocomplete (static/js/suggest.js) in a real browser."""

import os

import pytest

from tests.conftest import make_code, make_system

pytestmark = pytest.mark.browser


def test_typing_offers_suggestions_and_enter_opens_the_chosen_code(
    browser, live_server, screenshot_dir
):
    cpt = make_system("cpt")
    make_code("27323", cpt, short_descriptor="Biopsy soft tissue thigh or knee superficial")
    make_code("27324", cpt, short_descriptor="Biopsy soft tissue thigh or knee deep")
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(f"{live_server.url}/")

    page.locator("#home-q").press_sequentially("biopsy thi", delay=20)
    options = page.locator("#home-q ~ [role=listbox] [role=option]")
    options.first.wait_for()
    assert options.count() == 2
    assert page.locator("#home-q").get_attribute("aria-expanded") == "true"
    page.screenshot(path=os.path.join(screenshot_dir, "autocomplete-phone.png"))

    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/codes/cpt/27324/")
    page.close()


def test_search_box_still_submits_without_javascript(browser, live_server):
    cpt = make_system("cpt")
    make_code("27323", cpt, short_descriptor="Biopsy soft tissue thigh or knee superficial")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/")

    page.locator("#home-q").fill("thigh biopsy")
    page.locator("#home-q").press("Enter")

    page.wait_for_url("**/search/?q=thigh+biopsy")
    assert "27323" in page.locator("main").inner_text()
    context.close()
