"""import_cpt: a licensed CPT CSV. The test files hold synthetic descriptors, not AMA text."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lookup.importers.cpt_ranges import CPT_RANGES
from lookup.models import Code, CodeSystem
from tests.conftest import catalogue_snapshot, make_code, make_section

DATA = Path(__file__).parent / "data"
FIRST = DATA / "cpt_2026_synthetic.csv"
NEXT = DATA / "cpt_2027_synthetic.csv"
BAD = DATA / "cpt_2026_bad_code.csv"


def run_import(path: Path, *arguments: str) -> str:
    out = StringIO()
    call_command("import_cpt", str(path), *arguments, stdout=out, stderr=StringIO())
    return out.getvalue()


def cpt_code(code: str) -> Code:
    return Code.objects.get(system__slug="cpt", code=code)


def test_import_adds_codes_under_the_ranges_we_name(db):
    summary = run_import(FIRST)

    assert cpt_code("27323").long_descriptor.startswith("Synthetic long descriptor for 27323")
    assert cpt_code("27323").parent.code == "27301-27599"
    assert cpt_code("27301-27599").parent.code == "20100-29999"
    assert cpt_code("20100-29999").parent.code == "10004-69990"
    assert cpt_code("99213").parent.code == "99202-99215"
    assert cpt_code("99213").parent.parent.code == "99202-99499"
    assert cpt_code("99202-99215").short_descriptor == "Office and outpatient visits"
    assert CodeSystem.objects.get(slug="cpt").edition == "2026"
    # 4 codes, 9 sections, the named ranges, and one hundred under Category III
    assert f"{4 + len(CPT_RANGES) + 1} added, 0 updated, 0 deleted" in summary


def test_a_category_iii_code_goes_in_the_range_of_its_hundred(db):
    run_import(FIRST)

    assert cpt_code("0042T").parent.code == "0000T-0099T"
    assert cpt_code("0000T-0099T").parent.code == "0042T-1999T"


def test_codes_go_under_the_catalogues_own_ranges_when_it_has_them(cpt):
    make_code("27301-27599", cpt, level="range", short_descriptor="Femur and knee")

    run_import(FIRST)

    assert cpt_code("27323").parent.code == "27301-27599"


def test_second_run_of_the_same_file_changes_nothing(db):
    run_import(FIRST)
    before = catalogue_snapshot()

    assert "0 added, 0 updated, 0 deleted" in run_import(FIRST)
    assert catalogue_snapshot() == before


def test_newer_edition_updates_adds_and_marks_vanished_codes_deleted(db):
    run_import(FIRST)

    summary = run_import(NEXT)

    assert "reworded" in cpt_code("27323").long_descriptor
    assert cpt_code("27325").status == Code.Status.ACTIVE
    assert cpt_code("99213").is_deleted and cpt_code("99213").end_date == date(2026, 12, 31)
    assert "1 added, 1 updated" in summary


def test_bad_file_changes_nothing_and_names_file_line_and_field(db):
    run_import(FIRST)
    before = catalogue_snapshot()

    with pytest.raises(CommandError, match=r"cpt_2026_bad_code.csv, line 3, field code"):
        run_import(BAD)

    assert catalogue_snapshot() == before


def test_missing_column_is_named(db, tmp_path):
    wrong = tmp_path / "cpt_2026.csv"
    wrong.write_text("code,descriptor\n27323,Something\n")

    with pytest.raises(
        CommandError, match=r"line 1, field header: no column named .short_descriptor."
    ):
        run_import(wrong)


def test_editors_text_survives_a_reimport(cpt):
    code = make_code("27323", cpt, description="Our words.")
    make_section(code, "faq", body="Editors' FAQ")

    run_import(FIRST)

    code.refresh_from_db()
    assert code.description == "Our words."
    assert code.sections.get(kind="faq").body == "Editors' FAQ"
    assert code.long_descriptor.startswith("Synthetic")


def test_import_over_the_demo_data_keeps_one_surgery_section(db):
    from lookup.demo_data import DEMO_DATA_DIR, load_demo_catalogue

    load_demo_catalogue(DEMO_DATA_DIR)

    run_import(FIRST)

    assert Code.objects.filter(system__slug="cpt", short_descriptor="Surgery").count() <= 1
    assert cpt_code("27323").parent.code == "27301-27599"
    assert cpt_code("99213").parent.parent.code == "99202-99499"
