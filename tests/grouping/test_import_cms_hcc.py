"""import_cms_hcc: CMS-HCC V28 and V24 mappings (excerpt of tests/grouping/data/cms-hcc)."""

import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from grouping.importers.cms_hcc import import_cms_hcc
from grouping.models import Edition, HccCategory, HccDiagnosis, HccMapping
from tests.conftest import CMS_HCC_DATA


def rows_of(code: str, model: str) -> list[dict]:
    return [row for row in HccDiagnosis.objects.get(code=code).mappings if row["model"] == model]


def categories_of(code: str, model: str) -> list[int]:
    return sorted({row["hcc"] for row in rows_of(code, model)})


def snapshot() -> tuple[list, ...]:
    return tuple(
        list(model.objects.order_by("pk").values_list())
        for model in [HccCategory, HccDiagnosis, HccMapping]
    )


def test_codes_map_to_their_categories_in_both_models(icd_catalogue):
    import_cms_hcc(CMS_HCC_DATA)

    assert (categories_of("E11.9", "V28"), categories_of("E11.9", "V24")) == ([38], [19])
    assert categories_of("E08.311", "V28") == [37, 298]
    assert not HccDiagnosis.objects.filter(code="E11.A").exists()


def test_conditions_and_labels_are_kept(icd_catalogue):
    import_cms_hcc(CMS_HCC_DATA)

    breast = [(row["hcc"], row["condition"]) for row in rows_of("C50.011", "V28")]
    assert breast == [(22, "age < 50"), (23, "age >= 50")]
    assert HccCategory.objects.get(model="V28", number=38).label == (
        "Diabetes with Glycemic, Unspecified, or No Complications"
    )
    assert HccMapping.objects.filter(category__model="V28", category__number=22).count() == 1


def test_rows_link_to_catalogue_codes_and_the_payment_year_is_named(icd_catalogue):
    import_cms_hcc(CMS_HCC_DATA)

    assert HccDiagnosis.objects.get(code="E11.9").catalogue_code == icd_catalogue["E11.9"]
    assert Edition.objects.get(system__slug="icd-10-cm").hcc_payment_year == 2026


def test_a_second_run_writes_nothing(icd_catalogue):
    import_cms_hcc(CMS_HCC_DATA)
    before = snapshot()

    out = StringIO()
    call_command("import_cms_hcc", str(CMS_HCC_DATA), stdout=out, stderr=StringIO())

    assert "mapping rows: 0 added, 0 updated, 0 deleted" in out.getvalue()
    assert snapshot() == before


def test_a_code_the_file_no_longer_maps_loses_its_mappings(icd_catalogue, tmp_path):
    import_cms_hcc(CMS_HCC_DATA)
    folder = tmp_path / "hcc"
    shutil.copytree(CMS_HCC_DATA, folder)
    mappings = folder / "hcc_2026.tsv"
    mappings.write_text("".join(
        line for line in mappings.read_text().splitlines(keepends=True)
        if not line.startswith("E11.9\t")
    ))  # fmt: skip

    import_cms_hcc(folder)

    assert not HccDiagnosis.objects.filter(code="E11.9").exists()
    assert not HccMapping.objects.filter(diagnosis__code="E11.9").exists()


@pytest.mark.parametrize(
    ("file", "line", "field", "message"),
    [
        ("hcc_2026.tsv", "E11.9\tV22\t19\t\n", "model", "not a model we know"),
        ("hcc_2026.tsv", "E11.9\tV28\t999\t\n", "hcc", "V28 HCC 999 has no label"),
        ("hcc_2026.tsv", "E11.9\tV28\tx\t\n", "hcc", "'x' is not a category number"),
        ("hcc_labels_2026.tsv", "V28\t38\tAgain\n", "hcc", "labelled twice"),
    ],
)
def test_bad_row_names_file_line_and_field_and_changes_nothing(
    icd_catalogue, tmp_path, file, line, field, message
):
    folder = tmp_path / "hcc"
    shutil.copytree(CMS_HCC_DATA, folder)
    path = folder / file
    lines = path.read_text().count("\n")
    path.write_text(path.read_text() + line)

    with pytest.raises(CommandError) as raised:
        call_command("import_cms_hcc", str(folder), stdout=StringIO(), stderr=StringIO())

    assert f"{file}, line {lines + 1:,}, field {field}:" in str(raised.value)
    assert message in str(raised.value)
    assert snapshot() == ([], [], [])
