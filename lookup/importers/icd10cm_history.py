"""Import the ICD-10-CM code history: when each code could be reported (the CMS code
editor's dates, icd10cm_validity.tsv) and its titles in past editions
(icd10cm_titles_FY<year>.tsv), from a folder holding those files (compressed or not).

Writes one CodeHistory row per code, linked to the catalogue's code when it has one. A code
deleted before the catalogue's edition gets a page of its own (marked deleted, with the last
title we hold and its last valid day); a catalogue code that a later update dropped is
marked deleted. Descriptors of existing codes and editors' text are never touched. Run it
after the tabular list (`make import-icd10cm` does): titles of the catalogue's edition
come from there.
"""

import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from importing.errors import ImportFileError
from importing.progress import Progress
from importing.reading import Row, data_file, data_file_stem, read_table
from importing.syncing import SyncCounts, sync_rows

from ..history import (
    FIRST_ICD10CM_DAY,
    edition_fiscal_year,
    fiscal_year_of,
    fiscal_year_start,
    title_changes,
)
from ..models import Code, CodeHistory, CodeSystem, canonical_code, is_icd_code
from ..selectors import catalogue_changed
from .base import BATCH_SIZE, shorten

SHIPPED = Path(settings.BASE_DIR) / "fixtures" / "codesets" / "icd10cm-history"
VALIDITY_FILE = "icd10cm_validity.tsv"
TITLES_FILES = "icd10cm_titles_FY*.tsv"
NO_TITLE = "Title not in the editions we hold"


@dataclass
class Validity:
    code: str
    valid_from: date
    valid_to: date | None
    fiscal_year_added: int | None
    fiscal_year_deleted: int | None


@dataclass
class HistorySummary:
    through: str
    counts: SyncCounts = field(default_factory=SyncCounts)
    codes: int = 0
    pages_added: int = 0
    marked_deleted: int = 0
    without_page: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        return (
            f"ICD-10-CM code history through {self.through}: {self.codes:,} codes "
            f"({self.counts}); {self.pages_added:,} deleted codes given a page, "
            f"{self.marked_deleted:,} catalogue codes marked deleted or re-dated, "
            f"{self.without_page:,} "
            f"codes added after the catalogue's edition (no title yet) in {self.seconds:.1f} s"
        )


def icd_code(row: Row, column: str = "code") -> str:
    """A dotted ICD-10-CM code as the catalogue spells it."""
    raw = row.text(column, max_length=10)
    if not is_icd_code(raw):
        raise row.error(column, f"{raw!r} is not a dotted ICD-10-CM code")
    return raw


def iso_date(row: Row, column: str, *, required: bool = True) -> date | None:
    raw = row.text(column, required=required)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise row.error(column, f"{raw!r} is not a date (YYYY-MM-DD)") from None


def fiscal_year_cell(row: Row, column: str, expected: int | None) -> int | None:
    """A "FY2020" cell, checked against the year its date gives."""
    raw = row.text(column, required=False)
    year = edition_fiscal_year(raw) if raw else None
    if raw and year is None:
        raise row.error(column, f"{raw!r} is not a fiscal year (FY2020)")
    if year != expected:
        wanted = f"FY{expected}" if expected else "blank"
        raise row.error(column, f"{raw or 'blank'} does not match the date ({wanted})")
    return year


def read_validity(path: Path) -> list[Validity]:
    table = read_table(path, delimiter="\t")
    for column in ["code", "valid_from", "valid_to", "fy_added", "fy_deleted"]:
        table.column(column)
    rows, seen = [], {}
    for row in table.rows:
        code = icd_code(row)
        if code in seen:
            raise row.error("code", f"{code} repeats line {seen[code]}")
        seen[code] = row.line
        valid_from = iso_date(row, "valid_from")
        valid_to = iso_date(row, "valid_to", required=False)
        if valid_to is not None and valid_to < valid_from:
            raise row.error("valid_to", f"{valid_to} is before valid_from {valid_from}")
        added = None if valid_from == FIRST_ICD10CM_DAY else fiscal_year_of(valid_from)
        deleted = fiscal_year_of(valid_to + timedelta(days=1)) if valid_to else None
        rows.append(
            Validity(
                code,
                valid_from,
                valid_to,
                fiscal_year_cell(row, "fy_added", added),
                fiscal_year_cell(row, "fy_deleted", deleted),
            )
        )
    return rows


