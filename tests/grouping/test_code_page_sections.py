"""The MS-DRG and risk adjustment sections of an ICD-10-CM code page, for a reader who
may read gated content (a verified account)."""

import pytest

from accounts.models import Unlock
from tests.conftest import make_user


@pytest.fixture
def member(client, db):
    client.force_login(make_user())
    return client


def page(client, code: str, **params) -> str:
    response = client.get(f"/codes/icd-10-cm/{code}/", params)
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    return html[start : html.index("</section>", start)]


def test_mcc_with_the_number_of_principal_diagnoses_that_cancel_it(member, icd_grouping):
    ms_drg = section(page(member, "I21.4"), "ms-drg")

    assert "I21.4 is an MCC</strong>" in ms_drg
    assert "25. With any of them as the principal diagnosis" in ms_drg
    assert "MS-DRG 280-282: Acute Myocardial Infarction, Discharged Alive" in ms_drg
    assert "MS-DRG v43 (FY2026)" in ms_drg


def test_code_in_neither_list_is_neither_cc_nor_mcc(member, icd_grouping):
    assert "Neither a CC nor an MCC." in section(page(member, "E11.9"), "ms-drg")


def test_code_no_principal_diagnosis_cancels_says_so(member, icd_grouping):
    assert "None: no principal diagnosis cancels it." in section(page(member, "J12.82"), "ms-drg")


def test_principal_diagnosis_on_the_exclusion_list_cancels_the_mcc(member, icd_grouping):
    ms_drg = section(page(member, "I21.4", principal="i2109"), "ms-drg")

    assert "No. With I21.09 as the principal diagnosis, I21.4 does not count as an MCC" in ms_drg
    assert 'name="principal" value="I21.09"' in ms_drg


def test_principal_diagnosis_off_the_list_keeps_the_mcc(member, icd_grouping):
    ms_drg = section(page(member, "I21.4", principal="E11.9"), "ms-drg")

    assert "Yes. With E11.9 as the principal diagnosis, I21.4 counts as an MCC" in ms_drg
    assert "unless the case groups to one of the MS-DRGs listed above" in ms_drg


@pytest.mark.parametrize(
    ("entered", "answer"),
    [
        ("not a code", "“not a code” is not an ICD-10-CM code"),
        ("Z99.99", "We know no ICD-10-CM code Z99.99."),
        ("<script>x</script>" * 20, "is not an ICD-10-CM code"),
    ],
)
def test_principal_diagnosis_that_is_no_code_gets_a_message(member, icd_grouping, entered, answer):
    ms_drg = section(page(member, "I21.4", principal=entered), "ms-drg")

    assert answer in ms_drg
    assert "<script>" not in ms_drg


def test_risk_adjustment_lists_v28_and_v24_categories_with_labels(member, icd_grouping):
    risk = section(page(member, "E11.9"), "risk-adjustment")

    assert "HCC 38: Diabetes with Glycemic, Unspecified, or No Complications" in risk
    assert "HCC 19: Diabetes without Complication" in risk
    assert risk.index("V28") < risk.index("V24")


def test_risk_adjustment_states_conditions_in_words(member, icd_grouping):
    risk = section(page(member, "C50.011"), "risk-adjustment")

    assert "HCC 22: Bladder, Colorectal, and Other Cancers" in risk
    assert "(only under age 50)" in risk
    assert "(only age 50 or older)" in risk
    assert "HCC 36" in section(page(member, "E10.10"), "risk-adjustment")
    assert "(only" not in section(page(member, "E10.10"), "risk-adjustment")


def test_code_without_an_hcc_says_no_hcc(member, icd_grouping):
    risk = section(page(member, "E11.A"), "risk-adjustment")

    assert risk.count("No HCC: E11.A adds nothing to a risk score in this model.") == 2


def test_sections_are_left_out_until_the_tables_are_imported(member, icd_history):
    html = page(member, "E11.9")

    assert 'id="ms-drg"' not in html
    assert 'id="risk-adjustment"' not in html


def test_header_has_no_grouping_sections_and_spends_no_view(client, icd_grouping):
    html = page(client, "M35.8")

    assert 'id="ms-drg"' not in html
    assert 'id="risk-adjustment"' not in html
    assert not Unlock.objects.exists()
