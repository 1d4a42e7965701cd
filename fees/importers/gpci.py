"""Import the CMS GPCI file (PFS Addendum E): the cost indices of each Medicare locality.

Localities are updated in place, keyed by state and locality number, so the locality a
user chose survives a new year's file. A locality the new file no longer lists is retired,
never deleted: it gets an end date (the day before the file's calendar year, read from its
title "... CY 2027 ...", else the day before the import) and its users are asked to choose
again. A retired locality listed again is current again.
"""

import re
import time
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from fees.models import Edition, Locality
from importing.progress import Progress
from importing.reading import read_table

from .base import ImportSummary, record_edition

CALENDAR_YEAR = re.compile(r"\bCY\s*(20[0-9]{2})\b", re.IGNORECASE)


def retirement_date(title: str) -> date:
    """The last day of a locality the file leaves out: the day before the file applies."""
    match = CALENDAR_YEAR.search(title)
    first_day = date(int(match[1]), 1, 1) if match else timezone.localdate()
    return first_day - timedelta(days=1)


@transaction.atomic
def import_gpci_file(path: Path, progress_stream: TextIO | None = None) -> ImportSummary:
    """Create or update every locality of a GPCI file, retire those it leaves out; all or
    nothing."""
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
            "retired_on": None,
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
        to_update, ["edition", "mac", "name", "work_gpci", "pe_gpci", "mp_gpci", "retired_on"]
    )
    Locality.objects.bulk_create(to_create)
    left_out = [
        locality.pk
        for key, locality in existing.items()
        if key not in seen and not locality.is_retired
    ]
    retired = Locality.objects.filter(pk__in=left_out).update(
        retired_on=retirement_date(table.title)
    )
    return ImportSummary(
        kind=Edition.Kind.GPCI,
        path=path,
        edition_title=edition.title,
        rows=len(seen),
        seconds=time.perf_counter() - started,
        note=f"{retired} localit{'y' if retired == 1 else 'ies'} retired" if retired else "",
    )
