"""Import the CMS HCPCS Level II annual file (ANWEB, fixed-width 320-character records).

Record layout (HCPC2026_recordlayout.txt, positions 1-based): code 1-5 (modifiers 4-5),
record identification 11 (3 code, 4 its continuation, 7 modifier, 8 its continuation),
long description 12-91 (continued over records 4 and 8), short description 92-119,
code added date 269-276, action effective date 277-284, termination date 285-292.
The file is read as Windows-1252, one byte one character (0x85 is "…", not a line end).
Dental D codes are ADA's licensed text: they are skipped and counted. A code's added date
becomes its effective date, its termination date its end date; a code terminated before
the file's edition starts is imported as deleted.
"""

import re
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from importing.errors import ImportFileError
from importing.reading import parse_date, read_fixed_width

from ..models import Code, CodeSystem, Modifier
from ..selectors import catalogue_changed
from .base import ImportedCode, ImportSummary, apply_import

RECORD_LENGTH = 320
CODE_RECORD, CODE_CONTINUATION, MODIFIER_RECORD, MODIFIER_CONTINUATION = "3", "4", "7", "8"
FILE_NAME_EDITION = re.compile(r"HCPC(?P<year>\d{4})_(?P<month>[A-Z]{3})", re.IGNORECASE)
LETTER_SECTION = re.compile(r"([A-Z])[0-9]{4}-\1[0-9]{4}")
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

SYSTEM_DEFAULTS = {
    "name": "HCPCS Level II",
    "copyright_line": "HCPCS Level II codes and descriptors: CMS, public domain.",
    "licence_note": "HCPCS Level II is published by CMS and is in the public domain. "
    "Dental (D) codes are ADA's CDT and are not included.",
    "source_title": "HCPCS Level II alpha-numeric file",
    "publisher": "Centers for Medicare & Medicaid Services (CMS)",
    "source_url": "https://www.cms.gov/medicare/coding-billing/"
    "healthcare-common-procedure-system/quarterly-update",
    "position": 2,
}

# The letter sections HCPCS Level II is organised in (facts; titles in our own words).
SECTION_TITLES = {
    "A": "Transportation services, medical and surgical supplies",
    "B": "Enteral and parenteral therapy",
    "C": "Outpatient prospective payment system (temporary codes)",
    "E": "Durable medical equipment",
    "G": "Procedures and professional services (temporary codes)",
    "H": "Alcohol and drug abuse treatment and behavioural health services",
    "J": "Drugs administered other than by mouth",
    "K": "Durable medical equipment for DME contractors (temporary codes)",
    "L": "Orthotic and prosthetic procedures and devices",
    "M": "Medical services and quality measures",
    "P": "Pathology and laboratory services",
    "Q": "Miscellaneous services (temporary codes)",
    "R": "Diagnostic radiology services",
    "S": "Temporary national codes (not used by Medicare)",
    "T": "National codes for state Medicaid agencies",
    "U": "Coronavirus laboratory tests",
    "V": "Vision, hearing and speech-language services",
}


@dataclass
class ImportedModifier:
    code: str
    long_descriptor: str
    short_descriptor: str
    line: int
    effective_date: date | None
    end_date: date | None


def section_code(letter: str) -> str:
    return f"{letter}0000-{letter}9999"


def existing_letter_sections() -> dict[str, str]:
    """Letter sections already in the catalogue (the demo data's A0021-A9999, say), by letter."""
    return {
        span[0]: span
        for span in Code.objects.filter(
            system__slug="hcpcs", level=Code.Level.SECTION, parent__isnull=True
        ).values_list("code", flat=True)
        if LETTER_SECTION.fullmatch(span)
    }


def range_code(code: str) -> str:
    """The hundred a code belongs to (G0008 -> G0000-G0099): pages of at most 100 codes."""
    return f"{code[:3]}00-{code[:3]}99"


def edition_start(path: Path, records: list[ImportedCode]) -> date:
    """The first day of the file's edition: from its name (HCPC2026_JAN...), else its dates."""
    match = FILE_NAME_EDITION.search(path.name)
    if match and match["month"].upper() in MONTHS:
        return date(int(match["year"]), MONTHS.index(match["month"].upper()) + 1, 1)
    dates = [record.effective_date for record in records if record.effective_date]
    latest = max(dates, default=timezone.now().date())
    return date(latest.year, 1, 1)


