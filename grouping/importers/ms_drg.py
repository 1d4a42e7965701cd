"""Import the MS-DRG CC and MCC tables (CMS IPPS tables 6I, 6J and 6K) from a folder
holding their normalised form (compressed or not):

- cc_mcc_v<NN>.tsv: code, severity (CC or MCC), pdx_collection, discharged_alive_only (Y),
  description (not read: the catalogue has the titles);
- pdx_collections_v<NN>.tsv: pdx_collection, code (the principal diagnoses of each);
- drg_cc_exclusions_v<NN>.tsv: mdc, drgs, drg_group, code (table 6K part 3).

The version (v43) is in the file names; MS-DRG version N serves fiscal year N + 1983.
"""

import re
import time
from collections import defaultdict
from pathlib import Path
from typing import TextIO

from django.db import transaction

from importing.errors import ImportFileError
from importing.progress import Progress
from importing.reading import Row, data_file, data_file_stem, read_table
from importing.syncing import sync_rows
from lookup.selectors import catalogue_changed

from ..models import ComplicationCode, ExclusionCollection
from .base import SHIPPED, GroupingSummary, icd_catalogue, icd_code, record_edition

SHIPPED_MS_DRG = SHIPPED / "ms-drg-v43"
COLLECTION = re.compile(r"\d{4}")
# MS-DRG v43 is the grouper of fiscal year 2026.
FISCAL_YEAR_OFFSET = 1983


def collection_cell(row: Row, column: str, *, required: bool = True) -> str:
    value = row.text(column, required=required)
    if value and not COLLECTION.fullmatch(value):
        raise row.error(column, f"{value!r} is not a 4-digit collection number")
    return value


def read_severities(path: Path) -> dict[str, dict]:
    """Code -> its ComplicationCode fields (exclusions filled in later)."""
    table = read_table(path, delimiter="\t")
    for column in ["code", "severity", "pdx_collection", "discharged_alive_only"]:
        table.column(column)
    severities, seen = {}, {}
    for row in table.rows:
        code = icd_code(row)
        if code in seen:
            raise row.error("code", f"{code} repeats line {seen[code]}")
        seen[code] = row.line
        severity = row.text("severity").upper()
        if severity not in ComplicationCode.Severity.values:
            raise row.error("severity", f"{severity!r} is neither CC nor MCC")
        alive = row.text("discharged_alive_only", required=False).upper()
        if alive not in {"", "Y"}:
            raise row.error("discharged_alive_only", f"{alive!r} is neither Y nor blank")
        severities[code] = {
            "severity": severity,
            "exclusion_collection": collection_cell(row, "pdx_collection", required=False),
            "discharged_alive_only": alive == "Y",
            "line": row.line,
        }
    return severities


def read_collections(path: Path) -> dict[str, list[str]]:
    """Collection number -> its principal diagnoses, in code order."""
    table = read_table(path, delimiter="\t")
    table.column("pdx_collection")
    table.column("code")
    collections: dict[str, set[str]] = defaultdict(set)
    for row in table.rows:
        collections[collection_cell(row, "pdx_collection")].add(icd_code(row))
    return {number: sorted(codes) for number, codes in collections.items()}


def read_drg_exclusions(path: Path, severities: dict[str, dict]) -> dict[str, list[dict]]:
    """Code -> the DRG groups in which it never counts (only CC and MCC codes may be named)."""
    table = read_table(path, delimiter="\t")
    for column in ["mdc", "drgs", "drg_group", "code"]:
        table.column(column)
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in table.rows:
        code = icd_code(row)
        if code not in severities:
            raise row.error("code", f"{code} is neither a CC nor an MCC in the CC/MCC file")
        groups[code].append(
            {
                "mdc": row.text("mdc", max_length=2),
                "drgs": row.text("drgs", max_length=20),
                "group": row.text("drg_group", max_length=200),
            }
        )
    return groups


def import_ms_drg(
    directory: Path | str = SHIPPED_MS_DRG, progress_stream: TextIO | None = None
) -> GroupingSummary:
    """Import the CC/MCC tables of `directory` (the shipped v43 copy by default); all or
    nothing, and a second run of the same files writes nothing."""
    started = time.monotonic()
    directory = Path(directory)
    severity_path = data_file(directory, "cc_mcc_v*.tsv")
    version = data_file_stem(severity_path).rsplit("_", 1)[-1]
    if not re.fullmatch(r"v\d{2}", version):
        raise ImportFileError(severity_path, None, None, "needs a name cc_mcc_v<NN>.tsv")
    severities = read_severities(severity_path)
    collections = read_collections(data_file(directory, f"pdx_collections_{version}.tsv"))
    for code, fields in severities.items():
        if fields["exclusion_collection"] and fields["exclusion_collection"] not in collections:
            raise ImportFileError(
                severity_path, fields["line"], "pdx_collection",
                f"{code} names collection {fields['exclusion_collection']}, which has no codes",
            )  # fmt: skip
    drg_exclusions = read_drg_exclusions(
        data_file(directory, f"drg_cc_exclusions_{version}.tsv"), severities
    )
    summary = GroupingSummary(f"MS-DRG {version} CC/MCC tables")
    with transaction.atomic():
        system, catalogue = icd_catalogue(directory)
        collection_sizes = {number: len(codes) for number, codes in collections.items()}
        wanted = {
            (code,): {
                "catalogue_code_id": catalogue.get(code),
                "severity": fields["severity"],
                "exclusion_collection": fields["exclusion_collection"],
                "excluding_principal_count": collection_sizes.get(
                    fields["exclusion_collection"], 0
                ),
                "discharged_alive_only": fields["discharged_alive_only"],
                "drg_exclusions": drg_exclusions.get(code, []),
            }
            for code, fields in severities.items()
        }
        progress = Progress("MS-DRG tables", len(wanted) + len(collections), progress_stream)
        summary.tables["CC/MCC codes"] = sync_rows(
            ComplicationCode.objects.all(), ["code"], wanted, progress
        )
        collections_wanted = {
            (number,): {"principal_codes": " ".join(codes)} for number, codes in collections.items()
        }
        summary.tables["exclusion collections"] = sync_rows(
            ExclusionCollection.objects.all(), ["number"], collections_wanted, progress
        )
        edition_changed = record_edition(
            system,
            ms_drg_version=version,
            ms_drg_fiscal_year=int(version[1:]) + FISCAL_YEAR_OFFSET,
        )
        if summary.changed or edition_changed:
            # The code pages show these facts from their cache: renew it.
            transaction.on_commit(catalogue_changed)
    summary.seconds = time.monotonic() - started
    return summary
