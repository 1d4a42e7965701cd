from django.db import connection
from django.test.utils import CaptureQueriesContext

from fees.models import Locality
from fees.services import chosen_locality_set
from lookup.models import Code
from tests.conftest import make_code, make_section, make_system

FEE_FIGURES = ["274.89", "8.23", "5.66", "2.27", "1,687.37", "742.04", "342.64"]


def fee_queries(context: CaptureQueriesContext) -> list[str]:
    """Statements that read fee figures (the user's chosen locality comes with the user)."""
    return [
        query["sql"] for query in context.captured_queries if "fees_physicianfee" in query["sql"]
    ]


def fee_section_of(html: str) -> str:
    start = html.index('id="medicare-payment"')
    return html[start : html.index("</section>", start)]


def test_registered_user_sees_rvus_national_payment_and_global_period(client, coder, cpt, fee_data):
    make_code("27323", cpt)
    client.force_login(coder)

    section = fee_section_of(client.get("/codes/cpt/27323/").content.decode())

    for figure in ["2.27", "5.66", "0.30", "8.23", "2.15", "4.72", "$274.89", "$157.65"]:
        assert figure in section
    assert "27323 has a 10-day global period" in section
    assert "takes modifier 50 and Medicare pays 150% of its fee" in section
    assert "conversion factor $33.4009" in section


def test_site_of_service_rates_come_from_opps_and_asc(client, coder, cpt, fee_data):
    make_code("27323", cpt)
    client.force_login(coder)

    section = fee_section_of(client.get("/codes/cpt/27323/").content.decode())

    assert "APC 5072, status J1" in section
    assert "$1,687.37" in section
    assert "payment indicator A2" in section
    assert "$742.04" in section


def test_setting_marked_na_says_not_paid_instead_of_an_amount(client, coder, cpt, fee_data):
    make_code("27324", cpt)
    client.force_login(coder)

    section = fee_section_of(client.get("/codes/cpt/27324/").content.decode())

    assert "Not paid in this setting" in section
    assert "$402.48" in section  # facility: 12.05 x 33.4009 = 402.48


def test_not_payable_status_is_said_in_words_not_as_zero_dollars(client, coder, cpt, fee_data):
    make_code("20930", cpt)
    client.force_login(coder)

    section = fee_section_of(client.get("/codes/cpt/20930/").content.decode())

    assert "Not paid under the physician fee schedule." in section
    assert "20930 is bundled: Medicare never pays it separately" in section
    assert "$0.00" not in section


def test_carrier_priced_code_says_the_contractor_sets_the_price(client, coder, cpt, fee_data):
    make_code("0054T", cpt)
    client.force_login(coder)

    section = fee_section_of(client.get("/codes/cpt/0054T/").content.decode())

    assert "0054T is carrier priced: the Medicare contractor sets its payment" in section
    assert "$0.00" not in section


def test_chosen_locality_gives_the_locality_payment(client, coder, cpt, fee_data):
    make_code("27323", cpt)
    chosen_locality_set(user=coder, locality=Locality.objects.get(state="NY", number="01"))
    client.force_login(coder)

    section = fee_section_of(client.get("/codes/cpt/27323/").content.decode())

    # (2.27 x 1.063 + 5.66 x 1.318 + 0.30 x 1.285) x 33.4009 = 10.25839 x 33.4009 = 342.64
    assert "Manhattan (NY), non-facility" in section
    assert "$342.64" in section
    assert "(work \u00d7 1.063 + PE \u00d7 1.318 + MP \u00d7 1.285) \u00d7 $33.4009" in section
    assert "Change locality" in section


def test_component_rows_show_professional_and_technical_payments(client, coder, cpt, fee_data):
    make_code("71046", cpt)
    client.force_login(coder)

    section = fee_section_of(client.get("/codes/cpt/71046/").content.decode())

    assert "Modifier 26: $10.02 non-facility" in section  # 0.30 x 33.4009 = 10.02
    assert "Modifier TC: $23.05 non-facility" in section  # 0.69 x 33.4009 = 23.05


def test_hcpcs_code_has_a_fee_section_too(client, coder, fee_data):
    make_code("A4550", make_system("hcpcs"))
    client.force_login(coder)

    section = fee_section_of(client.get("/codes/hcpcs/A4550/").content.decode())

    assert "A4550 is bundled" in section


def test_guest_sees_a_locked_fee_block_without_any_figure(client, cpt, fee_data):
    code = make_code("27323", cpt, description="A biopsy.")
    make_section(code, "guidelines", body="Guidance only.", gated=False)

    html = client.get("/codes/cpt/27323/").content.decode()

    section = fee_section_of(html)
    assert "Medicare payment and RVUs" in section
    assert "Register free to read the rest of this page" in html
    for figure in FEE_FIGURES:
        assert figure not in html
    assert "APC" not in html


def test_icd_code_page_has_no_fee_section(client, coder, icd, fee_data):
    make_code("D17.21", icd)
    client.force_login(coder)

    assert 'id="medicare-payment"' not in client.get("/codes/icd-10-cm/D17.21/").content.decode()


def test_hierarchy_node_has_no_fee_section(client, coder, cpt, fee_data):
    make_code("20100-20999", cpt, level=Code.Level.RANGE, billable=False)
    client.force_login(coder)

    html = client.get("/codes/cpt/20100-20999/").content.decode()

    assert 'id="medicare-payment"' not in html


def test_code_missing_from_the_cms_files_says_so(client, coder, cpt, fee_data):
    make_code("99999", cpt)
    client.force_login(coder)

    section = fee_section_of(client.get("/codes/cpt/99999/").content.decode())

    assert "have no entry for 99999" in section


def test_fee_data_costs_one_query_for_a_registered_user(
    client, coder, cpt, fee_data, django_assert_max_num_queries
):
    make_code("27323", cpt)
    chosen_locality_set(user=coder, locality=Locality.objects.get(state="NY", number="01"))
    client.force_login(coder)

    # The metered account budget (8) holds with the fee section on the page.
    with django_assert_max_num_queries(8), CaptureQueriesContext(connection) as context:
        response = client.get("/codes/cpt/27323/")

    html = response.content.decode()
    assert "$342.64" in html and "$1,687.37" in html and "$742.04" in html
    assert len(fee_queries(context)) == 1


def test_code_with_facility_rates_but_no_physician_fee_costs_one_query_too(client, coder, fee_data):
    from fees.models import Edition, FacilityRate

    drug = make_code("J9999", make_system("hcpcs"))
    FacilityRate.objects.create(
        edition=Edition.objects.get(kind="opps"), setting="opps", hcpcs="J9999",
        indicator="K", apc="9999", payment_rate="12.34",
    )  # fmt: skip
    client.force_login(coder)

    with CaptureQueriesContext(connection) as context:
        html = client.get(drug.get_absolute_url()).content.decode()

    assert "$12.34" in html
    assert len(fee_queries(context)) == 1


def test_fee_data_costs_no_query_for_a_guest(client, cpt, fee_data):
    make_code("27323", cpt)

    with CaptureQueriesContext(connection) as context:
        response = client.get("/codes/cpt/27323/")

    assert response.status_code == 200
    assert fee_queries(context) == []


def test_walled_page_leaves_out_the_fee_block(client, cpt, fee_data):
    make_code("27323", cpt)
    walled_code = make_code("27324", cpt)
    client.get("/codes/cpt/27323/")  # the guest's one view

    html = client.get(walled_code.get_absolute_url()).content.decode()

    assert "You have used your 1 code page view" in html
    assert 'id="medicare-payment"' not in html
