"""A coder sets a date of service, asks the MS-DRG question and checks a list, on a phone."""

import os

import pytest

from tests.browser.test_fee_section import logged_in_page

pytestmark = pytest.mark.browser


def test_date_of_service_and_the_principal_diagnosis_question_on_a_phone(
    browser, live_server, screenshot_dir, icd_grouping
):
    page = logged_in_page(browser, live_server, width=360)

    page.goto(f"{live_server.url}/codes/icd-10-cm/I42.0/")
    page.get_by_label("Date of service").fill("2026-10-01")
    page.get_by_role("button", name="Apply").click()
    verdict = page.locator(".dos-bar__verdict")
    assert "deleted: its last valid day was September 30, 2026" in verdict.inner_text()

    page.get_by_label("Is I42.0 a CC with this principal diagnosis?").fill("I21.4")
    page.get_by_role("button", name="Check").click()

    assert "Yes. With I21.4 as the principal diagnosis" in page.locator("#ms-drg").inner_text()
    assert "Not valid on Oct 1, 2026" in page.locator(".dos-bar__verdict").inner_text()
    # Nothing may force a phone reader to scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=os.path.join(screenshot_dir, "icd-I42.0-phone.png"), full_page=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=os.path.join(screenshot_dir, "icd-I42.0-phone-first-screen.png"))
    page.locator("#ms-drg").screenshot(path=os.path.join(screenshot_dir, "icd-I42.0-ms-drg.png"))
    page.context.close()


def test_bulk_checker_results_at_desktop_width(browser, live_server, screenshot_dir, icd_grouping):
    page = logged_in_page(browser, live_server, width=1280)

    page.goto(f"{live_server.url}/tools/check/")
    page.get_by_label("Codes").fill("E11.9\nI21.4, 2023-05-01\nU07.1, 2019-12-31\nnot-a-code")
    page.get_by_role("button", name="Check", exact=True).click()

    table = page.locator(".check-table")
    assert "4 rows: 2 valid" in page.locator("#results-heading + p").inner_text()
    assert "Not yet valid" in table.inner_text()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as CSV").click()
    assert download.value.suggested_filename.startswith("codes-checked-")
    page.screenshot(path=os.path.join(screenshot_dir, "checker-desktop.png"), full_page=True)
    page.context.close()
