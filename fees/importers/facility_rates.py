"""Import the national facility rates: OPPS Addendum B and ASC Addendum AA (CSV).

Both addenda open with title lines, then a header whose first cell is "HCPCS Code". Column
names change a little between quarters ("April 2026 Payment Indicator"), so columns are found
by the words they contain. Short descriptors are not read (CPT's are AMA text).
"""

import time
from pathlib import Path
from typing import TextIO

from django.db import transaction

from fees.models import Edition, FacilityRate
from importing.progress import Progress
from importing.reading import Table, read_table

from .base import ImportSummary, hcpcs_code, record_edition


def replace_rates(
    table: Table,
    setting: FacilityRate.Setting,
    kind: Edition.Kind,
    columns: dict[str, str | None],
    progress_stream: TextIO | None,
) -> int:
    """Replace the rates of one setting with the table's lines; returns the number of rows."""
    edition = record_edition(kind, table, len(table.rows))
    FacilityRate.objects.filter(setting=setting).delete()
    progress = Progress(setting.label, len(table.rows), progress_stream)
    rates, seen = [], {}
    for row in table.rows:
        hcpcs = hcpcs_code(row, columns["hcpcs"])
        if hcpcs in seen:
            raise row.error(columns["hcpcs"], f"{hcpcs} repeats line {seen[hcpcs]}")
        seen[hcpcs] = row.line
        rate = FacilityRate(
            edition=edition,
            setting=setting,
            hcpcs=hcpcs,
            indicator=row.text(columns["indicator"], max_length=2).upper(),
        )
        if columns.get("apc"):
            rate.apc = row.text(columns["apc"], required=False, max_length=5)
        for field_name in ["payment_rate", "national_copayment", "minimum_copayment"]:
            if columns.get(field_name):
                field = FacilityRate._meta.get_field(field_name)
                setattr(rate, field_name, row.decimal(columns[field_name], field, required=False))
        rates.append(rate)
        progress.advance()
    FacilityRate.objects.bulk_create(rates, batch_size=2000)
    return len(rates)


@transaction.atomic
def import_opps_file(path: Path, progress_stream: TextIO | None = None) -> ImportSummary:
    """Replace the hospital outpatient rates with those of an OPPS Addendum B file."""
    started = time.perf_counter()
    table = read_table(path, header_starts="HCPCS", skip_notes=True)
    columns = {
        "hcpcs": table.column("HCPCS CODE", "HCPCS"),
        "indicator": table.column("SI", "STATUS INDICATOR"),
        "apc": table.column("APC"),
        "payment_rate": table.column("PAYMENT RATE"),
        "national_copayment": table.column("NATIONAL UNADJUSTED COPAYMENT", required=False),
        "minimum_copayment": table.column("MINIMUM UNADJUSTED COPAYMENT", required=False),
    }
    kind = Edition.Kind.HOSPITAL_OUTPATIENT
    rows = replace_rates(
        table, FacilityRate.Setting.HOSPITAL_OUTPATIENT, kind, columns, progress_stream
    )
    return ImportSummary(kind, path, table.title, rows, time.perf_counter() - started)


@transaction.atomic
def import_asc_file(path: Path, progress_stream: TextIO | None = None) -> ImportSummary:
    """Replace the surgery center rates with those of an ASC Addendum AA file."""
    started = time.perf_counter()
    table = read_table(path, header_starts="HCPCS", skip_notes=True)
    columns = {
        "hcpcs": table.column("HCPCS CODE", "HCPCS"),
        "indicator": table.column("PAYMENT INDICATOR"),
        "payment_rate": table.column("PAYMENT RATE"),
    }
    kind = Edition.Kind.SURGERY_CENTER
    rows = replace_rates(table, FacilityRate.Setting.SURGERY_CENTER, kind, columns, progress_stream)
    return ImportSummary(kind, path, table.title, rows, time.perf_counter() - started)
