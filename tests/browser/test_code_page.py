"""The redesigned code page in a real browser, at desktop and phone widths: the summary card,
the CasePilot topic chips, the header's search box, the one wall block and "On this page".
Screenshots go to build/screenshots/."""

import os

import pytest

from pages.demo import load_demo_data
from tests.browser.conftest import signed_in_context
from tests.conftest import make_user

pytestmark = pytest.mark.browser

WIDTHS = [pytest.param(1280, id="desktop"), pytest.param(390, id="phone")]
PAGE = "/codes/cpt/27323/"


@pytest.fixture
def demo(db, settings):
    # The live server speaks plain http: Chromium would refuse Secure cookies there.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    load_demo_data()


def shot(page, screenshot_dir, name: str, width: int, full_page: bool = False) -> None:
    page.screenshot(path=os.path.join(screenshot_dir, f"{name}-{width}.png"), full_page=full_page)


def assert_no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_summary_card_puts_the_figures_on_the_first_screen_and_links_to_them(
    browser, live_server, screenshot_dir, demo, width
):
    context = signed_in_context(
        browser, live_server, make_user(), viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto(live_server.url + PAGE)

    card = page.locator(".summary-card")
    payment = card.get_by_role("link", name="$274.89")
    assert payment.is_visible() and card.get_by_role("link", name="8.23").is_visible()
    assert card.bounding_box()["y"] + card.bounding_box()["height"] <= 900
    assert "Verified Nov 20, 2026" in page.locator(".code-page__verified").inner_text()
    assert_no_sideways_scroll(page, width)
    shot(page, screenshot_dir, "code-page-card", width)
    shot(page, screenshot_dir, "code-page-member", width, full_page=True)

    payment.click()
    page.wait_for_url(f"**{PAGE}#medicare-payment")
    heading = page.get_by_role("heading", name="Medicare payment and RVUs").bounding_box()
    assert 0 <= heading["y"] < 900
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_guest_sees_one_wall_block_and_section_links_land_on_it(
    browser, live_server, screenshot_dir, demo, width
):
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(live_server.url + PAGE)

    walls = page.locator(".locked-parts")
    assert walls.count() == 1
    assert page.locator("main").get_by_role("link", name="Register free account").count() == 2
    card = page.locator(".summary-card")
    assert "Medicare national" in card.text_content() and "$274.89" not in page.content()
    for title in ["Coding guidelines", "NCCI edits", "Medicare payment and RVUs"]:
        assert title in walls.inner_text()
    assert_no_sideways_scroll(page, width)
    shot(page, screenshot_dir, "code-page-guest", width, full_page=True)

    page.goto(f"{live_server.url}{PAGE}#guidelines")
    box = walls.bounding_box()
    assert box["y"] < 900 and box["y"] + box["height"] > 0  # the block is on screen
    shot(page, screenshot_dir, "code-page-guest-wall", width)


@pytest.mark.parametrize("width", WIDTHS)
def test_topic_chips_fill_the_question_then_casepilot_answers_in_place(
    browser, live_server, screenshot_dir, demo, width
):
    context = signed_in_context(
        browser, live_server, make_user(), viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto(live_server.url + PAGE)
    box = page.locator("#ask-casepilot")

    box.get_by_role("link", name="Modifiers").click()

    question = box.get_by_label("Your question")
    assert question.input_value() == "Which modifiers apply to 27323?"
    assert page.url == live_server.url + PAGE  # filled, not asked
    assert page.evaluate("document.activeElement.id") == "question-q"
    shot(page, screenshot_dir, "code-page-chips", width)
    box.get_by_role("button", name="Ask CasePilot").click()
    answer = box.locator(".casepilot-answer")
    answer.wait_for()
    assert "/codes/cpt/27323/#modifiers" in answer.inner_html()
    shot(page, screenshot_dir, "code-page-chips-answer", width)
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_header_search_box_suggests_codes_and_submits_to_case2code(
    browser, live_server, screenshot_dir, demo, width
):
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(live_server.url + PAGE)
    search = page.locator("header").get_by_role("combobox", name="Search codes with Case2Code")

    search.press_sequentially("knee orth", delay=20)
    page.locator("header [role=listbox] [role=option]").first.wait_for()
    shot(page, screenshot_dir, "header-search-suggestions", width)
    search.press("Enter")  # no suggestion chosen: the form submits the words

    page.wait_for_url("**/search/?q=knee+orth")
    assert page.locator(".search-results li").count() >= 1
    assert_no_sideways_scroll(page, width)
    shot(page, screenshot_dir, "header-search-results", width)


def test_on_this_page_stays_in_view_on_wide_screens(browser, live_server, screenshot_dir, demo):
    context = signed_in_context(
        browser, live_server, make_user(), viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(live_server.url + PAGE)

    page.locator("#sources").scroll_into_view_if_needed()

    contents = page.get_by_role("navigation", name="On this page").bounding_box()
    assert contents["y"] >= 0 and contents["y"] + contents["height"] <= 900
    shot(page, screenshot_dir, "code-page-contents-in-view", 1280)
    context.close()


def test_prose_lines_stay_readable_on_wide_screens(browser, live_server, demo):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(live_server.url + PAGE)

    # Characters per line of the description's first paragraph: width over the average
    # width of its characters.
    per_line = page.evaluate(
        """() => {
            const paragraph = document.querySelector('#official-descriptor .prose p');
            const range = document.createRange();
            range.selectNodeContents(paragraph);
            const lines = range.getClientRects().length;
            return paragraph.textContent.length / lines;
        }"""
    )
    assert per_line <= 80
