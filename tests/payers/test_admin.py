import datetime
import re

import pytest

from payers.models import PolicyVersion
from tests.conftest import make_code
from tests.payers.conftest import make_policy_version

ADD_VERSION = "/admin/payers/policyversion/add/"


@pytest.fixture
def resection(cpt, fee_data):
    return make_code("27365", cpt)


def version_form(version: PolicyVersion, **changes) -> dict:
    """The add form of a new version of `version`'s policy, as an editor fills it in."""
    data = {
        "policy": version.policy_id,
        "codes": version.codes,
        "prior_authorization": version.prior_authorization,
        "prior_authorization_condition": version.prior_authorization_condition,
        "coverage_criteria": version.coverage_criteria,
        "documentation": version.documentation,
        "modifier_rules": "",
        "site_of_service_rules": "",
        "effective_on": version.effective_on.isoformat(),
        "review_on": version.review_on.isoformat() if version.review_on else "",
        "url": version.url,
        "verified_by": version.verified_by,
        "verified_on": version.verified_on.isoformat(),
        "change_note": "",
    }
    return data | changes


def error_beside(html: str, field: str) -> str:
    """The error text the admin shows in `field`'s row, "" when none."""
    row_pattern = rf'<div class="form-row[^"]*field-{field}[^"]*">(.*?)</div>\s*</div>'
    row = re.search(row_pattern, html, re.S)
    assert row, f"no form row for {field}"
    errors = re.search(r'<ul class="errorlist"[^>]*>(.*?)</ul>', row.group(1), re.S)
    return re.sub(r"<[^>]+>", "", errors.group(1)) if errors else ""


def test_editor_adds_a_version_and_the_overview_shows_it_while_the_old_keeps_its_dates(
    client, editor, staff, resection
):
    old = make_policy_version("Aetna", prior_authorization="not-required")
    client.force_login(editor)

    response = client.post(
        ADD_VERSION,
        version_form(
            old,
            prior_authorization="required",
            coverage_criteria="NEW-CRITERIA-TEXT",
            effective_on="2026-06-01",
            change_note="NOW-REQUIRED",
        ),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert PolicyVersion.objects.filter(policy=old.policy).count() == 2
    old.refresh_from_db()
    assert old.effective_on == datetime.date(2026, 1, 1)
    client.force_login(staff)
    html = client.get("/codes/cpt/27365/payers/").content.decode()
    assert "NEW-CRITERIA-TEXT" in html
    assert f"COVERAGE-CRITERIA-OF-{old.policy.name}" not in html
    assert "Jan 1, 2026</strong> to May 31, 2026" in html
    assert "Jun 1, 2026</strong> onwards" in html


def test_an_effective_date_after_the_review_date_gets_a_message_beside_it(
    client, editor, resection
):
    version = make_policy_version("Aetna")
    client.force_login(editor)

    response = client.post(
        ADD_VERSION, version_form(version, effective_on="2027-02-01", review_on="2027-01-01")
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "The effective date falls after the review date (Jan 1, 2027)" in error_beside(
        html, "effective_on"
    )
    assert PolicyVersion.objects.count() == 1


def test_a_code_range_that_matches_nothing_gets_a_message_beside_it(client, editor, resection):
    version = make_policy_version("Aetna")
    client.force_login(editor)

    response = client.post(ADD_VERSION, version_form(version, codes="27365, 0001A-0009A"))

    assert response.status_code == 200
    message = error_beside(response.content.decode(), "codes")
    assert "No CPT or HCPCS code we hold falls in 0001A-0009A." in message
    assert PolicyVersion.objects.count() == 1


def test_a_code_list_that_is_not_codes_gets_a_message_beside_it(client, editor, resection):
    version = make_policy_version("Aetna")
    client.force_login(editor)

    response = client.post(ADD_VERSION, version_form(version, codes="27365, knee"))

    assert "“KNEE” is not a code" in error_beside(response.content.decode(), "codes")


def test_depends_without_its_condition_gets_a_message_beside_it(client, editor, resection):
    version = make_policy_version("Aetna")
    client.force_login(editor)

    response = client.post(ADD_VERSION, version_form(version, prior_authorization="depends"))

    message = error_beside(response.content.decode(), "prior_authorization_condition")
    assert "Say when prior authorization is required." in message


def test_a_saved_version_cannot_be_changed(client, editor, resection):
    version = make_policy_version("Aetna")
    client.force_login(editor)
    url = f"/admin/payers/policyversion/{version.pk}/change/"

    page = client.get(url)
    client.post(url, version_form(version, coverage_criteria="REWRITTEN"))

    assert page.status_code == 200
    assert 'name="coverage_criteria"' not in page.content.decode()
    version.refresh_from_db()
    assert version.coverage_criteria != "REWRITTEN"


def test_a_new_version_starts_as_a_copy_of_the_latest(client, editor, resection):
    version = make_policy_version("Aetna", documentation="LATEST-DOCUMENTATION")
    client.force_login(editor)

    html = client.get(f"{ADD_VERSION}?policy={version.policy_id}").content.decode()

    assert "LATEST-DOCUMENTATION" in html
    assert f"COVERAGE-CRITERIA-OF-{version.policy.name}" in html


def test_the_policy_page_lists_its_versions_and_links_to_a_new_one(client, editor, resection):
    version = make_policy_version("Aetna")
    client.force_login(editor)

    html = client.get(f"/admin/payers/payerpolicy/{version.policy_id}/change/").content.decode()

    assert f"{ADD_VERSION}?policy={version.policy_id}" in html
    assert "Dec. 31, 2026" in html or "Dec 31, 2026" in html
