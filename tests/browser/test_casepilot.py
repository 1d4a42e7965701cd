"""CasePilot answers in place on a code page, with the page's CSP in force (no inline script)."""

import os

import pytest

from tests.conftest import make_code, make_section

pytestmark = pytest.mark.browser


def test_question_box_shows_the_answer_in_place(browser, live_server, cpt, screenshot_dir):
    code = make_code("27323", cpt, long_descriptor="Biopsy, soft tissue of thigh or knee area")
    make_section(code, "modifiers", body="| Modifier | Use |\n|---|---|\n| LT | Left side. |",
                 gated=False)  # fmt: skip
    page = browser.new_context(viewport={"width": 390, "height": 900}).new_page()
    errors = []  # script errors and CSP refusals
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: "Refused" in message.text and errors.append(message.text))

    page.goto(f"{live_server.url}/codes/cpt/27323/")
    page.get_by_label("Your question").fill("Which modifiers apply?")
    page.get_by_role("button", name="Ask CasePilot").click()
    answer = page.locator("#question-answer .casepilot-answer")
    answer.wait_for()

    assert page.url == f"{live_server.url}/codes/cpt/27323/"  # no page load
    assert "LT: Left side." in answer.inner_text()
    assert (
        answer.get_by_role("link", name="Source 1: CPT 27323, Modifiers").get_attribute("href")
        == "/codes/cpt/27323/#modifiers"
    )
    assert errors == []
    page.screenshot(path=os.path.join(screenshot_dir, "casepilot-in-place.png"), full_page=True)


def test_assistant_page_without_javascript_answers_by_get(browser, live_server, cpt):
    make_code("27323", cpt, long_descriptor="Biopsy, soft tissue of thigh or knee area")
    page = browser.new_context(java_script_enabled=False).new_page()

    page.goto(f"{live_server.url}/assistant/")
    page.get_by_label("Your question").fill("what is 27323")
    page.get_by_role("button", name="Ask CasePilot").click()

    assert page.url.startswith(f"{live_server.url}/assistant/?q=what+is+27323")
    assert "Biopsy, soft tissue of thigh or knee area" in page.locator("main").inner_text()
