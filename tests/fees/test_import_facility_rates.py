from decimal import Decimal

import pytest
from django.core.management import call_command

from fees.importers.facility_rates import import_asc_file, import_opps_file
from fees.models import Edition, FacilityRate
from importing.errors import ImportFileError
from tests.fees.conftest import ASC, OPPS, write_copy


def test_opps_import_reads_status_apc_and_rate(db):
    import_opps_file(OPPS)

    rate = FacilityRate.objects.get(setting="opps", hcpcs="27323")
    assert (rate.indicator, rate.apc, rate.payment_rate) == ("J1", "5072", Decimal("1687.37"))
    assert FacilityRate.objects.get(setting="opps", hcpcs="27324").payment_rate == Decimal(
        "2967.63"
    )
    assert FacilityRate.objects.get(setting="opps", hcpcs="27365").payment_rate == Decimal(
        "3342.87"
    )
    assert Edition.objects.get(kind="opps").title.startswith("Addendum B.")


def test_asc_import_reads_payment_indicator_and_rate(db):
    import_asc_file(ASC)

    rate = FacilityRate.objects.get(setting="asc", hcpcs="27323")
    assert (rate.indicator, rate.payment_rate) == ("A2", Decimal("742.04"))


def test_opps_and_asc_imports_replace_only_their_own_rates(db):
    import_opps_file(OPPS)
    import_asc_file(ASC)

    import_opps_file(OPPS)

    assert FacilityRate.objects.filter(setting="opps").count() == 3
    assert FacilityRate.objects.filter(setting="asc").count() == 1


def test_a_bad_rate_names_file_line_and_field_and_changes_nothing(db, tmp_path):
    import_opps_file(OPPS)
    bad = write_copy(OPPS, tmp_path / "bad.csv", ('"$2,967.63"', "two thousand"))

    with pytest.raises(
        ImportFileError, match=r"bad\.csv, line 6, field Payment Rate: 'two thousand'"
    ):
        import_opps_file(bad)

    assert FacilityRate.objects.get(hcpcs="27324").payment_rate == Decimal("2967.63")


def test_asc_file_without_a_payment_indicator_column_is_refused(db, tmp_path):
    bad = write_copy(ASC, tmp_path / "bad.csv", ("April 2026 Payment Indicator", "Indicator"))

    with pytest.raises(ImportFileError, match="no column named 'PAYMENT INDICATOR'"):
        import_asc_file(bad)


def test_commands_import_both_addenda(db, capsys):
    call_command("import_opps", str(OPPS), "--no-progress")
    call_command("import_asc", str(ASC), "--no-progress")

    assert FacilityRate.objects.count() == 4
