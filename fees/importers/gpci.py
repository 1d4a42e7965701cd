"""Import the CMS GPCI file (PFS Addendum E): the cost indices of each Medicare locality.

Localities are updated in place, keyed by state and locality number, so the locality a
user chose survives a new year's file; localities the new file no longer lists are removed.
"""

import re
import time
from pathlib import Path
from typing import TextIO

from django.db import transaction

from fees.models import Edition, Locality
from importing.progress import Progress
from importing.reading import read_table

from .base import ImportSummary, record_edition


@transaction.atomic
def import_gpci_file(path: Path, progress_stream: TextIO | None = None) -> ImportSummary:
    """Create or update every locality of a GPCI file; all or nothing."""
    started = time.perf_counter()
    table = read_table(path, header_starts="Medicare Administrative Contractor", skip_notes=True)
    mac = table.column("MEDICARE ADMINISTRATIVE CONTRACTOR")
    state = table.column("STATE")
    number = table.column("LOCALITY NUMBER")
    name = table.column("LOCALITY NAME")
    gpci_columns = {
        "work_gpci": table.column("PW GPCI", "WORK GPCI"),
        "pe_gpci": table.column("PE GPCI"),
        "mp_gpci": table.column("MP GPCI"),
    }

    edition = record_edition(Edition.Kind.GPCI, table, len(table.rows))
    existing = {(each.state, each.number): each for each in Locality.objects.all()}
    progress = Progress("GPCI", len(table.rows), progress_stream)
    seen: dict[tuple[str, str], int] = {}
    to_create, to_update = [], []
    for row in table.rows:
        values = {
            "edition": edition,
            "mac": row.text(mac, max_length=5),
            "state": row.text(state, max_length=2).upper(),
            "number": row.text(number, max_length=2).zfill(2),
            # CMS marks floors with asterisks in the name ("ALASKA*"); they belong to the notes.
            "name": re.sub(r"\*+$", "", row.text(name, max_length=120)).strip(),
        }
        for field_name, column in gpci_columns.items():
            values[field_name] = row.decimal(column, Locality._meta.get_field(field_name))
            if not 0 < values[field_name] < 10:
                raise row.error(column, f"{values[field_name]} is not an index")
        key = (values["state"], values["number"])
        if key in seen:
            raise row.error(number, f"locality {key} repeats line {seen[key]}")
        seen[key] = row.line
        if key in existing:
            locality = existing[key]
            for field_name, value in values.items():
                setattr(locality, field_name, value)
            to_update.append(locality)
        else:
            to_create.append(Locality(**values))
        progress.advance()

    Locality.objects.bulk_update(
        to_update, ["edition", "mac", "name", "work_gpci", "pe_gpci", "mp_gpci"]
    )
    Locality.objects.bulk_create(to_create)
    retired = [locality.pk for key, locality in existing.items() if key not in seen]
    Locality.objects.filter(pk__in=retired).delete()
    return ImportSummary(
        kind=Edition.Kind.GPCI,
        path=path,
        edition_title=edition.title,
        rows=len(seen),
        seconds=time.perf_counter() - started,
    )
