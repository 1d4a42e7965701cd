"""Import a licensed CPT descriptor file: CSV with a header naming the columns
code, short_descriptor, long_descriptor (README, "Importing the code sets").

CPT descriptors are the AMA's: only a user's licensed file is imported, never committed.
Codes hang under the narrowest CPT section or range of the catalogue that holds them; the
main sections (their code spans are facts) are added when missing, and a code that would
sit straight under a main section goes in a range of its hundred.
"""

import re
import time
from datetime import date
from pathlib import Path
from typing import TextIO

from importing.errors import ImportFileError
from importing.reading import read_table

from ..models import Code
from .base import ImportedCode, ImportSummary, apply_import

COLUMNS = ["code", "short_descriptor", "long_descriptor"]
CPT_CODE = re.compile(r"[0-9]{4}[0-9FTU]")
FILE_NAME_YEAR = re.compile(r"(20[0-9]{2})")

SYSTEM_DEFAULTS = {
    "name": "CPT",
    "copyright_line": "CPT® codes and descriptors are copyright American Medical Association.",
    "licence_note": "CPT is a registered trademark of the American Medical Association. "
    "Descriptors are shown under licence.",
    "source_title": "CPT code set",
    "publisher": "American Medical Association",
    "source_url": "https://www.ama-assn.org/practice-management/cpt",
    "position": 1,
}
MAIN_SECTIONS = [
    ("00100-01999", "Anesthesia"),
    ("10004-69990", "Surgery"),
    ("70010-79999", "Radiology"),
    ("80047-89398", "Pathology and laboratory"),
    ("90281-99607", "Medicine"),
    ("99202-99499", "Evaluation and management"),
    ("0001F-9007F", "Category II performance measures"),
    ("0042T-0999T", "Category III emerging technology"),
    ("0001U-0999U", "Proprietary laboratory analyses"),
]


def span_holds(span: str, code: str) -> bool:
    """True when a span such as 10004-69990 holds the code (codes of the same shape only)."""
    first, _, last = span.partition("-")
    if not last or len(first) != len(code) or first[-1].isalpha() != code[-1].isalpha():
        return False
    if code[-1].isalpha() and code[-1] != first[-1]:
        return False
    return first <= code <= last


def read_rows(path: Path) -> list[ImportedCode]:
    """Parse the CSV; raises ImportFileError naming the line and column."""
    table = read_table(path)
    code_column, short_column, long_column = (table.column(name) for name in COLUMNS)
    codes = []
    for row in table.rows:
        code = row.text(code_column, required=False).upper()
        if not CPT_CODE.fullmatch(code):
            raise row.error(code_column, f"{code!r} is not a CPT code")
        short = row.text(short_column, required=False, max_length=100)
        long = row.text(long_column)
        codes.append(ImportedCode(code, short or long[:100], long, row.line))
    return codes


def import_cpt_file(
    path: Path | str, edition: str | None = None, progress_stream: TextIO | None = None
) -> ImportSummary:
    """Import a licensed CPT CSV; `edition` is its year (default: the year in the file name)."""
    path = Path(path)
    started = time.monotonic()
    year_match = FILE_NAME_YEAR.search(path.name)
    edition = edition or (year_match.group(1) if year_match else "")
    if not edition.isdigit():
        raise ImportFileError(path, None, "edition", "name the year: --edition 2026")
    codes = read_rows(path)
    spans = dict(
        Code.objects.filter(system__slug="cpt")
        .exclude(level=Code.Level.CODE)
        .values_list("code", "level")
    )
    nodes = [
        ImportedCode(span, title, title, 0, level=Code.Level.SECTION, billable=False)
        for span, title in MAIN_SECTIONS
        if span not in spans
    ]
    spans |= {node.code: Code.Level.SECTION for node in nodes}
    hundreds = {}
    for imported in codes:
        holders = [span for span in spans if span_holds(span, imported.code)]
        if not holders:
            continue
        imported.parent = min(holders, key=span_width)
        if spans[imported.parent] == Code.Level.SECTION:
            # A main section holds thousands of codes: browse it by hundreds.
            hundred = hundred_range(imported.code)
            hundreds.setdefault(hundred, imported.parent)
            imported.parent = hundred
    nodes += [
        ImportedCode(
            span,
            f"Codes {span.replace('-', ' to ')}",
            f"CPT codes {span.replace('-', ' to ')}",
            0,
            parent=section,
            level=Code.Level.RANGE,
            billable=False,
        )
        for span, section in sorted(hundreds.items())
        if span not in spans
    ]
    summary = apply_import(
        path=path,
        system_slug="cpt",
        system_defaults=SYSTEM_DEFAULTS,
        edition=edition,
        codes=nodes + codes,
        removal_date=date(int(edition) - 1, 12, 31),
        progress_stream=progress_stream,
    )
    summary.seconds = time.monotonic() - started
    return summary


def hundred_range(code: str) -> str:
    """The hundred a code belongs to: 27323 -> 27300-27399, 0042T -> 0000T-0099T."""
    if code[-1].isalpha():
        return f"{code[:2]}00{code[-1]}-{code[:2]}99{code[-1]}"
    return f"{code[:3]}00-{code[:3]}99"


def span_width(span: str) -> int:
    first, _, last = span.partition("-")
    return int(last[:4]) - int(first[:4])
