"""A newcomer's first visit in a real browser, at desktop and phone widths: the meter's rule
said on the banner, the wall and the account page; the code card's prompt naming what the
page locks; the title and descriptor in a phone's first screen; the account pages in the
site's words, with no axe-core violation; "Post a job" leading to signup; the home page's
codes verified by editors. Screenshots in build/screenshots/first-visit-*.png."""

import datetime
import os

import pytest

from careers.models import SavedJob, SavedSearch
from pages.demo import load_demo_data
from tests.browser.conftest import axe_violations, signed_in_context
from tests.careers.conftest import make_job
from tests.conftest import make_user

pytestmark = pytest.mark.browser

WIDTHS = [pytest.param(1280, id="desktop"), pytest.param(390, id="phone")]
# A phone's first screen: an iPhone 12 to 15 held upright.
PHONE_SCREEN_HEIGHT = 844


@pytest.fixture
def demo(db, settings):
    # The live server speaks plain http: Chromium would refuse Secure cookies there.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    load_demo_data()


def new_page(browser, width: int, **options):
    viewport = {"width": width, "height": PHONE_SCREEN_HEIGHT if width < 500 else 900}
    return browser.new_context(viewport=viewport, bypass_csp=True, **options).new_page()


def shoot(page, screenshot_dir, name: str, width: int) -> None:
    page.screenshot(path=os.path.join(screenshot_dir, f"first-visit-{name}-{width}.png"))


def bottom_of(page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    return box["y"] + box["height"]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["/codes/cpt/27323/", "/codes/icd-10-cm/S72.001A/"])
def test_title_and_descriptor_are_in_the_first_screen(
    browser, live_server, demo, screenshot_dir, width, path
):
    page = new_page(browser, width)
    page.goto(live_server.url + path)

    screen = page.viewport_size["height"]
    assert bottom_of(page, ".code-page__title") <= screen
    assert bottom_of(page, "blockquote.descriptor") <= screen
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []
    name = "phone-first-screen" if width < 500 else "desktop-first-screen"
    shoot(page, screenshot_dir, f"{name}-{path.split('/')[2]}", width)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_date_of_service_field_shows_its_whole_format(browser, live_server, demo, width):
    page = new_page(browser, width)
    page.goto(f"{live_server.url}/codes/cpt/27323/")

    # The room "mm/dd/yyyy" needs in the field's own font, with the calendar button beside it.
    room_left = page.evaluate(
        """() => {
            const field = document.querySelector('#dos');
            const style = getComputedStyle(field);
            const context = document.createElement('canvas').getContext('2d');
            context.font = style.font;
            const needed = context.measureText('mm/dd/yyyy').width + parseFloat(style.fontSize)
                + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
            return field.clientWidth - needed;
        }"""
    )
    assert room_left >= 0


@pytest.mark.parametrize("width", WIDTHS)
def test_guest_reads_the_lifetime_rule_and_where_the_view_went(
    browser, live_server, demo, screenshot_dir, width
):
    page = new_page(browser, width)
    page.goto(f"{live_server.url}/codes/cpt/27323/")
    banner = page.locator(".meter-banner").inner_text()
    assert "Views do not renew: 1 as a guest, 5 more with a free account (6 in all)" in banner

    page.goto(f"{live_server.url}/codes/cpt/27324/")

    wall = page.locator(".wall")
    assert "You used it on CPT 27323, which stays open to you." in wall.inner_text()
    assert "Views do not renew" in wall.inner_text()
    assert axe_violations(page) == []
    wall.scroll_into_view_if_needed()
    shoot(page, screenshot_dir, "guest-wall", width)
    wall.get_by_role("link", name="CPT 27323").click()
    assert page.locator("blockquote.descriptor").is_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_diagnosis_card_prompt_names_what_the_page_locks(
    browser, live_server, settings, icd_grouping, screenshot_dir, width
):
    page = new_page(browser, width)
    page.goto(f"{live_server.url}/codes/icd-10-cm/E11.9/")

    prompt = page.locator(".summary-card__prompt")
    assert prompt.inner_text() == "Register free account to see CC/MCC and CMS-HCC. Log in"
    assert axe_violations(page) == []
    prompt.scroll_into_view_if_needed()
    shoot(page, screenshot_dir, "diagnosis-card-prompt", width)


