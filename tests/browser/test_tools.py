"""The tools in a real browser at desktop and phone widths: CareerCenter's filters and sort,
the bulk checker's results, and the admin's code change form at 1,280 px."""

import datetime
import os
from decimal import Decimal

import pytest
from django.utils import timezone

from core.days import site_today
from lookup.models import Code
from pages.demo import load_demo_data
from tests.browser.conftest import axe_violations, signed_in_context
from tests.careers.conftest import make_employer, make_job
from tests.conftest import make_code, make_system, make_user

pytestmark = pytest.mark.browser

WIDTHS = [pytest.param(1280, id="desktop"), pytest.param(390, id="phone")]


@pytest.fixture
def plain_cookies(settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.mark.parametrize("width", WIDTHS)
def test_seeker_sorts_by_pay_and_narrows_to_recent_jobs(
    browser, live_server, plain_cookies, screenshot_dir, width
):
    employer = make_employer("Juniper Coding")
    now = timezone.now()
    make_job(
        employer,
        title="Hourly auditor",
        salary_min=Decimal(30),
        salary_max=Decimal(40),
        published_at=now - datetime.timedelta(hours=5),
    )  # $83,200 a year
    make_job(
        employer,
        title="Salaried coder",
        salary_min=Decimal(60000),
        salary_max=Decimal(70000),
        salary_period="year",
        published_at=now - datetime.timedelta(hours=2),
    )
    make_job(employer, title="Old listing", salary_min=Decimal(90000),
             salary_max=Decimal(95000), salary_period="year", workplace="on-site",
             city="Anchorage", state="AK",
             published_at=now - datetime.timedelta(days=12))  # fmt: skip
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/careers/")

    # Two remote jobs open anywhere count apart, never under Alaska.
    assert page.locator("#id_state option[value=AK]").inner_text() == "Alaska (1)"
    assert page.locator("#id_state option[value=US]").inner_text().endswith("(2)")
    page.get_by_label("Sort").select_option("pay")
    page.get_by_role("button", name="Show jobs").click()
    titles = page.locator(".job-summary__title").all_inner_texts()
    assert titles == ["Old listing", "Hourly auditor", "Salaried coder"]
    assert (
        "about $62,400 to $83,200 a year at 2,080 hours" in page.locator(".job-list").inner_text()
    )

    page.get_by_label("Posted").select_option("7")
    page.get_by_role("button", name="Show jobs").click()
    assert page.locator(".job-summary__title").all_inner_texts() == [
        "Hourly auditor", "Salaried coder"
    ]  # fmt: skip
    assert "Posted in the last 7 days" in page.locator(".chips").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=os.path.join(screenshot_dir, f"careers-sort-{width}.png"), full_page=True)
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_checker_names_other_systems_and_dates_every_fact(
    browser, live_server, plain_cookies, icd_grouping, icd, screenshot_dir, width
):
    make_code("G35", icd, long_descriptor="Multiple sclerosis", billable=False, status="active")
    make_code("A4253", make_system("hcpcs"), long_descriptor="Blood glucose test strips")
    context = signed_in_context(
        browser, live_server, make_user(), viewport={"width": width, "height": 900},
        bypass_csp=True,
    )  # fmt: skip
    page = context.new_page()
    page.goto(f"{live_server.url}/tools/check/")
    page.locator("#id_codes").fill("G35, 2025-06-01\nA4253\n27323\nXYZ123\nI21.4, 2023-05-01")
    page.get_by_role("button", name="Check", exact=True).click()

    rows = page.locator(".check-table tbody tr")
    assert rows.count() == 5
    g35 = rows.nth(0).locator("td").all_inner_texts()
    assert ("Valid" in g35[3], g35[5]) == (True, "yes")
    assert "A4253 is a HCPCS Level II code, not an ICD-10-CM code" in rows.nth(1).inner_text()
    assert "A42.53" not in page.locator("main").inner_text()
    assert "CPT, not ICD-10-CM" in rows.nth(2).inner_text()
    assert "not a code we recognise" in rows.nth(3).inner_text()
    assert "other year" in rows.nth(4).inner_text()
    assert "MS-DRG v43 (FY2026)" in page.locator(".check-table thead").inner_text()
    # The table scrolls inside its box on a phone; the page itself does not.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=os.path.join(screenshot_dir, f"checker-{width}.png"), full_page=True)
    assert axe_violations(page) == []


@pytest.fixture
def demo(db, plain_cookies):
    load_demo_data()


@pytest.mark.parametrize("system", ["cpt", "icd-10-cm", "hcpcs"])
def test_code_change_form_fits_1280_px(browser, live_server, demo, screenshot_dir, system):
    admin = make_user("admin@example.org", is_staff=True, is_superuser=True)
    # The demo's newest code of each system: the ICD-10-CM one lists long source links.
    code = Code.objects.filter(system__slug=system).order_by("-pk").first()
    context = signed_in_context(
        browser, live_server, admin, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/lookup/code/{code.pk}/change/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    path = os.path.join(screenshot_dir, f"admin-code-change-{system}.png")
    page.screenshot(path=path, full_page=True)


def test_editor_who_changes_a_pages_text_renews_its_verified_date(browser, live_server, demo):
    # The live server's database is emptied between tests, the Editors group with it.
    editor = make_user("editor@example.org", is_staff=True, is_superuser=True)
    code = Code.objects.get(system__slug="cpt", code="27323")
    context = signed_in_context(
        browser, live_server, editor, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/lookup/code/{code.pk}/change/")

    page.locator("#id_description").fill("Rewritten by an editor after checking the sources.")
    page.get_by_role("button", name="Save and continue editing").click()
    page.get_by_role("link", name="Renew its Verified date to today").click()
    page.get_by_role("button", name="Mark verified today").click()

    assert "CPT 27323 is marked verified today." in page.locator(".messagelist").inner_text()
    code.refresh_from_db()
    assert code.verified_on == site_today()
