from datetime import date
from decimal import Decimal

import pytest

from fees.importers.gpci import import_gpci_file
from fees.models import Locality
from fees.services import chosen_locality_set
from importing.errors import ImportFileError
from tests.fees.conftest import GPCI, locality_chosen_by, next_year_without_houston, write_copy


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

    assert locality_chosen_by(coder).name == "MANHATTAN"
    assert Locality.objects.count() == 11


def test_a_new_file_updates_the_indices_of_each_locality(db, tmp_path):
    import_gpci_file(GPCI)

    import_gpci_file(next_year_without_houston(tmp_path))

    assert Locality.objects.get(state="NY", number="01").work_gpci == Decimal("1.070")


def test_a_locality_left_out_of_a_new_file_is_retired_and_keeps_its_users(db, coder, tmp_path):
    import_gpci_file(GPCI)
    houston = Locality.objects.get(state="TX", number="18")
    chosen_locality_set(user=coder, locality=houston)

    summary = import_gpci_file(next_year_without_houston(tmp_path))

    houston.refresh_from_db()
    assert houston.retired_on == date(2026, 12, 31)  # the day before CY 2027 starts
    assert locality_chosen_by(coder) == houston
    assert summary.rows == 10
    assert "1 locality retired" in str(summary)
    assert Locality.objects.get(state="NY", number="01").retired_on is None


def test_a_retired_locality_listed_again_is_current_again(db, tmp_path):
    import_gpci_file(GPCI)
    import_gpci_file(next_year_without_houston(tmp_path))

    import_gpci_file(GPCI)

    assert Locality.objects.get(state="TX", number="18").retired_on is None


def test_a_bad_index_names_file_line_and_field_and_changes_nothing(db, tmp_path):
    import_gpci_file(GPCI)
    bad = write_copy(GPCI, tmp_path / "bad.csv", ("MANHATTAN,1.063,1.318", "MANHATTAN,1.063,high"))

    with pytest.raises(ImportFileError, match=r"bad\.csv, line 10, field 2026 PE GPCI: 'high'"):
        import_gpci_file(bad)

    assert Locality.objects.get(state="NY", number="01").pe_gpci == Decimal("1.318")
