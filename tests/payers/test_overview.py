import datetime

import pytest

from pages.demo import load_demo_data
from payers.models import PolicyVersion
from tests.conftest import make_code, make_section
from tests.payers.conftest import make_policy_version

OVERVIEW = "/codes/cpt/27365/payers/"


@pytest.fixture
def demo(db):
    load_demo_data()


@pytest.fixture
def resection(cpt, fee_data):
    """CPT 27365 with a coverage and a modifiers section, and the test fee excerpts."""
    code = make_code("27365", cpt, short_descriptor="Resect femur/knee tumor")
    make_section(code, "coverage", body="COVERAGE-SECTION-TEXT")
    make_section(code, "modifiers", body="MODIFIER-SECTION-TEXT")
    return code


def test_overview_of_27365_as_staff_names_the_payers_with_medicare_figures(client, demo, staff):
    client.force_login(staff)

    response = client.get(OVERVIEW)

    html = response.content.decode()
    assert response.status_code == 200
    for payer in ["Aetna", "Blue Cross Blue Shield", "Cigna", "UnitedHealthcare", "Medicare"]:
        assert payer in html
    # 55.00 facility RVUs times $33.4009 (PFS excerpt); the hospital outpatient rate (OPPS).
    assert "$1,837.05 national (facility), global period 090" in html  # Medicare's row
    assert "$3,342.87" in html
    assert "Global period (090)" in html


def test_demo_policies_are_said_plainly_to_be_samples(client, demo, staff):
    client.force_login(staff)

    html = client.get(OVERVIEW).content.decode()

    assert "Sample records." in html
    assert "not any payer's real policy" in html
    assert "Sample record, not a real Cigna policy." in html


def test_payer_without_a_policy_we_hold_says_so(client, resection, staff):
    make_policy_version("Aetna")
    client.force_login(staff)

    html = client.get(OVERVIEW).content.decode()

    assert "COVERAGE-CRITERIA-OF-Bone tumor surgery" in html
    assert "We hold no Humana policy for 27365." in html
    assert "We hold no Aetna policy" not in html


def test_overview_shows_medicare_coverage_and_the_modifier_table(client, resection, staff):
    client.force_login(staff)

    html = client.get(OVERVIEW).content.decode()

    assert "COVERAGE-SECTION-TEXT" in html
    assert "MODIFIER-SECTION-TEXT" in html
    # Assistant-at-surgery indicator 2 and the global split of the 090-day package.
    assert "Medicare pays an assistant at surgery on 27365" in html
    assert "Postoperative management only" in html


def test_a_guests_bytes_hold_no_policy_text(client, resection):
    version = make_policy_version("Cigna", documentation="DOCUMENTATION-TEXT")

    response = client.get(OVERVIEW)

    assert response.status_code == 200
    body = response.content
    assert b"Register free" in body
    for secret in [
        version.coverage_criteria, "DOCUMENTATION-TEXT", "COVERAGE-SECTION-TEXT",
        "MODIFIER-SECTION-TEXT", "POL-1", "Bone tumor surgery", "3,342.87",
    ]:  # fmt: skip
        assert secret.encode() not in body


def test_overview_is_counted_as_a_view_of_its_code_page(client, resection, biopsy):
    """A guest's one view opens 27365's page and its overview; 27323 is then walled."""
    assert client.get("/codes/cpt/27365/").status_code == 200
    assert client.get(OVERVIEW).status_code == 200

    walled = client.get("/codes/cpt/27323/payers/")

    assert "You have used your 1 code page view" in walled.content.decode()


def test_a_free_account_reads_the_policy_and_spends_one_view(client, resection, coder):
    make_policy_version("Cigna")
    client.force_login(coder)

    html = client.get(OVERVIEW).content.decode()

    assert "COVERAGE-CRITERIA-OF-Bone tumor surgery" in html
    assert coder.unlocks.count() == 1


def test_what_changed_lists_versions_with_their_dates(client, resection, staff):
    first = make_policy_version("Cigna", prior_authorization="not-required")
    make_policy_version(
        policy=first.policy, effective_on=datetime.date(2026, 7, 1), change_note="PA-NOW-REQUIRED"
    )
    client.force_login(staff)

    html = client.get(OVERVIEW).content.decode()

    assert "Jan 1, 2026</strong> to Jun 30, 2026" in html
    assert "Jul 1, 2026</strong> onwards" in html
    assert "PA-NOW-REQUIRED" in html


def test_code_page_links_to_its_payer_overview(client, resection, staff):
    client.force_login(staff)

    html = client.get("/codes/cpt/27365/").content.decode()

    assert f'href="{OVERVIEW}"' in html


def test_an_icd_code_has_no_payer_overview(client, icd):
    make_code("C40.21", icd)

    response = client.get("/codes/icd-10-cm/C40.21/payers/")

    assert response.status_code == 404
    assert "CPT and HCPCS Level II codes" in response.content.decode()


def test_an_unknown_code_gets_the_helpful_404(client, cpt):
    response = client.get("/codes/cpt/99999/payers/")

    assert response.status_code == 404


def test_overview_reads_in_few_queries(client, demo, staff, django_assert_max_num_queries):
    client.force_login(staff)
    client.get(OVERVIEW)

    with django_assert_max_num_queries(16):
        assert client.get(OVERVIEW).status_code == 200


def test_policy_not_yet_in_force_is_not_shown_as_current(client, resection, staff):
    make_policy_version("Aetna", effective_on=datetime.date(2099, 1, 1), review_on=None)
    client.force_login(staff)

    html = client.get(OVERVIEW).content.decode()

    assert "We hold no Aetna policy for 27365." in html
    assert PolicyVersion.objects.count() == 1
