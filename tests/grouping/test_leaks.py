"""MS-DRG and risk adjustment facts never reach a reader who may not read gated content,
in any byte: guests, accounts with an unverified address, readers out of views.

Every gated fact carries its own marker; each test checks that the response it searches
is the page it meant to open (status and a public marker) before looking for the facts.
"""

import uuid

import pytest
from django.test import Client

from grouping.models import ComplicationCode, Edition, HccCategory, HccDiagnosis, HccMapping
from tests.accounts.conftest import every_byte, make_codes
from tests.conftest import make_code, make_user

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
URL = "/codes/icd-10-cm/I21.4/"


def marker(name: str) -> str:
    return f"LEAK{name}{uuid.uuid4().hex[:10]}".upper()


@pytest.fixture
def gated_facts(icd):
    """I21.4 with an MCC, its exclusions and an HCC, each fact carrying a marker."""
    code = make_code("I21.4", icd, short_descriptor="NSTEMI public title", description="")
    markers = {"drg": marker("DRG"), "hcc": marker("HCC")}
    Edition.objects.create(
        system=icd, ms_drg_version="v43", ms_drg_fiscal_year=2026, hcc_payment_year=2026
    )
    ComplicationCode.objects.create(
        code="I21.4", catalogue_code=code, severity="MCC", exclusion_collection="0781",
        excluding_principal_count=987654,
        drg_exclusions=[{"mdc": "05", "drgs": "280-282", "group": markers["drg"]}],
    )  # fmt: skip
    category = HccCategory.objects.create(model="V28", number=228, label=markers["hcc"])
    diagnosis = HccDiagnosis.objects.create(
        code="I21.4", catalogue_code=code,
        mappings=[{"model": "V28", "hcc": 228, "label": markers["hcc"], "condition": ""}],
    )  # fmt: skip
    HccMapping.objects.create(diagnosis=diagnosis, category=category)
    return markers


def facts(markers: dict) -> list[str]:
    return [*markers.values(), "987,654", "is an MCC", "HCC 228", "does not count", "counts as"]


def assert_absent(needles: list[str], received: str) -> None:
    leaked = [each for each in needles if each in received]
    assert not leaked, f"leaked: {leaked}"


def opened_locked(response) -> str:
    """Every byte of a code page that shows the sections locked (checked first)."""
    received = every_byte(response)
    assert response.status_code == 200
    assert "NSTEMI public title" in received
    assert received.count("Register to view content") + received.count("Verify your email") >= 2
    return received


@pytest.mark.parametrize("user_agent", ["", GOOGLEBOT])
def test_guest_within_allowance_gets_locked_sections_only(gated_facts, user_agent):
    response = Client(HTTP_USER_AGENT=user_agent).get(URL, {"principal": "I21.09"})

    assert_absent(facts(gated_facts), opened_locked(response))


def test_unverified_account_gets_locked_sections_only(gated_facts):
    client = Client()
    client.force_login(make_user(verified=False))

    response = client.get(URL, {"principal": "I21.09"})

    assert_absent(facts(gated_facts), opened_locked(response))


def test_walled_readers_get_no_fact(gated_facts, icd, cpt):
    guest = Client()
    guest.get(f"/codes/cpt/{make_codes(1, cpt, prefix='7')[0].code}/")
    account = Client()
    account.force_login(make_user("full@example.org"))
    for code in make_codes(6, cpt, prefix="6"):
        account.get(f"/codes/cpt/{code.code}/")

    for client in [guest, account]:
        response = client.get(URL, {"principal": "I21.09"})
        received = every_byte(response)
        assert response.status_code == 200
        assert "NSTEMI public title" in received and 'class="panel locked wall"' in received
        assert_absent(facts(gated_facts), received)


def test_verified_account_reads_every_fact(gated_facts):
    client = Client()
    client.force_login(make_user())

    received = every_byte(client.get(URL))

    assert all(each in received for each in gated_facts.values())
    assert "987,654" in received


def test_hcc_category_page_lists_its_codes_to_verified_accounts_only(gated_facts):
    unverified = Client()
    unverified.force_login(make_user("new@example.org", verified=False))
    member = Client()
    member.force_login(make_user())

    for client in [Client(), unverified]:
        response = client.get("/codes/icd-10-cm/hcc/v28/228/")
        received = every_byte(response)
        assert response.status_code == 200 and gated_facts["hcc"] in received  # the label
        assert "I21.4" not in received
        assert "private" in response["Cache-Control"]
    assert "/codes/icd-10-cm/I21.4/" in every_byte(member.get("/codes/icd-10-cm/hcc/v28/228/"))


def test_search_results_carry_no_grouping_fact(gated_facts):
    response = Client().get("/search/", {"q": "NSTEMI"})
    received = every_byte(response)

    assert response.status_code == 200 and 'href="/codes/icd-10-cm/I21.4/"' in received
    assert_absent(facts(gated_facts), received)