def read_titles(directory: Path) -> dict[int, dict[str, str]]:
    """Fiscal year -> code -> title, one file per past edition."""
    paths = sorted({*directory.glob(TITLES_FILES), *directory.glob(TITLES_FILES + ".xz")})
    titles: dict[int, dict[str, str]] = {}
    for path in paths:
        year = edition_fiscal_year(data_file_stem(path).rsplit("_", 1)[-1])
        if year is None or year in titles:
            raise ImportFileError(path, None, None, "needs a name icd10cm_titles_FY<year>.tsv")
        table = read_table(path, delimiter="\t")
        table.column("code")
        table.column("title")
        titles[year] = {icd_code(row): row.text("title") for row in table.rows}
    return titles


def nearest_parent(code: str, catalogue: dict[str, "Listed"]) -> "Listed | None":
    """The catalogue's most specific code above `code`: S72.00 for a dropped S72.009."""
    undotted = code.replace(".", "")
    for length in range(len(undotted) - 1, 2, -1):
        parent = catalogue.get(canonical_code("icd-10-cm", undotted[:length]))
        if parent is not None:
            return parent
    return None


@dataclass(slots=True)
class Listed:
    """A catalogue code, as much of it as this import reads."""

    pk: int
    level: str
    billable: bool
    status: str
    end_date: date | None
    title: str

    @property
    def is_deleted(self) -> bool:
        return self.status == Code.Status.DELETED


def import_icd10cm_history(
    directory: Path | str = SHIPPED, progress_stream: TextIO | None = None
) -> HistorySummary:
    """Import the code history files of `directory` (the shipped copy by default); all or
    nothing, and a second run of the same files writes nothing."""
    started = time.monotonic()
    directory = Path(directory)
    validity = read_validity(data_file(directory, VALIDITY_FILE))
    titles = read_titles(directory)
    latest_day = max(day for row in validity for day in [row.valid_from, row.valid_to] if day)
    summary = HistorySummary(through=f"FY{fiscal_year_of(latest_day + timedelta(days=1))}")
    with transaction.atomic():
        system = CodeSystem.objects.filter(slug="icd-10-cm").first()
        if system is None:
            raise ImportFileError(
                directory, None, None, "ICD-10-CM is not in the catalogue: import its tabular "
                "list first (make import-icd10cm)"
            )  # fmt: skip
        catalogue = {
            code: Listed(*values)
            for code, *values in Code.objects.filter(system=system).values_list(
                "code", "pk", "level", "billable", "status", "end_date", "long_descriptor"
            )
        }
        summary.pages_added = add_deleted_code_pages(system, validity, titles, catalogue)
        edition = CatalogueEdition(edition_fiscal_year(system.edition))
        wanted = {
            (row.code,): history_values(row, titles, catalogue.get(row.code), edition)
            for row in validity
        }
        summary.marked_deleted = mark_dropped_codes_deleted(validity, catalogue)
        progress = Progress("ICD-10-CM history", len(wanted), progress_stream)
        summary.counts = sync_rows(CodeHistory.objects.all(), ["code"], wanted, progress)
        summary.codes = len(wanted)
        summary.without_page = sum(1 for row in validity if row.code not in catalogue)
        described = {
            "history_edition": summary.through,
            "history_title_editions": ", ".join(f"FY{year}" for year in sorted(titles)),
        }
        catalogue_written = summary.counts.changed or summary.pages_added or summary.marked_deleted
        if any(getattr(system, name) != value for name, value in described.items()):
            CodeSystem.objects.filter(pk=system.pk).update(**described)
            catalogue_written = True
        if catalogue_written:
            # Bulk writes send no save signals: renew the cached code pages here.
            transaction.on_commit(catalogue_changed)
    summary.seconds = time.monotonic() - started
    return summary


