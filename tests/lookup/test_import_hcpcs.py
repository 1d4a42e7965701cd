"""import_hcpcs: the CMS HCPCS Level II fixed-width file (a few real records, tests/lookup/data)."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lookup.models import Code, CodeSystem, Modifier
from tests.conftest import catalogue_snapshot, make_section

DATA = Path(__file__).parent / "data"
FIRST = DATA / "HCPC2026_JAN_excerpt.txt"
NEXT = DATA / "HCPC2027_JAN_excerpt.txt"
BAD = DATA / "HCPC2026_JAN_bad_date.txt"


def run_import(path: Path) -> str:
    out = StringIO()
    call_command("import_hcpcs", str(path), stdout=out, stderr=StringIO())
    return out.getvalue()


def hcpcs(code: str) -> Code:
    return Code.objects.get(system__slug="hcpcs", code=code)


def test_import_adds_codes_with_joined_long_descriptors_and_dates(db):
    summary = run_import(FIRST)

    transport = hcpcs("A0080")
    assert transport.long_descriptor == (
        "Non-emergency transportation, per mile - vehicle provided by volunteer "
        "(individual or organization), with no vested interest"
    )
    assert hcpcs("G0008").short_descriptor == "Admin influenza virus vac"
    assert transport.effective_date is not None
    assert "15 added, 0 updated, 0 deleted" in summary  # 6 codes, 4 sections, 5 hundreds
    assert CodeSystem.objects.get(slug="hcpcs").edition == "January 2026"


def test_codes_sit_under_their_hundred_under_their_letter_section(db):
    run_import(FIRST)

    assert hcpcs("J0120").parent.code == "J0100-J0199"
    assert hcpcs("J0100-J0199").parent.code == "J0000-J9999"
    assert hcpcs("J0000-J9999").level == Code.Level.SECTION


def test_terminated_code_is_imported_as_deleted_with_its_end_date(db):
    run_import(FIRST)

    irrigation = hcpcs("A4397")
    assert irrigation.is_deleted
    assert irrigation.end_date == date(2021, 12, 31)


def test_modifiers_become_their_own_list(db):
    run_import(FIRST)

    audiology = Modifier.objects.get(system__slug="hcpcs", code="AB")
    assert audiology.long_descriptor.endswith("every 12 months, per beneficiary")
    assert Modifier.objects.count() == 2
    assert not Code.objects.filter(code__in=["A1", "AB"]).exists()


def test_dental_codes_are_skipped_and_counted(db):
    summary = run_import(FIRST)

    assert not Code.objects.filter(code__startswith="D").exists()
    assert "1 skipped (dental D codes, ADA licensed)" in summary


def test_second_run_of_the_same_file_changes_nothing(db):
    run_import(FIRST)
    before = catalogue_snapshot()

    summary = run_import(FIRST)

    assert catalogue_snapshot() == before
    assert "0 added, 0 updated, 0 deleted" in summary


def test_newer_edition_updates_adds_and_marks_vanished_codes_deleted(db):
    run_import(FIRST)
    count_before = Code.objects.count()

    summary = run_import(NEXT)

    assert hcpcs("G0008").long_descriptor.endswith("any route")
    assert hcpcs("G0999").status == Code.Status.ACTIVE
    vanished = hcpcs("J0120")
    assert vanished.is_deleted and vanished.end_date == date(2026, 12, 31)
    assert Code.objects.count() == count_before + 2  # G0999 and its hundred
    assert "2 added, 1 updated, 1 deleted" in summary


def test_bad_file_changes_nothing_and_names_file_line_and_field(db):
    run_import(FIRST)
    before = catalogue_snapshot()

    with pytest.raises(CommandError) as error:
        run_import(BAD)

    assert "HCPC2026_JAN_bad_date.txt, line 8, field termination date" in str(error.value)
    assert catalogue_snapshot() == before


def test_editors_text_survives_a_reimport(db):
    run_import(FIRST)
    code = hcpcs("G0008")
    code.description = "Our own words about flu shots."
    code.save()
    make_section(code, "faq", body="Editors' FAQ", gated=True)

    run_import(NEXT)

    code.refresh_from_db()
    assert code.description == "Our own words about flu shots."
    assert code.sections.get(kind="faq").body == "Editors' FAQ"


def test_import_reuses_the_catalogues_own_letter_sections(db):
    from lookup.demo_data import DEMO_DATA_DIR, load_demo_catalogue

    load_demo_catalogue(DEMO_DATA_DIR)

    run_import(FIRST)

    assert hcpcs("A0000-A0099").parent.code == "A0021-A9999"
    assert not Code.objects.filter(system__slug="hcpcs", code="A0000-A9999").exists()


def copy_with(source: Path, target: Path, old: bytes, new: bytes) -> Path:
    """A byte-for-byte copy of an HCPCS file with one same-length piece replaced."""
    content = source.read_bytes()
    assert content.count(old) == 1 and len(old) == len(new)
    target.write_bytes(content.replace(old, new))
    return target


def test_a_malformed_date_names_line_and_field_and_changes_nothing(db, tmp_path):
    run_import(FIRST)
    before = catalogue_snapshot()
    seven_digits = copy_with(
        FIRST, tmp_path / "HCPC2026_JAN_short_date.txt", b"20211231N", b"2021123 N"
    )

    with pytest.raises(CommandError) as error:
        run_import(seven_digits)

    assert "HCPC2026_JAN_short_date.txt, line 12, field termination date" in str(error.value)
    assert "'2021123'" in str(error.value)
    assert catalogue_snapshot() == before


def test_a_windows_ellipsis_byte_in_a_descriptor_does_not_split_the_record(db, tmp_path):
    # Byte 0x85 is "…" in Windows-1252 and NEL in Latin-1, where str.splitlines() breaks.
    with_ellipsis = copy_with(
        FIRST,
        tmp_path / "HCPC2026_JAN_ellipsis.txt",
        b"transportation, per",
        b"transportation\x85 per",
    )

    summary = run_import(with_ellipsis)

    assert hcpcs("A0080").long_descriptor.startswith("Non-emergency transportation… per mile")
    assert "15 added" in summary
