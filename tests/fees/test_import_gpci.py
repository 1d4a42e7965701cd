from decimal import Decimal

import pytest

from fees.importers.gpci import import_gpci_file
from fees.models import ChosenLocality, Locality
from fees.services import chosen_locality_set
from importing.errors import ImportFileError
from tests.fees.conftest import GPCI, write_copy


def test_import_reads_each_locality_and_skips_the_notes(db):
    summary = import_gpci_file(GPCI)

    assert summary.rows == Locality.objects.count() == 11
    manhattan = Locality.objects.get(state="NY", number="01")
    assert (manhattan.work_gpci, manhattan.pe_gpci, manhattan.mp_gpci) == (
        Decimal("1.063"),
        Decimal("1.318"),
        Decimal("1.285"),
    )
    assert manhattan.mac == "13202"


def test_floor_asterisks_are_not_part_of_the_name(db):
    import_gpci_file(GPCI)

    assert Locality.objects.get(state="AK").name == "ALASKA"


def test_two_states_sharing_a_contractor_and_number_stay_apart(db):
    import_gpci_file(GPCI)

    assert {each.name for each in Locality.objects.filter(mac="05102")} == {"CONNECTICUT", "IOWA"}


def test_reimport_keeps_the_localities_users_chose(db, coder):
    import_gpci_file(GPCI)
    chosen_locality_set(user=coder, locality=Locality.objects.get(state="NY", number="01"))

    import_gpci_file(GPCI)

    assert ChosenLocality.objects.get(user=coder).locality.name == "MANHATTAN"
    assert Locality.objects.count() == 11


def test_a_new_file_updates_indices_and_removes_retired_localities(db, tmp_path):
    import_gpci_file(GPCI)
    newer = write_copy(GPCI, tmp_path / "newer.csv", ("MANHATTAN,1.063", "MANHATTAN,1.070"))
    text = newer.read_text().replace("04412,TX,18,HOUSTON,1.000,0.991,0.934\n", "")
    newer.write_text(text)

    import_gpci_file(newer)

    assert Locality.objects.get(state="NY", number="01").work_gpci == Decimal("1.070")
    assert not Locality.objects.filter(name="HOUSTON").exists()


def test_a_bad_index_names_file_line_and_field_and_changes_nothing(db, tmp_path):
    import_gpci_file(GPCI)
    bad = write_copy(GPCI, tmp_path / "bad.csv", ("MANHATTAN,1.063,1.318", "MANHATTAN,1.063,high"))

    with pytest.raises(ImportFileError, match=r"bad\.csv, line 10, field 2026 PE GPCI: 'high'"):
        import_gpci_file(bad)

    assert Locality.objects.get(state="NY", number="01").pe_gpci == Decimal("1.318")
