"""import_icd10cm_history: validity dates, deleted code pages and title changes, from the
excerpt of tests/lookup/data/icd10cm-history (real rows of the CMS code editor files)."""

import lzma
import shutil
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lookup.importers.icd10cm import import_icd10cm_file
from lookup.importers.icd10cm_history import NO_TITLE, import_icd10cm_history
from lookup.models import Code, CodeHistory, CodeSystem
from tests.conftest import HISTORY_DATA, catalogue_snapshot, make_code
from tests.lookup.test_import_icd10cm import FIRST


def history(code: str) -> CodeHistory:
    return CodeHistory.objects.get(code=code)


def icd(code: str) -> Code:
    return Code.objects.get(system__slug="icd-10-cm", code=code)


def copy_of_excerpt(tmp_path):
    folder = tmp_path / "history"
    shutil.copytree(HISTORY_DATA, folder)
    return folder


def test_validity_dates_and_fiscal_years_are_recorded(icd_history):
    assert (history("U07.1").valid_from, history("U07.1").fiscal_year_added) == (
        date(2020, 4, 1),
        2020,
    )
    assert history("E11.A").fiscal_year_added == 2026
    assert history("E11.9").fiscal_year_added is None  # in the first edition, FY2016
    assert (history("M35.8").valid_to, history("M35.8").fiscal_year_deleted) == (
        date(2020, 12, 31),
        2021,
    )


def test_history_rows_link_to_the_catalogue_codes(icd_history):
    assert history("E11.9").catalogue_code == icd_history["E11.9"]
    assert history("I42.00").catalogue_code is None  # added in FY2027: no title loaded


def test_code_deleted_in_an_earlier_year_gets_a_page_with_its_last_title_and_end_date(
    icd_history,
):
    deleted = icd("D13.9")

    assert deleted.is_deleted
    assert deleted.end_date == date(2023, 9, 30)
    assert deleted.long_descriptor == (
        "Benign neoplasm of ill-defined sites within the digestive system"
    )
    assert deleted.parent == icd_history["D13"]
    assert history("D13.9").last_title_edition == 2021


def test_code_deleted_before_any_edition_we_hold_says_its_title_is_not_held(icd_history):
    deleted = icd("H40.11X0")

    assert deleted.long_descriptor == NO_TITLE
    assert deleted.end_date == date(2016, 9, 30)
    assert deleted.parent == icd_history["H40.11"]


def test_code_a_later_update_dropped_is_marked_deleted_on_its_last_valid_day(icd_history):
    dropped = icd("I42.0")

    assert dropped.is_deleted
    assert dropped.end_date == date(2026, 9, 30)
    assert dropped.long_descriptor == "Dilated cardiomyopathy"  # the title stays


def test_code_that_became_a_header_stays_in_the_catalogue_unchanged(icd_history):
    header = icd("M35.8")

    assert not header.is_deleted
    assert header.end_date is None


def test_title_changes_between_editions_are_recorded_with_their_editions(icd_history):
    changes = history("Q75.001").title_changes

    assert changes == [
        {
            "edition": 2026,
            "previous_edition": 2025,
            "before": "Craniosynostosis unspecified, unilateral",
            "after": "Craniosynostosis, unspecified type, unilateral",
        }
    ]
    assert history("Q75.001").title_revised_in == 2026
    assert history("E11.9").title_changes == []


def test_system_records_the_update_and_editions_the_history_reaches(icd_history):
    system = CodeSystem.objects.get(slug="icd-10-cm")

    assert system.history_edition == "FY2027"
    assert system.history_title_editions == "FY2021, FY2024, FY2025"


def test_a_second_run_of_the_same_files_writes_nothing(icd_history):
    before = catalogue_snapshot(), list(CodeHistory.objects.order_by("code").values_list())

    out = StringIO()
    call_command("import_icd10cm_history", str(HISTORY_DATA), stdout=out, stderr=StringIO())

    assert "0 added, 0 updated, 0 deleted" in out.getvalue()
    assert (catalogue_snapshot(), list(CodeHistory.objects.order_by("code").values_list())) == (
        before
    )


def test_editors_description_of_a_code_is_never_touched(icd_catalogue):
    code = icd_catalogue["I42.0"]
    code.description = "Written by an editor."
    code.save()

    import_icd10cm_history(HISTORY_DATA)

    assert icd("I42.0").description == "Written by an editor."


def test_reimporting_the_tabular_list_keeps_a_code_a_later_update_deleted(icd):
    import_icd10cm_file(FIRST)
    code = Code.objects.get(system=icd, code="A00.1")
    Code.objects.filter(pk=code.pk).update(status=Code.Status.DELETED, end_date=date(2026, 9, 30))

    import_icd10cm_file(FIRST)

    code.refresh_from_db()
    assert (code.status, code.end_date) == (Code.Status.DELETED, date(2026, 9, 30))


def test_reimporting_the_tabular_list_restores_a_code_deleted_before_its_edition(icd):
    import_icd10cm_file(FIRST)
    code = Code.objects.get(system=icd, code="A00.1")
    Code.objects.filter(pk=code.pk).update(status=Code.Status.DELETED, end_date=date(2024, 9, 30))

    import_icd10cm_file(FIRST)

    code.refresh_from_db()
    assert code.status == Code.Status.ACTIVE


def test_compressed_files_are_read_as_the_plain_ones(icd_catalogue, tmp_path):
    folder = copy_of_excerpt(tmp_path)
    for path in list(folder.iterdir()):
        path.with_name(path.name + ".xz").write_bytes(lzma.compress(path.read_bytes()))
        path.unlink()

    import_icd10cm_history(folder)

    assert history("U07.1").valid_from == date(2020, 4, 1)


@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        ("Z99.1\t2020-04-31\t\tFY2020\t", "valid_from", "'2020-04-31' is not a date"),
        ("Z99.1\t2020-04-01\t\tFY2021\t", "fy_added", "does not match the date (FY2020)"),
        ("Z991\t2020-04-01\t\tFY2020\t", "code", "'Z991' is not a dotted ICD-10-CM code"),
        ("Z99.1\t2020-04-01\t2019-01-01\tFY2020\tFY2019", "valid_to", "is before valid_from"),
        ("U07.1\t2020-04-01\t\tFY2020\t", "code", "U07.1 repeats line 24"),
    ],
)
def test_bad_row_names_file_line_and_field_and_changes_nothing(
    icd_catalogue, tmp_path, line, field, message
):
    folder = copy_of_excerpt(tmp_path)
    validity = folder / "icd10cm_validity.tsv"
    validity.write_text(validity.read_text() + line + "\n")
    before = catalogue_snapshot()

    with pytest.raises(CommandError) as raised:
        call_command("import_icd10cm_history", str(folder), stdout=StringIO(), stderr=StringIO())

    text = str(raised.value)
    assert "icd10cm_validity.tsv, line 25, field " + field in text
    assert message in text
    assert "Nothing was imported." in text
    assert catalogue_snapshot() == before
    assert not CodeHistory.objects.exists()


def test_a_folder_without_the_validity_file_is_named(icd_catalogue, tmp_path):
    with pytest.raises(CommandError, match="needs exactly one file named icd10cm_validity"):
        call_command("import_icd10cm_history", str(tmp_path), stdout=StringIO())


def test_import_needs_the_icd10cm_catalogue_first(db):
    make_code("27323")  # a CPT catalogue only

    with pytest.raises(CommandError, match="import its tabular list first"):
        call_command("import_icd10cm_history", str(HISTORY_DATA), stdout=StringIO())