@dataclass(frozen=True)
class CatalogueEdition:
    """The fiscal year of the catalogue's titles (the tabular list imported), if known."""

    fiscal_year: int | None

    def reports(self, code: Listed | None) -> bool:
        """Whether the catalogue's edition lists the code as one to report: billable, or
        deleted by a later update (this import marks those). A code that has since become
        a header carries a header's title there, not a code's."""
        if code is None or self.fiscal_year is None:
            return False
        if not code.is_deleted:
            return code.billable and code.level == Code.Level.CODE
        return code.end_date is not None and code.end_date >= fiscal_year_start(self.fiscal_year)


def history_values(
    row: Validity,
    titles: dict[int, dict[str, str]],
    code: Listed | None,
    edition: CatalogueEdition,
) -> dict:
    """A CodeHistory row's fields: dates, fiscal years and the title changes we can see."""
    held = [
        (year, by_code[row.code]) for year, by_code in sorted(titles.items()) if row.code in by_code
    ]
    reported = edition.reports(code)
    if reported and edition.fiscal_year not in titles:
        held.append((edition.fiscal_year, code.title))
    changes = title_changes(held)
    # Only a page of a code the edition does not list shows a past edition's title.
    out_of_edition = code is None or (code.is_deleted and not reported)
    return {
        "catalogue_code_id": code.pk if code is not None else None,
        "valid_from": row.valid_from,
        "valid_to": row.valid_to,
        "fiscal_year_added": row.fiscal_year_added,
        "fiscal_year_deleted": row.fiscal_year_deleted,
        "title_changes": [change.__dict__ for change in changes],
        "title_editions_held": len(held),
        "title_revised_in": changes[-1].edition if changes else None,
        "last_title_edition": held[-1][0] if held and out_of_edition else None,
    }


def add_deleted_code_pages(
    system: CodeSystem,
    validity: list[Validity],
    titles: dict[int, dict[str, str]],
    catalogue: dict[str, Listed],
) -> int:
    """Give each dropped code the catalogue lacks a page, under its nearest catalogue parent."""
    now = timezone.now()
    pages = []
    for row in validity:
        if row.valid_to is None or row.code in catalogue:
            continue
        held = [by_code[row.code] for _, by_code in sorted(titles.items()) if row.code in by_code]
        title = held[-1] if held else NO_TITLE
        parent = nearest_parent(row.code, catalogue)
        pages.append(
            Code(
                system=system,
                code=row.code,
                parent_id=parent.pk if parent else None,
                short_descriptor=shorten(title),
                long_descriptor=title,
                status=Code.Status.DELETED,
                end_date=row.valid_to,
                updated_at=now,
            )
        )
    for page in Code.objects.bulk_create(pages, batch_size=BATCH_SIZE):
        catalogue[page.code] = Listed(
            page.pk, page.level, page.billable, page.status, page.end_date, page.long_descriptor
        )
    return len(pages)


def mark_dropped_codes_deleted(validity: list[Validity], catalogue: dict[str, Listed]) -> int:
    """Mark deleted the catalogue's reportable codes that an update dropped, ended on their
    last valid day; a code that became a header stays, and so does its title."""
    now = timezone.now()
    changed = []
    for row in validity:
        code = catalogue.get(row.code)
        if row.valid_to is None or code is None or code.level != Code.Level.CODE:
            continue
        if (code.is_deleted and code.end_date != row.valid_to) or (
            not code.is_deleted and code.billable
        ):
            code.status, code.end_date = Code.Status.DELETED, row.valid_to
            changed.append(
                Code(pk=code.pk, status=code.status, end_date=code.end_date, updated_at=now)
            )
    Code.objects.bulk_update(changed, ["status", "end_date", "updated_at"], batch_size=BATCH_SIZE)
    return len(changed)
