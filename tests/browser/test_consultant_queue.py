"""A consultant works the queue in a real browser: logs in, opens the oldest waiting question,
reads CasePilot's draft and the coder's code history, answers quoting a citation."""

import os

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from consultant.intake import ask
from consultant.models import Thread
from lookup.models import Section
from tests.conftest import make_code, make_section, make_user, run_worker

pytestmark = pytest.mark.browser

PASSWORD = "a long and unusual passphrase"


def test_consultant_answers_the_oldest_waiting_question(
    browser, live_server, screenshot_dir, settings, cpt
):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    code = make_code("27323", cpt, short_descriptor="Biopsy soft tissue thigh or knee superficial")
    guideline = "Report 27323 once per lesion when the biopsy stays above the deep fascia."
    make_section(code, Section.Kind.GUIDELINES, gated=False, body=guideline)
    asker = make_user("coder@hospital.example.org")
    ask(asker, text="What guidelines apply to 27323? I would like a real person to confirm.")
    ask(asker, text="How do I appeal a denied claim?")
    run_worker()
    oldest = Thread.objects.order_by("pk").first()
    consultant = make_user("dana@codeatlas.example.org", password=PASSWORD, is_staff=True,
                           first_name="Dana")  # fmt: skip
    # Earlier transactional tests flush the database, and with it the migration's group.
    consultants, _ = Group.objects.get_or_create(name="Consultants")
    consultant.groups.add(consultants)
    mail.outbox.clear()

    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: "Refused" in message.text and errors.append(message.text))
    page.goto(f"{live_server.url}/account/login/?next=/consultant/queue/")
    page.fill("#id_login", "dana@codeatlas.example.org")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/consultant/queue/")

    items = page.locator(".queue__item")
    assert items.count() == 2
    assert "What guidelines apply to 27323?" in items.nth(0).inner_text()
    assert "left" in items.nth(0).locator(".time-left").inner_text()
    page.screenshot(path=os.path.join(screenshot_dir, "consultant-queue.png"), full_page=True)

    items.nth(0).get_by_role("link").click()
    page.wait_for_url(f"{live_server.url}/consultant/queue/{oldest.pk}/")
    main = page.locator("main")
    assert "Report 27323 once per lesion" in main.inner_text()  # CasePilot's draft
    assert "This question is about: CPT 27323." in main.inner_text()
    page.get_by_label("Your answer (markdown)").fill("Yes, **once per lesion** is right.")
    page.get_by_label("[1] CPT 27323: Coding guidelines").check()
    page.screenshot(path=os.path.join(screenshot_dir, "consultant-answer.png"), full_page=True)
    page.get_by_role("button", name="Send answer").click()
    page.wait_for_url(f"{live_server.url}/consultant/queue/")

    assert f"Your answer to #{oldest.pk} is on its way" in page.locator("main").inner_text()
    assert page.locator(".queue__item").count() == 1
    run_worker()
    [email] = mail.outbox
    assert email.to == ["coder@hospital.example.org"]
    assert "Yes, **once per lesion** is right." in email.body
    assert "Report 27323 once per lesion" in email.body
    assert errors == []

    phone = browser.new_context(viewport={"width": 360, "height": 800})
    phone.add_cookies(page.context.cookies())
    small = phone.new_page()
    small.goto(f"{live_server.url}/consultant/queue/")
    width = small.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    phone_shot = os.path.join(screenshot_dir, "consultant-queue-phone.png")
    small.screenshot(path=phone_shot, full_page=True)
