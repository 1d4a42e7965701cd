"""CareerCenter in a real browser: an employer posts a job with the keyboard-usable form,
staff approve it, and a seeker on a phone finds it with the filters and opens it."""

import json
import os

import pytest
from django.test import Client

from careers.models import Job
from careers.services import job_approve
from tests.careers.conftest import make_employer, make_job
from tests.conftest import make_user

pytestmark = pytest.mark.browser


def page_logged_in_as(browser, live_server, user, width: int):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context.new_page()


def test_employer_posts_a_job_and_a_seeker_finds_it_on_a_phone(
    browser, live_server, screenshot_dir, settings
):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    make_job(make_employer("Other Clinic"), title="Cardiology Coder", credentials=["CPC"])
    employer = make_user("hiring@quartz-lake.example")

    page = page_logged_in_as(browser, live_server, employer, width=1280)
    page.goto(f"{live_server.url}/careers/")
    page.get_by_role("link", name="Post a job").click()
    page.get_by_label("Organisation name").fill("Quartz Lake Clinic")
    page.get_by_label("Website").fill("https://quartz-lake.example")
    page.get_by_role("button", name="Save the profile").click()
    page.get_by_role("link", name="Post a job").click()

    page.get_by_label("Title").fill("Remote Risk Adjustment Coder")
    page.get_by_label("Description").fill("Review charts for **risk adjustment**.\n\n- CRC")
    page.get_by_label("Remote", exact=True).check()
    page.get_by_label("Florida").check()
    page.get_by_label("Full-time").check()
    page.get_by_label("Specialty").select_option("risk-adjustment")
    page.get_by_label("CRC").check()
    page.get_by_label("Years of experience").fill("2")
    page.get_by_label("Pay from").fill("58000")
    page.get_by_label("Pay up to").fill("50000")  # a mistake: the form says so
    page.get_by_label("Pay period").select_option("year")
    page.get_by_label("Apply at (link)").fill("https://quartz-lake.example/apply")
    page.get_by_role("button", name="Post the job").click()
    assert "The top of the range is below its bottom." in page.locator("main").inner_text()
    page.screenshot(path=os.path.join(screenshot_dir, "careers-post-error.png"), full_page=True)
    page.get_by_label("Pay up to").fill("70000")
    page.get_by_role("button", name="Post the job").click()

    assert "Waiting for approval" in page.locator("main").inner_text()
    page.screenshot(path=os.path.join(screenshot_dir, "careers-employer.png"), full_page=True)
    job_approve(job=Job.objects.get(title="Remote Risk Adjustment Coder"))

    seeker = browser.new_context(viewport={"width": 360, "height": 800}).new_page()
    seeker.goto(f"{live_server.url}/careers/")
    seeker.get_by_label("Credential").select_option(label="CRC (1)")
    seeker.get_by_label("State").select_option(label="Florida (1)")
    seeker.get_by_role("button", name="Show jobs").click()

    results = seeker.locator(".job-list")
    assert "1 open job" in seeker.locator("#results-heading").inner_text()
    assert "Remote Risk Adjustment Coder" in results.inner_text()
    assert "Cardiology Coder" not in results.inner_text()
    assert seeker.evaluate("document.documentElement.scrollWidth") <= 360
    seeker.screenshot(path=os.path.join(screenshot_dir, "careers-board-phone.png"), full_page=True)

    seeker.get_by_role("link", name="Remote Risk Adjustment Coder").click()
    assert seeker.locator("h1").inner_text() == "Remote Risk Adjustment Coder"
    assert "Remote (US): Florida" in seeker.locator("main").inner_text()
    assert "$58,000 to $70,000 per year" in seeker.locator("main").inner_text()
    posting = json.loads(seeker.locator('script[type="application/ld+json"]').inner_text())
    assert posting["hiringOrganization"]["name"] == "Quartz Lake Clinic"
    assert seeker.evaluate("document.documentElement.scrollWidth") <= 360
    seeker.screenshot(path=os.path.join(screenshot_dir, "careers-job-phone.png"), full_page=True)
    page.context.close()
    seeker.context.close()
