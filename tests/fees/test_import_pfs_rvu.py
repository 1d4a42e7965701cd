from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fees.importers.pfs_rvu import import_pfs_rvu_file
from fees.models import Edition, PhysicianFee
from importing.errors import ImportFileError
from tests.conftest import Terminal
from tests.fees.conftest import PPRRVU, write_copy


def test_import_reads_27323_as_cms_publishes_it(db):
    import_pfs_rvu_file(PPRRVU)

    fee = PhysicianFee.objects.get(hcpcs="27323", modifier="")
    assert fee.status == "A"
    assert (fee.work_rvu, fee.nonfacility_pe_rvu, fee.mp_rvu) == (
        Decimal("2.27"),
        Decimal("5.66"),
        Decimal("0.30"),
    )
    assert fee.facility_pe_rvu == Decimal("2.15")
    assert (fee.nonfacility_total_rvu, fee.facility_total_rvu) == (Decimal("8.23"), Decimal("4.72"))
    assert fee.global_days == "010"
    assert fee.bilateral_surgery == "1"
    assert fee.conversion_factor == Decimal("33.4009")


def test_import_reads_the_not_applicable_indicator(db):
    import_pfs_rvu_file(PPRRVU)

    fee = PhysicianFee.objects.get(hcpcs="27324", modifier="")
    assert fee.nonfacility_not_applicable is True
    assert fee.facility_not_applicable is False
    assert fee.global_days == "090"


def test_import_keeps_modifier_rows_and_codes_missing_from_the_catalogue(db):
    import_pfs_rvu_file(PPRRVU)

    assert set(PhysicianFee.objects.filter(hcpcs="71046").values_list("modifier", flat=True)) == {
        "",
        "26",
        "TC",
    }
    assert PhysicianFee.objects.count() == 13


def test_import_records_the_edition(db):
    import_pfs_rvu_file(PPRRVU)

    edition = Edition.objects.get(kind=Edition.Kind.PHYSICIAN_FEE_SCHEDULE)
    assert "2026" in edition.title and "July" in edition.title
    assert edition.row_count == 13
    assert edition.source_file == "PPRRVU-excerpt.csv"


def test_importing_the_same_file_twice_changes_nothing(db):
    import_pfs_rvu_file(PPRRVU)
    before = list(PhysicianFee.objects.values_list("hcpcs", "modifier", "nonfacility_total_rvu"))

    import_pfs_rvu_file(PPRRVU)

    after = list(PhysicianFee.objects.values_list("hcpcs", "modifier", "nonfacility_total_rvu"))
    assert after == before
    assert Edition.objects.count() == 1


def test_a_bad_number_names_file_line_and_field_and_changes_nothing(db, tmp_path):
    import_pfs_rvu_file(PPRRVU)
    bad = write_copy(PPRRVU, tmp_path / "bad.csv", ("27324,,,A,,4.91", "27324,,,A,,4.9x"))

    with pytest.raises(
        ImportFileError, match=r"bad\.csv, line 17, field WORK RVU: '4\.9x' is not a number"
    ):
        import_pfs_rvu_file(bad)

    assert PhysicianFee.objects.get(hcpcs="27324", modifier="").work_rvu == Decimal("4.91")
    assert Edition.objects.get().source_file == "PPRRVU-excerpt.csv"


def test_a_repeated_code_is_refused(db, tmp_path):
    bad = write_copy(PPRRVU, tmp_path / "twice.csv", ("27324,,,A", "27323,,,A"))

    with pytest.raises(
        ImportFileError, match=r"twice\.csv, line 17, field HCPCS: 27323 repeats line 16"
    ):
        import_pfs_rvu_file(bad)

    assert not PhysicianFee.objects.exists()


def test_a_file_without_the_expected_columns_is_refused(db, tmp_path):
    bad = write_copy(PPRRVU, tmp_path / "renamed.csv", ("GLOB", "GLOBAL"))

    with pytest.raises(
        ImportFileError, match=r"renamed\.csv, line 10, field header: no column named 'GLOB DAYS'"
    ):
        import_pfs_rvu_file(bad)


def test_command_prints_a_one_line_summary(db):
    out = StringIO()

    call_command("import_pfs_rvu", str(PPRRVU), "--no-progress", stdout=out)

    summary = out.getvalue().strip()
    assert summary.startswith("Imported 13 rows of Physician Fee Schedule")
    assert "\n" not in summary


def test_command_draws_a_progress_bar_on_a_terminal(db):
    terminal = Terminal()

    call_command("import_pfs_rvu", str(PPRRVU), stdout=StringIO(), stderr=terminal)

    assert "PPRRVU [" in terminal.getvalue()
    assert "100% 13/13" in terminal.getvalue()


def test_command_draws_no_progress_bar_with_no_progress(db):
    terminal = Terminal()

    call_command("import_pfs_rvu", str(PPRRVU), "--no-progress", stdout=StringIO(), stderr=terminal)

    assert terminal.getvalue() == ""


def test_command_turns_a_bad_file_into_a_clear_error(db, tmp_path):
    bad = write_copy(PPRRVU, tmp_path / "bad.csv", ("27323,,,A", "2732,,,A"))

    with pytest.raises(
        CommandError, match=r"bad\.csv, line 16, field HCPCS: '2732' is not a 5-char"
    ):
        call_command("import_pfs_rvu", str(bad), "--no-progress")
    assert not PhysicianFee.objects.exists()


def test_command_reports_a_missing_file(db, tmp_path):
    with pytest.raises(
        CommandError, match=r"missing\.csv: No such file or directory\. Nothing was imported\."
    ):
        call_command("import_pfs_rvu", str(tmp_path / "missing.csv"))


def test_the_description_column_is_never_stored(db, tmp_path):
    with_text = write_copy(PPRRVU, tmp_path / "described.csv", ("27323,,,A", "27323,,AMA-TEXT,A"))

    import_pfs_rvu_file(with_text)

    stored = [str(value) for row in PhysicianFee.objects.values() for value in row.values()]
    assert not any("AMA-TEXT" in value or "influenza" in value for value in stored)


def test_a_number_too_large_for_the_column_is_refused_by_line(db, tmp_path):
    bad = write_copy(PPRRVU, tmp_path / "huge.csv", ("27323,,,A,,2.27", "27323,,,A,,1234567.27"))

    with pytest.raises(
        ImportFileError, match=r"huge\.csv, line 16, field WORK RVU: .* does not fit"
    ):
        import_pfs_rvu_file(bad)


def test_errors_name_the_physical_line_after_a_cell_that_spans_lines(db, tmp_path):
    # A quoted cell holding a line break: the record after it starts one line further down.
    spanning = write_copy(PPRRVU, tmp_path / "spanning.csv", ("27323,,,A", '27323,,"two\nlines",A'))
    text = spanning.read_text(encoding="utf-8").replace("27324,,,A,,4.91", "27324,,,A,,4.9x")
    spanning.write_text(text, encoding="utf-8")

    with pytest.raises(ImportFileError, match=r"spanning\.csv, line 18, field WORK RVU: '4\.9x'"):
        import_pfs_rvu_file(spanning)
