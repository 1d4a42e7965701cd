"""Browsing the imported code sets: ICD-10-CM by chapter, HCPCS by section and range."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

DATA = Path(__file__).parent / "data"


@pytest.fixture
def imported(db):
    call_command(
        "import_icd10cm", str(DATA / "icd10cm_tabular_2026_excerpt.xml"), stdout=StringIO()
    )
    call_command("import_hcpcs", str(DATA / "HCPC2026_JAN_excerpt.txt"), stdout=StringIO())


def test_icd_browses_chapters_then_blocks_then_categories_then_codes(client, imported):
    system = client.get("/codes/icd-10-cm/").content.decode()
    chapter = client.get("/codes/icd-10-cm/19/").content.decode()
    block = client.get("/codes/icd-10-cm/S70-S79/").content.decode()
    category = client.get("/codes/icd-10-cm/S72/").content.decode()

    assert 'href="/codes/icd-10-cm/19/"' in system and 'href="/codes/icd-10-cm/S70-S79/"' in system
    assert 'href="/codes/icd-10-cm/S70-S79/"' in chapter
    assert 'href="/codes/icd-10-cm/S72/"' in block
    assert 'href="/codes/icd-10-cm/S72.0/"' in category


def test_code_page_shows_its_place_in_the_hierarchy(client, imported):
    html = client.get("/codes/icd-10-cm/S72.001A/").content.decode()

    for ancestor in ["19", "S70-S79", "S72", "S72.0", "S72.00", "S72.001"]:
        assert f'href="/codes/icd-10-cm/{ancestor}/"' in html


def test_hcpcs_browses_by_letter_section_then_hundred(client, imported):
    system = client.get("/codes/hcpcs/").content.decode()
    section = client.get("/codes/hcpcs/J0000-J9999/").content.decode()
    hundred = client.get("/codes/hcpcs/J0100-J0199/").content.decode()

    assert "Drugs administered other than by mouth" in system
    assert 'href="/codes/hcpcs/J0100-J0199/"' in system
    assert 'href="/codes/hcpcs/J0100-J0199/"' in section
    assert 'href="/codes/hcpcs/J0120/"' in hundred


def test_system_page_does_not_load_every_code_of_a_section(
    client, imported, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        html = client.get("/codes/hcpcs/").content.decode()

    assert 'href="/codes/hcpcs/J0120/"' in html  # from the paginated list of all codes


def test_hcpcs_modifiers_have_their_own_page(client, imported):
    system = client.get("/codes/hcpcs/").content.decode()
    modifiers = client.get("/codes/hcpcs/modifiers/").content.decode()

    assert 'href="/codes/hcpcs/modifiers/"' in system
    assert "Audiology service furnished personally by an audiologist" in modifiers
    assert 'id="modifier-A1"' in modifiers


def test_system_without_modifiers_has_no_modifier_page(client, imported):
    assert client.get("/codes/icd-10-cm/modifiers/").status_code == 404
