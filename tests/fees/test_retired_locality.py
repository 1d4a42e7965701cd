"""A locality a new GPCI file leaves out: its users keep their choice and are asked to
choose again; nobody can choose it any more."""

import pytest

from fees.importers.gpci import import_gpci_file
from fees.models import Locality
from fees.services import chosen_locality_set
from tests.conftest import make_code
from tests.fees.conftest import locality_chosen_by, next_year_without_houston
from tests.fees.test_fee_section import fee_section_of

PICKER = "/fees/locality/"
NOTICE = "Your Medicare locality changed."


@pytest.fixture
def houston_retired(fee_data, coder, tmp_path) -> Locality:
    """The coder chose Houston, then the 2027 GPCI file left it out."""
    chosen_locality_set(user=coder, locality=Locality.objects.get(state="TX", number="18"))
    import_gpci_file(next_year_without_houston(tmp_path))
    return Locality.objects.get(state="TX", number="18")


def test_fee_section_tells_the_user_their_locality_changed(client, coder, cpt, houston_retired):
    make_code("27323", cpt)
    client.force_login(coder)

    response = client.get("/codes/cpt/27323/")

    assert response.status_code == 200
    section = fee_section_of(response.content.decode())
    assert NOTICE in section
    assert "no longer lists Houston (TX); its last day was December 31, 2026" in section
    assert "Choose your locality again" in section
    assert "Houston (TX), non-facility" not in section  # no payment from stale indices
    assert "$274.89" in section  # the national payment still shows


def test_picker_asks_again_and_no_longer_offers_the_retired_locality(
    client, coder, houston_retired
):
    client.force_login(coder)

    html = client.get(PICKER).content.decode()

    assert NOTICE in html
    assert "Your locality now" not in html
    assert '<option value="TX" selected>' in html  # opens on the state of the old choice
    assert "Rest of Texas" in html
    assert "Houston" not in html.replace("lists Houston (TX)", "")  # only the notice names it
    assert locality_chosen_by(coder) == houston_retired


def test_a_retired_locality_cannot_be_chosen(client, coder, houston_retired):
    other = Locality.objects.get(state="NY", number="01")
    chosen_locality_set(user=coder, locality=other)
    client.force_login(coder)

    response = client.post(PICKER, {"state": "TX", "locality": houston_retired.pk})

    assert response.status_code == 200
    assert locality_chosen_by(coder) == other


def test_choosing_again_ends_the_notice(client, coder, cpt, houston_retired):
    make_code("27323", cpt)
    client.force_login(coder)
    manhattan = Locality.objects.get(state="NY", number="01")

    client.post(PICKER, {"state": "NY", "locality": manhattan.pk})

    section = fee_section_of(client.get("/codes/cpt/27323/").content.decode())
    assert NOTICE not in section
    assert "Manhattan (NY), non-facility" in section


def test_users_with_a_current_locality_see_no_notice(client, coder, cpt, fee_data):
    make_code("27323", cpt)
    chosen_locality_set(user=coder, locality=Locality.objects.get(state="NY", number="01"))
    client.force_login(coder)

    section = fee_section_of(client.get("/codes/cpt/27323/").content.decode())

    assert NOTICE not in section
