from django.test import Client

from accounts.models import User
from fees.importers.gpci import import_gpci_file
from fees.models import Locality
from pages.full_catalogue import BUNDLED_GPCI
from tests.conftest import make_user
from tests.fees.conftest import locality_chosen_by

PICKER = "/fees/locality/"


def test_guest_is_sent_to_log_in(client, fee_data):
    response = client.get(PICKER)

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_picker_lists_states_then_the_localities_of_the_chosen_state(client, coder, fee_data):
    client.force_login(coder)

    first = client.get(PICKER).content.decode()
    second = client.get(PICKER, {"state": "NY"}).content.decode()

    assert first.count('<option value="NY">New York (NY)</option>') == 1  # two localities
    assert 'name="locality"' not in first
    assert "Manhattan" in second and "Rest of New York" in second
    assert "Houston" not in second
    assert 'name="csrfmiddlewaretoken"' in second


def test_saving_a_locality_remembers_it_and_returns_to_the_code(client, coder, fee_data):
    manhattan = Locality.objects.get(state="NY", number="01")
    client.force_login(coder)

    response = client.post(
        PICKER, {"state": "NY", "locality": manhattan.pk, "next": "/codes/cpt/27323/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/codes/cpt/27323/"
    assert locality_chosen_by(coder) == manhattan


def test_choosing_again_replaces_the_earlier_choice(client, coder, fee_data):
    client.force_login(coder)
    for state, number in [("NY", "01"), ("TX", "18")]:
        locality = Locality.objects.get(state=state, number=number)
        client.post(PICKER, {"state": state, "locality": locality.pk})

    assert locality_chosen_by(coder).name == "HOUSTON"


def test_picker_opens_on_the_saved_locality(client, coder, fee_data):
    houston = Locality.objects.get(state="TX", number="18")
    client.force_login(coder)
    client.post(PICKER, {"state": "TX", "locality": houston.pk})

    html = client.get(PICKER).content.decode()

    assert f'<option value="{houston.pk}" selected>' in html


def test_a_locality_of_another_state_gets_a_message_beside_the_field(client, coder, fee_data):
    houston = Locality.objects.get(state="TX", number="18")
    client.force_login(coder)

    response = client.post(PICKER, {"state": "NY", "locality": houston.pk})

    assert response.status_code == 200
    html = response.content.decode()
    field = html[html.index('name="locality"') :]
    assert "Choose one of the localities listed for this state." in field[:2000]
    assert not User.objects.exclude(medicare_locality="").exists()


def test_a_missing_locality_is_refused(client, coder, fee_data):
    client.force_login(coder)

    response = client.post(PICKER, {"state": "NY", "locality": ""})

    assert "Choose a locality." in response.content.decode()
    assert not User.objects.exclude(medicare_locality="").exists()


def test_saving_requires_the_csrf_token(fee_data):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("csrf@example.org"))
    manhattan = Locality.objects.get(state="NY", number="01")

    response = client.post(PICKER, {"state": "NY", "locality": manhattan.pk})

    assert response.status_code == 403
    assert not User.objects.exclude(medicare_locality="").exists()


def test_next_pointing_to_another_site_is_ignored(client, coder, fee_data):
    manhattan = Locality.objects.get(state="NY", number="01")
    client.force_login(coder)

    response = client.post(
        PICKER, {"state": "NY", "locality": manhattan.pk, "next": "https://evil.example/"}
    )

    assert response["Location"] == "/"


def test_each_user_keeps_their_own_locality(client, coder, fee_data):
    other = make_user("other@example.org")
    for user, number in [(coder, "01"), (other, "99")]:
        client.force_login(user)
        locality = Locality.objects.get(state="NY", number=number)
        client.post(PICKER, {"state": "NY", "locality": locality.pk})

    assert locality_chosen_by(coder).number == "01"
    assert locality_chosen_by(other).number == "99"


def test_picker_offers_every_state_and_territory_of_the_shipped_file(client, coder):
    import_gpci_file(BUNDLED_GPCI)
    client.force_login(coder)

    states = client.get(PICKER).content.decode()
    texas = client.get(PICKER, {"state": "TX"}).content.decode()

    assert states.count("<option value=") == 53
    for state in ["Alaska (AK)", "District of Columbia (DC)", "Puerto Rico (PR)", "Wyoming (WY)"]:
        assert f">{state}</option>" in states
    assert "Virgin Islands (VI)" in states
    for locality in ["Brazoria", "Dallas", "Galveston", "Houston", "Rest of Texas"]:
        assert locality in texas
