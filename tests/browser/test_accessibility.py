"""axe-core (vendored, tests/browser/vendor/) finds no violation on the pages a coder uses
most: a code page as a guest and as a member, Case2Code's results, the account pages (the
account itself, membership, signup, login, verification) and CasePilot with an answer, at
desktop and phone widths."""

import pytest

from pages.demo import load_demo_data
from tests.browser.conftest import axe_violations, signed_in_context
from tests.conftest import make_user

pytestmark = pytest.mark.browser

WIDTHS = [pytest.param(1280, id="desktop"), pytest.param(390, id="phone")]
PAGES = [
    pytest.param(False, "/codes/cpt/27323/", id="code page, guest"),
    pytest.param(True, "/codes/cpt/27323/", id="code page, member"),
    pytest.param(True, "/codes/icd-10-cm/S72.001A/", id="ICD-10-CM code page"),
    pytest.param(False, "/search/?q=knee+biopsy", id="search"),
    pytest.param(True, "/account/", id="account"),
    pytest.param(True, "/account/upgrade/", id="membership"),
    pytest.param(False, "/account/signup/", id="signup"),
    pytest.param(False, "/account/login/", id="login"),
    pytest.param(False, "/account/confirm-email/", id="verification sent"),
    pytest.param(False, "/assistant/?q=modifiers+for+27323", id="CasePilot"),
]


@pytest.fixture
def demo(db, settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    load_demo_data()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("signed_in", "path"), PAGES)
def test_axe_finds_no_violation(browser, live_server, demo, signed_in, path, width):
    options = {"viewport": {"width": width, "height": 900}, "bypass_csp": True}
    if signed_in:
        context = signed_in_context(browser, live_server, make_user(), **options)
    else:
        context = browser.new_context(**options)
    page = context.new_page()
    response = page.goto(live_server.url + path)

    assert response.status == 200
    assert axe_violations(page) == []
    context.close()
