import pytest

from tests.conftest import make_code
from tests.payers.conftest import make_policy_version


@pytest.fixture
def cigna_policies(cpt):
    for number in ["27365", "27364", "21925", "27323"]:
        make_code(number, cpt)
    make_policy_version(
        "Cigna", "Tumor surgery", codes="27364-27365", prior_authorization="required"
    )
    make_policy_version(
        "Cigna", "Biopsies", codes="27323, 21925", prior_authorization="not-required"
    )


def test_a_payers_page_lists_the_codes_its_policies_cover(client, cigna_policies):
    response = client.get("/payers/cigna/")

    html = response.content.decode()
    assert response.status_code == 200
    for code in ["27365", "27364", "21925", "27323"]:
        assert f'href="/codes/cpt/{code}/payers/"' in html
    assert "Tumor surgery" in html


def test_codes_needing_prior_authorization_for_cigna(client, coder, cigna_policies):
    client.force_login(coder)

    response = client.get("/payers/cigna/", {"prior_authorization": "required"})

    html = response.content.decode()
    assert "Codes with prior authorization required for Cigna" in html
    assert 'href="/codes/cpt/27365/payers/"' in html
    assert 'href="/codes/cpt/27364/payers/"' in html
    assert "/codes/cpt/27323/payers/" not in html


def test_a_guest_sees_no_prior_authorization_and_cannot_filter_by_it(client, cigna_policies):
    response = client.get("/payers/cigna/", {"prior_authorization": "required"})

    html = response.content.decode()
    assert "/codes/cpt/27323/payers/" in html  # the filter is not applied
    assert "<td>Required</td>" not in html
    assert "Register a free account" in html


def test_the_filter_form_leads_to_the_payers_filtered_page(client, cigna_policies):
    response = client.get("/payers/find/", {"payer": "cigna", "prior_authorization": "required"})

    assert response.status_code == 302
    assert response["Location"] == "/payers/cigna/?prior_authorization=required"


def test_the_filter_form_without_a_payer_says_so_beside_the_field(client, db):
    response = client.get("/payers/find/", {"payer": "", "prior_authorization": "required"})

    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="find-payer-error">Choose a payer from the list.' in html


def test_the_payer_list_holds_the_managed_payers(client, db):
    html = client.get("/payers/").content.decode()

    for name in [
        "Medicare", "Noridian Healthcare Solutions (JE, JF)", "Aetna", "Anthem Blue Cross Blue "
        "Shield", "Cigna", "UnitedHealthcare", "Humana", "Texas Medicaid",
    ]:  # fmt: skip
        assert name in html


def test_an_unknown_payer_is_a_404(client, db):
    assert client.get("/payers/no-such-payer/").status_code == 404


def test_search_leads_to_the_prior_authorization_filter(client, db):
    search = client.get("/search/", {"q": "knee"}).content.decode()

    assert 'href="/payers/#find-heading"' in search
    assert 'id="find-heading"' in client.get("/payers/").content.decode()