ACCOUNT_PAGES = [
    pytest.param(False, "/account/login/", "Log in", id="login"),
    pytest.param(False, "/account/signup/", "Register a free account", id="signup"),
    pytest.param(False, "/account/password/reset/", "Choose a new password", id="reset"),
    pytest.param(False, "/account/password/reset/done/", "Check your email", id="reset sent"),
    pytest.param(False, "/account/confirm-email/", "Check your email", id="verification sent"),
    pytest.param(True, "/account/", "Your account", id="account"),
    pytest.param(True, "/account/email/", "Email addresses", id="email addresses"),
    pytest.param(True, "/account/password/change/", "Change your password", id="password"),
    pytest.param(True, "/account/logout/", "Log out", id="logout"),
]
LIBRARY_WORDING = ["Sign In", "Sign Out", "Remember Me", "Please confirm that", "Make Primary"]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("signed_in", "path", "heading"), ACCOUNT_PAGES)
def test_account_pages_speak_as_the_site_with_no_axe_violation(
    browser, live_server, demo, screenshot_dir, signed_in, path, heading, width
):
    viewport = {"width": width, "height": PHONE_SCREEN_HEIGHT if width < 500 else 900}
    if signed_in:
        user = make_user()
        SavedJob.objects.create(user=user, job=make_job(title="Remote CPC auditor"))
        SavedSearch.objects.create(user=user, query="credential=CPC&remote=remote")
        context = signed_in_context(browser, live_server, user, viewport=viewport, bypass_csp=True)
    else:
        context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()

    response = page.goto(live_server.url + path)

    assert response.status == 200
    assert page.locator("h1").inner_text() == heading
    main = page.locator("main").inner_text()
    assert not [wording for wording in LIBRARY_WORDING if wording in main]
    assert axe_violations(page) == []
    name = path.strip("/").replace("/", "-")
    page.screenshot(
        path=os.path.join(screenshot_dir, f"first-visit-{name}-{width}.png"), full_page=True
    )
    context.close()


def test_account_hub_shows_views_tools_locality_and_saved_things(
    browser, live_server, demo, screenshot_dir
):
    user = make_user()
    SavedJob.objects.create(user=user, job=make_job(title="Remote CPC auditor"))
    context = signed_in_context(
        browser, live_server, user, viewport={"width": 390, "height": PHONE_SCREEN_HEIGHT}
    )
    page = context.new_page()

    page.goto(f"{live_server.url}/account/")

    text = page.locator("main").inner_text()
    assert "These views do not renew: an account has 6 in all" in text
    assert "3 of 3 left this month" in text and "200 of 200 left today" in text
    assert "Choose your locality" in text and "Remote CPC auditor" in text
    page.get_by_role("link", name="Choose your locality").click()
    assert "/fees/locality/" in page.url
    context.close()


def test_login_labels_its_fields_for_assistive_technology(browser, live_server, demo):
    page = new_page(browser, 390)
    page.goto(f"{live_server.url}/account/login/")

    assert page.get_by_label("Email address").is_visible()
    assert page.get_by_label("Password", exact=True).is_visible()
    assert page.get_by_label("Keep me logged in on this browser").is_visible()
    assert page.get_by_role("button", name="Log in").is_visible()


def test_post_a_job_takes_a_guest_to_signup_and_keeps_the_way_back(
    browser, live_server, demo, screenshot_dir
):
    page = new_page(browser, 1280)
    page.goto(f"{live_server.url}/careers/")

    page.get_by_role("link", name="Post a job").click()

    assert page.url == f"{live_server.url}/account/signup/?next=/careers/employer/"
    assert page.locator("h1").inner_text() == "Register a free account"
    login = page.get_by_role("link", name="Log in", exact=True).last
    assert "next=%2Fcareers%2Femployer%2F" in login.get_attribute("href")
    shoot(page, screenshot_dir, "post-a-job-signup", 1280)


def test_home_page_lists_codes_our_editors_verified(browser, live_server, demo, screenshot_dir):
    page = new_page(browser, 1280)
    page.goto(f"{live_server.url}/")

    recent = page.locator("section[aria-labelledby='recent-heading']")
    assert recent.get_by_role("heading").inner_text() == "Recently verified by our editors"
    verified = datetime.date(2026, 11, 20).strftime("%b %-d, %Y")
    assert f"verified {verified}" in recent.inner_text()
    assert axe_violations(page) == []
    recent.scroll_into_view_if_needed()
    shoot(page, screenshot_dir, "home-recently-verified", 1280)
