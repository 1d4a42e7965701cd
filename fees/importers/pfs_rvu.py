"""Import the CMS Physician Fee Schedule relative value file (PPRRVU CSV).

The DESCRIPTION column is never read: for CPT codes it is AMA's licensed text.

Rows are keyed by code and modifier (importing.syncing): a row the file repeats unchanged is
left as it is, a changed one is updated, one the file no longer lists is removed, so the
same file twice writes nothing and a July file after a January one rewrites only the
figures that moved.
Every CPT code the file lists gets a catalogue page: the codes the catalogue lacks are
added without descriptors (lookup.importers.cpt.add_codes_without_descriptors); no code,
and no editor's text, is ever removed or changed by this import.
"""

import re
import time
from pathlib import Path
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from fees.models import Edition, PhysicianFee
from importing.progress import Progress
from importing.reading import Row, read_table
from importing.syncing import sync_rows
from lookup.importers.cpt import add_codes_without_descriptors

from .base import ImportSummary, hcpcs_code, record_edition

# Column names as the file spells them once its stacked header lines are joined.
TEXT_COLUMNS = {
    "status": ("STATUS CODE", 1),
    "pctc_indicator": ("PCTC IND", 1),
    "global_days": ("GLOB DAYS", 3),
    "multiple_procedure": ("MULT PROC", 1),
    "bilateral_surgery": ("BILAT SURG", 1),
    "assistant_surgery": ("ASST SURG", 1),
    "co_surgeons": ("CO-SURG", 1),
    "team_surgery": ("TEAM SURG", 1),
    "diagnostic_imaging_family": ("DIAGNOSTIC IMAGING FAMILY INDICATOR", 2),
}
OPTIONAL_TEXT_COLUMNS = {"endoscopic_base_code": ("ENDO BASE", 5)}
DECIMAL_COLUMNS = {
    "work_rvu": "WORK RVU",
    "nonfacility_pe_rvu": "NON-FAC PE RVU",
    "facility_pe_rvu": "FACILITY PE RVU",
    "mp_rvu": "MP RVU",
    "nonfacility_total_rvu": "NON-FACILITY TOTAL",
    "facility_total_rvu": "FACILITY TOTAL",
    "preoperative_share": "PRE OP",
    "intraoperative_share": "INTRA OP",
    "postoperative_share": "POST OP",
    "conversion_factor": "CONV FACTOR",
}
NOT_APPLICABLE_COLUMNS = {
    "nonfacility_not_applicable": "NON-FAC NA INDICATOR",
    "facility_not_applicable": "FACILITY NA INDICATOR",
}
YEAR = re.compile(r"\b(20[0-9]{2})\b")


def parse_row(row: Row, edition: Edition) -> tuple[tuple[str, str], dict]:
    """The row's key (code, modifier) and its other fields' values, by attribute name."""
    fields = {
        name: row.text(column, max_length=length) for name, (column, length) in TEXT_COLUMNS.items()
    }
    fields |= {
        name: row.text(column, required=False, max_length=length)
        for name, (column, length) in OPTIONAL_TEXT_COLUMNS.items()
    }
    fields |= {
        name: row.decimal(column, PhysicianFee._meta.get_field(name))
        for name, column in DECIMAL_COLUMNS.items()
    }
    for name, column in NOT_APPLICABLE_COLUMNS.items():
        flag = row.text(column, required=False).upper()
        if flag not in {"", "NA"}:
            raise row.error(column, f"{flag!r} is neither NA nor blank")
        fields[name] = flag == "NA"
    key = (hcpcs_code(row, "HCPCS"), row.text("MOD", required=False, max_length=2).upper())
    return key, {"edition_id": edition.pk, **fields}


@transaction.atomic
def import_pfs_rvu_file(path: Path, progress_stream: TextIO | None = None) -> ImportSummary:
    """Bring the physician fee rows in line with a PPRRVU file and give each CPT code it
    lists a catalogue page; all or nothing."""
    started = time.perf_counter()
    table = read_table(path, header_starts="HCPCS", header_rows=4, skip_notes=True)
    for column in [*DECIMAL_COLUMNS.values(), *NOT_APPLICABLE_COLUMNS.values(), "HCPCS", "MOD"]:
        table.column(column)
    for column, _ in TEXT_COLUMNS.values():
        table.column(column)

    edition = record_edition(Edition.Kind.PHYSICIAN_FEE_SCHEDULE, table, len(table.rows))
    progress = Progress("PPRRVU", len(table.rows), progress_stream)
    fees, first_seen = {}, {}
    for row in table.rows:
        key, values = parse_row(row, edition)
        if key in first_seen:
            shown = "-".join(part for part in key if part)
            raise row.error("HCPCS", f"{shown} repeats line {first_seen[key]}")
        first_seen[key] = row.line
        fees[key] = values
        progress.advance()
    written = sync_rows(PhysicianFee.objects.all(), ["hcpcs", "modifier"], fees)
    year = YEAR.search(table.title) or YEAR.search(Path(path).name)
    codes_added = add_codes_without_descriptors(
        path,
        [code for code, _ in fees],
        edition=year[1] if year else str(timezone.localdate().year),
    )
    return ImportSummary(
        kind=Edition.Kind.PHYSICIAN_FEE_SCHEDULE,
        path=path,
        edition_title=edition.title,
        rows=len(fees),
        seconds=time.perf_counter() - started,
        note=f"rows {written}; {codes_added:,} CPT codes added to the catalogue",
    )
