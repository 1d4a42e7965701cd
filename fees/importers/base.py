"""What the fee importers share beyond the `importing` package: the HCPCS code cell, the
Edition row each file records and the one-line summary."""

import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from fees.models import Edition
from importing.reading import Row, Table
from lookup.selectors import catalogue_changed


def hcpcs_code(row: Row, column: str) -> str:
    """The row's five-character HCPCS or CPT code, upper case."""
    value = row.text(column).upper()
    if not re.fullmatch(r"[A-Z0-9]{5}", value):
        raise row.error(column, f"{value!r} is not a 5-character HCPCS/CPT code")
    return value


@dataclass
class ImportSummary:
    """What an import did, printed as one line."""

    kind: Edition.Kind
    path: Path
    edition_title: str
    rows: int
    seconds: float
    note: str = ""

    def __str__(self) -> str:
        note = f"; {self.note}" if self.note else ""
        return (
            f"Imported {self.rows:,} rows of {self.kind.label} from {self.path.name} "
            f"(edition: {self.edition_title}){note} in {self.seconds:.1f} s."
        )


def record_edition(kind: Edition.Kind, table: Table, row_count: int) -> Edition:
    """Create or update the one Edition row of this kind to describe the file just read.

    Code pages cite the file and its edition in their cached sources list: the import
    renews the cached pages once it commits."""
    transaction.on_commit(catalogue_changed)
    edition, _ = Edition.objects.update_or_create(
        kind=kind,
        defaults={
            "title": table.title[:300],
            "source_file": Path(table.path).name[:255],
            "row_count": row_count,
        },
    )
    return edition
