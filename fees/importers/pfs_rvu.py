"""Import the CMS Physician Fee Schedule relative value file (PPRRVU CSV).

The DESCRIPTION column is never read: for CPT codes it is AMA's licensed text.
"""

import time
from pathlib import Path
from typing import TextIO

from django.db import transaction

from fees.models import Edition, PhysicianFee
from importing.progress import Progress
from importing.reading import Row, read_table

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
}
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


def parse_row(row: Row, edition: Edition) -> PhysicianFee:
    fields = {
        name: row.text(column, max_length=length) for name, (column, length) in TEXT_COLUMNS.items()
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
    return PhysicianFee(
        edition=edition,
        hcpcs=hcpcs_code(row, "HCPCS"),
        modifier=row.text("MOD", required=False, max_length=2).upper(),
        **fields,
    )


@transaction.atomic
def import_pfs_rvu_file(path: Path, progress_stream: TextIO | None = None) -> ImportSummary:
    """Replace the physician fee rows with those of a PPRRVU file; all or nothing."""
    started = time.perf_counter()
    table = read_table(path, header_starts="HCPCS", header_rows=4, skip_notes=True)
    for column in [*DECIMAL_COLUMNS.values(), *NOT_APPLICABLE_COLUMNS.values(), "HCPCS", "MOD"]:
        table.column(column)
    for column, _ in TEXT_COLUMNS.values():
        table.column(column)

    edition = record_edition(Edition.Kind.PHYSICIAN_FEE_SCHEDULE, table, len(table.rows))
    PhysicianFee.objects.all().delete()
    progress = Progress("PPRRVU", len(table.rows), progress_stream)
    fees, first_seen = [], {}
    for row in table.rows:
        fee = parse_row(row, edition)
        key = (fee.hcpcs, fee.modifier)
        if key in first_seen:
            raise row.error("HCPCS", f"{fee} repeats line {first_seen[key]}")
        first_seen[key] = row.line
        fees.append(fee)
        progress.advance()
    PhysicianFee.objects.bulk_create(fees, batch_size=2000)
    return ImportSummary(
        kind=Edition.Kind.PHYSICIAN_FEE_SCHEDULE,
        path=path,
        edition_title=edition.title,
        rows=len(fees),
        seconds=time.perf_counter() - started,
    )
