"""import_ms_drg: the CMS CC/MCC tables (excerpt of tests/grouping/data/ms-drg)."""

import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from grouping.importers.ms_drg import import_ms_drg
from grouping.models import ComplicationCode, Edition, ExclusionCollection
from tests.conftest import MS_DRG_DATA


def snapshot() -> tuple[list, list]:
    return (
        list(ComplicationCode.objects.order_by("code").values_list()),
        list(ExclusionCollection.objects.order_by("number").values_list()),
    )


def test_severity_exclusions_and_drg_groups_are_recorded(icd_catalogue):
    import_ms_drg(MS_DRG_DATA)

    nstemi = ComplicationCode.objects.get(code="I21.4")
    assert (nstemi.severity, nstemi.exclusion_collection, nstemi.excluding_principal_count) == (
        "MCC",
        "0781",
        25,
    )
    assert {group["drgs"] for group in nstemi.drg_exclusions} == {"280-282", "283-285"}
    assert ExclusionCollection.objects.get(number="0781").excludes("I21.09")
    assert ComplicationCode.objects.get(code="J12.82").exclusion_collection == ""
    assert not ComplicationCode.objects.filter(code="E11.9").exists()


def test_rows_link_to_catalogue_codes_and_the_edition_is_named(icd_catalogue):
    import_ms_drg(MS_DRG_DATA)

    assert ComplicationCode.objects.get(code="I21.4").catalogue_code == icd_catalogue["I21.4"]
    assert ComplicationCode.objects.get(code="A00.1").catalogue_code is None  # not in catalogue
    edition = Edition.objects.get(system__slug="icd-10-cm")
    assert edition.ms_drg_title == "MS-DRG v43 (FY2026)"


def test_a_second_run_writes_nothing(icd_catalogue):
    import_ms_drg(MS_DRG_DATA)
    before = snapshot()

    out = StringIO()
    call_command("import_ms_drg", str(MS_DRG_DATA), stdout=out, stderr=StringIO())

    assert "CC/MCC codes: 0 added, 0 updated, 0 deleted" in out.getvalue()
    assert snapshot() == before


@pytest.mark.parametrize(
    ("file", "line", "field", "message"),
    [
        ("cc_mcc_v43.tsv", "Z99.1\tXCC\t0002\t\tMade up\n", "severity", "neither CC nor MCC"),
        ("cc_mcc_v43.tsv", "Z99.1\tCC\t9999\t\tMade up\n", "pdx_collection", "no codes"),
        ("cc_mcc_v43.tsv", "Z99.1\tCC\t0002\tN\tMade up\n", "discharged_alive_only", "neither Y"),
        ("pdx_collections_v43.tsv", "781\tI21.09\n", "pdx_collection", "4-digit collection"),
        ("drg_cc_exclusions_v43.tsv", "05\t280-282\tAMI\tE11.9\n", "code", "neither a CC"),
    ],
)
def test_bad_row_names_file_line_and_field_and_changes_nothing(
    icd_catalogue, tmp_path, file, line, field, message
):
    folder = tmp_path / "ms-drg"
    shutil.copytree(MS_DRG_DATA, folder)
    path = folder / file
    lines = path.read_text().count("\n")
    path.write_text(path.read_text() + line)

    with pytest.raises(CommandError) as raised:
        call_command("import_ms_drg", str(folder), stdout=StringIO(), stderr=StringIO())

    assert f"{file}, line {lines + 1:,}, field {field}:" in str(raised.value)
    assert message in str(raised.value)
    assert snapshot() == ([], [])