def read_records(path: Path):
    """Parse the file into (codes, modifiers, dental codes skipped); raises ImportFileError."""
    codes: list[ImportedCode] = []
    modifiers: list[ImportedModifier] = []
    dental_skipped = 0
    current: ImportedCode | ImportedModifier | None = None
    for number, record in read_fixed_width(path, RECORD_LENGTH):
        kind = record[10]
        description = record[11:91].rstrip()
        if kind in (CODE_CONTINUATION, MODIFIER_CONTINUATION):
            code = record[0:5].strip() if kind == CODE_CONTINUATION else record[3:5]
            expected = ImportedCode if kind == CODE_CONTINUATION else ImportedModifier
            if code.startswith("D") and kind == CODE_CONTINUATION:
                continue
            if not isinstance(current, expected) or current.code != code:
                raise ImportFileError(
                    path, number, "HCPCS code", f"continuation of {code} follows no {code} record"
                )
            current.long_descriptor = f"{current.long_descriptor} {description.strip()}"
            continue
        if kind not in (CODE_RECORD, MODIFIER_RECORD):
            raise ImportFileError(
                path, number, "record identification code", f"{kind!r} is not 3, 4, 7 or 8"
            )
        added = parse_date(record[268:276], path, number, "code added date")
        terminated = parse_date(record[284:292], path, number, "termination date")
        short = record[91:119].strip()
        if kind == MODIFIER_RECORD:
            current = ImportedModifier(
                record[3:5].strip(), description, short, number, added, terminated
            )
            if not re.fullmatch(r"[A-Z0-9]{2}", current.code):
                raise ImportFileError(path, number, "modifier code", f"{current.code!r}")
            modifiers.append(current)
            continue
        code = record[0:5].strip()
        if not re.fullmatch(r"[A-Z][0-9]{4}", code):
            raise ImportFileError(path, number, "HCPCS code", f"{code!r}: not a letter + 4 digits")
        if code.startswith("D"):
            dental_skipped += 1
            current = None
            continue
        if not description:
            raise ImportFileError(path, number, "long description", "is empty")
        current = ImportedCode(
            code=code,
            short_descriptor=short or description[:100],
            long_descriptor=description,
            line=number,
            parent=range_code(code),
            effective_date=added,
            end_date=terminated,
        )
        codes.append(current)
    return codes, modifiers, dental_skipped


def import_hcpcs_file(path: Path | str, progress_stream: TextIO | None = None) -> ImportSummary:
    """Import an HCPCS Level II ANWEB file: codes (under letter sections and hundred ranges)
    and modifiers."""
    path = Path(path)
    started = time.monotonic()
    codes, modifiers, dental_skipped = read_records(path)
    if not codes:
        raise ImportFileError(path, None, "HCPCS code", "the file holds no code records")
    start = edition_start(path, codes)
    for code in codes:
        if code.end_date and code.end_date < start:
            code.status = Code.Status.DELETED
    section_of = existing_letter_sections()
    sections = []
    for letter in sorted({code.code[0] for code in codes} - set(section_of)):
        section_of[letter] = section_code(letter)
        title = SECTION_TITLES.get(letter, f"{letter} codes")
        sections.append(
            ImportedCode(
                section_of[letter], title, title, 0, level=Code.Level.SECTION, billable=False
            )
        )
    ranges = [
        ImportedCode(
            code=span,
            short_descriptor=f"Codes {span.replace('-', ' to ')}",
            long_descriptor=f"HCPCS Level II codes {span.replace('-', ' to ')}",
            line=0,
            parent=section_of[span[0]],
            level=Code.Level.RANGE,
            billable=False,
        )
        for span in sorted({range_code(code.code) for code in codes})
    ]
    with transaction.atomic():
        summary = apply_import(
            path=path,
            system_slug="hcpcs",
            system_defaults=SYSTEM_DEFAULTS,
            edition=f"{start:%B %Y}",
            codes=sections + ranges + codes,
            removal_date=start - timedelta(days=1),
            skipped=dental_skipped,
            skipped_reason="dental D codes, ADA licensed",
            progress_stream=progress_stream,
        )
        added, updated, deleted = write_modifiers(modifiers, start - timedelta(days=1))
        codes_changed = summary.added or summary.updated or summary.deleted
        if (added or updated or deleted) and not codes_changed:
            # Search holds the modifiers per catalogue generation; a change to the codes
            # renews it after counting their words, which a second renewal would make stale.
            transaction.on_commit(catalogue_changed)
    summary.notes.append(f"modifiers: {added} added, {updated} updated, {deleted} deleted")
    summary.seconds = time.monotonic() - started
    return summary


def write_modifiers(modifiers: list[ImportedModifier], removal_date: date) -> tuple[int, int, int]:
    """Add, update and mark deleted the system's modifiers, like codes."""
    system = CodeSystem.objects.get(slug="hcpcs")
    existing = {modifier.code: modifier for modifier in Modifier.objects.filter(system=system)}
    new, updated = [], 0
    for imported in modifiers:
        values = {
            "short_descriptor": imported.short_descriptor or imported.long_descriptor[:100],
            "long_descriptor": imported.long_descriptor,
            "effective_date": imported.effective_date,
            "end_date": imported.end_date,
            "status": Code.Status.DELETED
            if imported.end_date and imported.end_date <= removal_date
            else Code.Status.ACTIVE,
        }
        current = existing.get(imported.code)
        if current is None:
            new.append(Modifier(system=system, code=imported.code, **values))
        elif any(getattr(current, name) != value for name, value in values.items()):
            Modifier.objects.filter(pk=current.pk).update(**values, updated_at=timezone.now())
            updated += 1
    in_file = {imported.code for imported in modifiers}
    vanished = [
        modifier.pk
        for modifier in existing.values()
        if modifier.code not in in_file and modifier.status == Code.Status.ACTIVE
    ]
    Modifier.objects.filter(pk__in=vanished).update(
        status=Code.Status.DELETED, end_date=removal_date, updated_at=timezone.now()
    )
    Modifier.objects.bulk_create(new)  # no save signals: the caller renews the generation
    return len(new), updated, len(vanished)
