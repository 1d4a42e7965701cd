"""import_icd10cm: the CDC tabular XML (a few records, tests/lookup/data), hierarchy and notes."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lookup.models import Code, CodeSystem, Section
from tests.conftest import catalogue_snapshot, make_section

DATA = Path(__file__).parent / "data"
FIRST = DATA / "icd10cm_tabular_2026_excerpt.xml"
NEXT = DATA / "icd10cm_tabular_2027_excerpt.xml"
BAD = DATA / "icd10cm_tabular_missing_desc.xml"


def run_import(path: Path) -> str:
    out = StringIO()
    call_command("import_icd10cm", str(path), stdout=out, stderr=StringIO())
    return out.getvalue()


def icd(code: str) -> Code:
    return Code.objects.get(system__slug="icd-10-cm", code=code)


def test_import_builds_chapters_blocks_categories_and_codes(db):
    summary = run_import(FIRST)

    chain = []
    node = icd("S72.001A")
    while node is not None:
        chain.append((node.code, node.level))
        node = node.parent
    assert chain == [
        ("S72.001A", "code"),
        ("S72.001", "code"),
        ("S72.00", "code"),
        ("S72.0", "code"),
        ("S72", "code"),
        ("S70-S79", "block"),
        ("19", "chapter"),
    ]
    assert CodeSystem.objects.get(slug="icd-10-cm").edition == "FY2026"
    assert summary.startswith("ICD-10-CM FY2026: 21 added, 0 updated, 0 deleted")


def test_seventh_character_codes_are_spelled_out_and_billable(db):
    run_import(FIRST)

    assert icd("S72.001D").long_descriptor == (
        "Fracture of unspecified part of neck of right femur, "
        "subsequent encounter for closed fracture with routine healing"
    )
    assert icd("T07.XXXA").parent.code == "T07"
    assert icd("S72.001A").billable and icd("A00.0").billable
    assert not icd("S72.001").billable and not icd("A00").billable


def test_instructional_notes_become_ungated_import_sections(db):
    run_import(FIRST)

    sections = {section.kind: section for section in icd("S72").sections.all()}
    assert set(sections) == {"excludes1", "excludes2", "seventh-character"}
    assert "traumatic amputation of hip and thigh (S78.-)" in sections["excludes1"].body_html
    assert "<strong>D</strong>" in sections["seventh-character"].body_html
    assert all(not s.gated and s.source == Section.Source.IMPORT for s in sections.values())
    inclusion = icd("S72.00").sections.get(kind="inclusion-terms")
    assert "Fracture of hip NOS" in inclusion.body_html


def test_code_page_shows_notes_under_their_anchors(client, db):
    run_import(FIRST)

    html = client.get("/codes/icd-10-cm/S72/").content.decode()

    assert 'id="excludes2"' in html and "fracture of lower leg and ankle" in html


def test_inclusion_terms_are_searchable(client, db):
    run_import(FIRST)

    html = client.get("/search/", {"q": "classical cholera"}).content.decode()

    assert "/codes/icd-10-cm/A00.0/" in html


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

    assert icd("S72").long_descriptor == "Fracture of the femur"
    assert icd("A00.9").status == Code.Status.ACTIVE
    vanished = icd("A00.1")
    assert vanished.is_deleted and vanished.end_date == date(2026, 9, 30)
    assert "femoral neck" in icd("S72.00").search_terms
    assert "femoral neck" in icd("S72.00").sections.get(kind="inclusion-terms").body
    assert Code.objects.count() == count_before + 1
    # S72 reworded; S72.00's new inclusion term also reaches the 8 codes under it.
    assert "1 added, 10 updated, 1 deleted" in summary
    assert CodeSystem.objects.get(slug="icd-10-cm").edition == "FY2027"


def test_bad_file_changes_nothing_and_names_file_line_and_field(db):
    run_import(FIRST)
    before = catalogue_snapshot()

    with pytest.raises(CommandError) as error:
        run_import(BAD)

    assert "icd10cm_tabular_missing_desc.xml, line 70, field desc" in str(error.value)
    assert catalogue_snapshot() == before


def test_malformed_xml_names_the_line(db, tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text("<ICD10CM.tabular>\n<version>2026</version>\n<chapter>\n</ICD10CM.tabular>")

    with pytest.raises(CommandError, match=r"broken.xml, line 4: not well-formed XML"):
        run_import(broken)

    assert not Code.objects.exists()


def test_editors_text_and_sections_survive_a_reimport(db):
    run_import(FIRST)
    code = icd("S72")
    code.description = "Our own words about femur fractures."
    code.save()
    make_section(code, "guidelines", body="Editors' guidance", gated=True)
    editors_excludes = make_section(icd("A00"), "excludes1", body="Editors' own excludes")

    run_import(NEXT)

    code.refresh_from_db()
    assert code.description == "Our own words about femur fractures."
    assert code.sections.get(kind="guidelines").body == "Editors' guidance"
    editors_excludes.refresh_from_db()
    assert editors_excludes.body == "Editors' own excludes"


def test_default_source_is_the_simple_icd_10_cm_package(db):
    from lookup.management.commands.import_icd10cm import bundled_files

    tabular, code_list = bundled_files()

    assert tabular.name.startswith("icd10c") and tabular.suffix == ".xml"
    assert code_list is not None and code_list.exists()


def test_cached_code_pages_show_the_new_edition_after_an_import(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run_import(FIRST)
    assert "Fracture of femur" in client.get("/codes/icd-10-cm/S72/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        run_import(NEXT)

    assert "Fracture of the femur" in client.get("/codes/icd-10-cm/S72/").content.decode()


def test_codes_are_found_by_the_inclusion_terms_of_the_category_above_them(client, db):
    run_import(FIRST)

    html = client.get("/search/", {"q": "hip fracture closed"}).content.decode()

    assert "/codes/icd-10-cm/S72.001A/" in html and "/codes/icd-10-cm/S72.002A/" in html
