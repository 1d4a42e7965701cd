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

from .base import ImportFileError, ImportSummary, ProgressBar, read_table, record_edition


@transaction.atomic
def import_gpci_file(path: Path, progress: TextIO | None = None) -> ImportSummary:
    """Create or update every locality of a GPCI file; all or nothing."""
    started = time.perf_counter()
    table = read_table(path, header_starts="Medicare Administrative Contractor")
    mac = table.column("MEDICARE ADMINISTRATIVE CONTRACTOR")
    state = table.column("STATE")
    number = table.column("LOCALITY NUMBER")
    name = table.column("LOCALITY NAME")
    gpci_columns = {
        "work_gpci": table.column("PW GPCI", "WORK GPCI"),
        "pe_gpci": table.column("PE GPCI"),
        "mp_gpci": table.column("MP GPCI"),
    }

    edition = record_edition(Edition.Kind.GPCI, table, len(table.lines))
    existing = {(each.state, each.number): each for each in Locality.objects.all()}
    bar = ProgressBar(len(table.lines), progress, "GPCI")
    seen: dict[tuple[str, str], int] = {}
    to_create, to_update = [], []
    for line in table.lines:
        values = {
            "edition": edition,
            "mac": line.text(mac, max_length=5),
            "state": line.text(state, max_length=2).upper(),
            "number": line.text(number, max_length=2).zfill(2),
            # CMS marks floors with asterisks in the name ("ALASKA*"); they belong to the notes.
            "name": re.sub(r"\*+$", "", line.text(name, max_length=120)).strip(),
        }
        for field_name, column in gpci_columns.items():
            values[field_name] = line.decimal(column, Locality._meta.get_field(field_name))
            if not 0 < values[field_name] < 10:
                raise ImportFileError(
                    path, line.number, column, f"{values[field_name]} is not an index"
                )
        key = (values["state"], values["number"])
        if key in seen:
            raise ImportFileError(
                path, line.number, number, f"locality {key} repeats line {seen[key]}"
            )
        seen[key] = line.number
        if key in existing:
            locality = existing[key]
            for field_name, value in values.items():
                setattr(locality, field_name, value)
            to_update.append(locality)
        else:
            to_create.append(Locality(**values))
        bar.advance()

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
