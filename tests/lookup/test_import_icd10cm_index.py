"""import_icd10cm_index: the Alphabetic Index, the Neoplasm Table and the External Cause Index."""

import lzma
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lookup.importers.icd10cm_index import BUNDLED_FILES, import_icd10cm_index
from lookup.models import IndexTerm

from .conftest import DATA, INDEX_FILES, make_icd_catalogue


def paths_to(code: str) -> list[tuple[str, str]]:
    return list(
        IndexTerm.objects.filter(code__code=code)
        .order_by("position")
        .values_list("path", "reference")
    )


def test_every_term_with_a_code_becomes_a_searchable_path(db):
    make_icd_catalogue()
    import_icd10cm_index(**INDEX_FILES)
    assert ("Calculus \u203a kidney", "") in paths_to("N20.0")
    assert ("Stone \u203a kidney", "") in paths_to("N20.0")
    term = IndexTerm.objects.get(path="Calculus \u203a kidney")
    assert term.index_code == "N20.0"
    assert term.terms == "calculus / calculi / calculous | kidney"
    assert term.modifiers == "impacted recurrent"  # non-essential: matched, not required
    assert term.source == IndexTerm.Source.MAIN


def test_see_references_lead_to_the_target_terms_code(db):
    make_icd_catalogue()
    import_icd10cm_index(**INDEX_FILES)
    assert ("Shingles", "see Herpes, zoster") in paths_to("B02.9")
    assert ("Zoster", "see Herpes, zoster") in paths_to("B02.9")
    assert ("Abscess \u203a arm", "see Abscess, upper limb") in paths_to("L02.41")
    # "see also" adds the other term's code after the term's own.
    assert ("Stone", "see also Calculus") in paths_to("N20.9")


def test_neoplasm_table_columns_and_external_causes_become_paths(db):
    make_icd_catalogue()
    import_icd10cm_index(**INDEX_FILES)
    assert ("Neoplasm \u203a liver \u203a malignant, secondary", "") in paths_to("C78.7")
    assert (
        "Neoplasm \u203a hepatic \u203a malignant, secondary",
        "see Neoplasm, liver",
    ) in paths_to("C78.7")
    assert ("Neoplasm \u203a liver \u203a malignant, primary", "") in paths_to("C22.9")
    external = IndexTerm.objects.get(path="Bite \u203a dog")
    assert (external.source, external.code.code) == (IndexTerm.Source.EXTERNAL, "W54.0")


def test_codes_are_checked_against_the_tabular_list(db):
    make_icd_catalogue()
    summary = import_icd10cm_index(**INDEX_FILES)
    # G35 is complete in the FY2025 index and a header in FY2026: linked, counted as split.
    assert IndexTerm.objects.get(path="Sclerosis \u203a multiple").code.code == "G35"
    assert "1 complete index codes now headers" in str(summary)
    # Terms whose code the catalogue lacks (T14.8; C80.1, C79.9 and four liver columns, twice
    # with the "see Neoplasm, liver" reference) are skipped and counted, never linked.
    assert not IndexTerm.objects.filter(index_code="T14.8").exists()
    assert summary.skipped == 11


def test_a_second_run_writes_nothing(db):
    make_icd_catalogue()
    first = import_icd10cm_index(**INDEX_FILES)
    ids = list(IndexTerm.objects.values_list("pk", flat=True))
    second = import_icd10cm_index(**INDEX_FILES)
    assert first.added == len(ids) > 20
    assert (second.added, second.deleted) == (0, 0)
    assert list(IndexTerm.objects.values_list("pk", flat=True)) == ids


def test_a_bad_file_names_file_line_and_field_and_changes_nothing(db):
    make_icd_catalogue()
    import_icd10cm_index(**INDEX_FILES)
    before = list(IndexTerm.objects.values_list("pk", "path"))
    bad = DATA / "icd10cm_index_bad_level.csv"
    with pytest.raises(CommandError) as error:
        call_command("import_icd10cm_index", str(bad), stdout=StringIO(), stderr=StringIO())
    assert "Nothing was imported." in str(error.value)
    assert "icd10cm_index_bad_level.csv, line 10, field Level: 'x' is not a number" in str(
        error.value
    )
    assert list(IndexTerm.objects.values_list("pk", "path")) == before


def test_the_index_needs_the_tabular_list_first(db):
    with pytest.raises(CommandError, match="import the tabular list first"):
        call_command("import_icd10cm_index", stdout=StringIO(), stderr=StringIO())


def test_compressed_files_are_read_and_the_bundled_ones_ship(db, tmp_path):
    make_icd_catalogue()
    packed = tmp_path / "index.csv.xz"
    packed.write_bytes(lzma.compress(INDEX_FILES["main_path"].read_bytes()))
    out = StringIO()
    call_command(
        "import_icd10cm_index",
        str(packed),
        "--neoplasm", str(INDEX_FILES["neoplasm_path"]),
        "--external", str(INDEX_FILES["external_path"]),
        stdout=out,
        stderr=StringIO(),
    )  # fmt: skip
    assert "index terms" in out.getvalue()
    assert ("Calculus \u203a kidney", "") in paths_to("N20.0")
    assert all(path.exists() and path.suffix == ".xz" for path in BUNDLED_FILES.values())
