"""Import the CMS-HCC diagnosis mappings of one payment year, models V28 and V24, from a
folder holding (compressed or not):

- hcc_<year>.tsv: code, model (V24 or V28), hcc (number), condition (blank, or the age/sex
  edit or code editor age range the row depends on, as CMS's software tests it);
- hcc_labels_<year>.tsv: model, hcc, label (CMS's label of each category).

Hierarchies are not applied: a code's rows are kept as CMS lists them.
"""

import re
import time
from pathlib import Path
from typing import TextIO

from django.db import transaction

from importing.errors import ImportFileError
from importing.progress import Progress
from importing.reading import Row, data_file, data_file_stem, read_table
from importing.syncing import sync_rows
from lookup.selectors import catalogue_changed

from ..models import HccCategory, HccDiagnosis, HccMapping
from .base import SHIPPED, GroupingSummary, icd_catalogue, icd_code, record_edition

SHIPPED_CMS_HCC = SHIPPED / "cms-hcc-2026"
# Page order: the model CMS pays with first.
MODEL_ORDER = {model: position for position, model in enumerate(HccCategory.Model.values)}


def model_cell(row: Row) -> str:
    model = row.text("model").upper()
    if model not in MODEL_ORDER:
        raise row.error("model", f"{model!r} is not a model we know (V28 or V24)")
    return model


def number_cell(row: Row, column: str = "hcc") -> int:
    raw = row.text(column)
    if not re.fullmatch(r"\d{1,4}", raw):
        raise row.error(column, f"{raw!r} is not a category number")
    return int(raw)


def read_labels(path: Path) -> dict[tuple[str, int], str]:
    table = read_table(path, delimiter="\t")
    for column in ["model", "hcc", "label"]:
        table.column(column)
    labels = {}
    for row in table.rows:
        key = (model_cell(row), number_cell(row))
        if key in labels:
            raise row.error("hcc", f"{key[0]} HCC {key[1]} is labelled twice")
        labels[key] = row.text("label", max_length=200)
    return labels


def read_mappings(path: Path, labels: dict[tuple[str, int], str]) -> dict[str, list[dict]]:
    """Code -> its mapping rows, each {"model", "hcc", "label", "condition"}, V28 first."""
    table = read_table(path, delimiter="\t")
    for column in ["code", "model", "hcc", "condition"]:
        table.column(column)
    by_code: dict[str, list[dict]] = {}
    for row in table.rows:
        code, model, number = icd_code(row), model_cell(row), number_cell(row)
        if (model, number) not in labels:
            raise row.error("hcc", f"{model} HCC {number} has no label in the labels file")
        mapping = {
            "model": model,
            "hcc": number,
            "label": labels[(model, number)],
            "condition": row.text("condition", required=False, max_length=80),
        }
        rows = by_code.setdefault(code, [])
        if mapping in rows:
            raise row.error("condition", f"{code} maps to {model} HCC {number} twice so")
        rows.append(mapping)
    for rows in by_code.values():
        rows.sort(key=lambda mapping: MODEL_ORDER[mapping["model"]])
    return by_code


def import_cms_hcc(
    directory: Path | str = SHIPPED_CMS_HCC, progress_stream: TextIO | None = None
) -> GroupingSummary:
    """Import the HCC mappings of `directory` (the shipped payment year 2026 copy by
    default); all or nothing, and a second run of the same files writes nothing."""
    started = time.monotonic()
    directory = Path(directory)
    mappings_path = data_file(directory, "hcc_[0-9][0-9][0-9][0-9].tsv")
    year = data_file_stem(mappings_path).rsplit("_", 1)[-1]
    labels = read_labels(data_file(directory, f"hcc_labels_{year}.tsv"))
    by_code = read_mappings(mappings_path, labels)
    if not by_code:
        raise ImportFileError(mappings_path, None, None, "holds no mappings")
    summary = GroupingSummary(f"CMS-HCC V28 and V24, payment year {year}")
    with transaction.atomic():
        system, catalogue = icd_catalogue(directory)
        total = len(labels) + len(by_code) + sum(len(rows) for rows in by_code.values())
        progress = Progress("CMS-HCC mappings", total, progress_stream)
        categories_wanted = {key: {"label": label} for key, label in labels.items()}
        summary.tables["categories"] = sync_rows(
            HccCategory.objects.all(), ["model", "number"], categories_wanted, progress
        )
        diagnoses_wanted = {
            (code,): {"catalogue_code_id": catalogue.get(code), "mappings": rows}
            for code, rows in by_code.items()
        }
        # A category or a code the file drops takes its mapping rows with it (cascade).
        category_ids = {
            (model, number): pk
            for pk, model, number in HccCategory.objects.values_list("pk", "model", "number")
        }
        summary.tables["codes"] = sync_rows(
            HccDiagnosis.objects.all(), ["code"], diagnoses_wanted, progress
        )
        diagnosis_ids = dict(HccDiagnosis.objects.values_list("code", "pk"))
        rows_wanted = {
            (diagnosis_ids[code], category_ids[(row["model"], row["hcc"])], row["condition"]): {}
            for code, rows in by_code.items()
            for row in rows
        }
        summary.tables["mapping rows"] = sync_rows(
            HccMapping.objects.all(), ["diagnosis_id", "category_id", "condition"], rows_wanted,
            progress,
        )  # fmt: skip
        edition_changed = record_edition(system, hcc_payment_year=int(year))
        if summary.changed or edition_changed:
            # The code pages show these facts from their cache: renew it.
            transaction.on_commit(catalogue_changed)
    summary.seconds = time.monotonic() - started
    return summary
