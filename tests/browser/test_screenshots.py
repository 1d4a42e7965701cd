"""Screenshots of a code page at desktop and phone widths (saved in build/screenshots/)."""

import os

import pytest

from pages.demo import load_demo_data

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("width", "name"), [(1280, "desktop"), (390, "phone")])
def test_code_page_reads_well_at_desktop_and_phone_widths(
    browser, live_server, screenshot_dir, width, name
):
    load_demo_data()
    page = browser.new_page(viewport={"width": width, "height": 900})

    page.goto(f"{live_server.url}/codes/cpt/27323/")

    assert "27323" in page.locator("h1").inner_text()
    assert page.locator(".descriptor").is_visible()
    # Nothing may force a phone reader to scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=os.path.join(screenshot_dir, f"cpt-27323-{name}.png"), full_page=True)
    page.screenshot(path=os.path.join(screenshot_dir, f"cpt-27323-{name}-first-screen.png"))
    page.close()
