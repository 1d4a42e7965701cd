"""Browser tests: playwright from PyPI drives Debian's chromium against the live server."""

import os

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def site_served_by_the_live_server(request, settings):
    """The site's address (SITE_URL, which its emails link to) is where the test serves it."""
    if "live_server" in request.fixturenames:
        settings.SITE_URL = request.getfixturevalue("live_server").url


@pytest.fixture
def screenshot_dir():
    path = os.path.join(os.path.dirname(__file__), "..", "..", "build", "screenshots")
    os.makedirs(path, exist_ok=True)
    return os.path.abspath(path)


# Vendored from the npm registry (tests/browser/vendor/README.md): test-only, never served.
AXE_CORE = os.path.join(os.path.dirname(__file__), "vendor", "axe-core-4.14.1", "axe.min.js")


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page as loaded, one line each (rule, impact, where).

    The page's context must bypass the CSP (new_context(bypass_csp=True)): the site forbids
    inline script, which is what injecting axe amounts to."""
    page.add_script_tag(path=AXE_CORE)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
    ]


def signed_in_context(browser, live_server, user, **options):
    """A browser context carrying `user`'s session, as if they had logged in."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    context = browser.new_context(**options)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context
