"""The payer overview and a payer's page in a browser, at desktop and phone widths: axe-core
finds no violation, nothing overflows the screen sideways, and the sample notice shows."""

import pytest

from pages.demo import load_demo_data
from tests.browser.conftest import axe_violations, signed_in_context
from tests.conftest import make_user

pytestmark = pytest.mark.browser

WIDTHS = [pytest.param(1280, id="desktop"), pytest.param(390, id="phone")]
PAGES = [
    pytest.param(True, "/codes/cpt/27365/payers/", id="overview, staff"),
    pytest.param(False, "/codes/cpt/27365/payers/", id="overview, guest"),
    pytest.param(True, "/payers/cigna/?prior_authorization=required", id="payer page"),
]


@pytest.fixture
def demo(db, settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    load_demo_data()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("signed_in", "path"), PAGES)
def test_payer_pages_are_accessible_and_fit_the_screen(
    browser, live_server, demo, signed_in, path, width
):
    options = {"viewport": {"width": width, "height": 900}, "bypass_csp": True}
    if signed_in:
        staff = make_user("staff@example.org", is_staff=True)
        context = signed_in_context(browser, live_server, staff, **options)
    else:
        context = browser.new_context(**options)
    page = context.new_page()
    response = page.goto(live_server.url + path)

    assert response.status == 200
    assert axe_violations(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_overview_says_its_demo_policies_are_samples(browser, live_server, demo, width):
    options = {"viewport": {"width": width, "height": 900}}
    context = signed_in_context(browser, live_server, make_user(is_staff=True), **options)
    page = context.new_page()
    page.goto(live_server.url + "/codes/cpt/27365/payers/")

    notice = page.get_by_role("note").filter(has_text="Sample records.")
    assert notice.is_visible()
    table = page.locator("#payers table")
    for payer in ["Aetna", "Blue Cross Blue Shield", "Cigna", "UnitedHealthcare", "Humana"]:
        assert table.get_by_role("link", name=payer, exact=True).is_visible()
    context.close()
