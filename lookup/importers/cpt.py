"""Import a licensed CPT descriptor file: CSV with a header naming the columns
code, short_descriptor, long_descriptor (README, "Importing the code sets").

CPT descriptors are the AMA's: only a user's licensed file is imported, never committed.
Codes hang under the narrowest CPT range of the catalogue that holds them; the ranges we
name (cpt_ranges.py) are added when missing, and a code that would sit straight under a
main section goes in a range of its hundred.
"""

import re
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TextIO

from django.db import transaction

from importing.errors import ImportFileError
from importing.progress import Progress
from importing.reading import read_table

from ..models import Code, CodeSystem, is_cpt_code
from .base import ImportedCode, ImportSummary, apply_import, catalogue_rewritten, write_codes
from .cpt_ranges import CPT_RANGES, narrowest_holders

COLUMNS = ["code", "short_descriptor", "long_descriptor"]
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


def read_rows(path: Path) -> list[ImportedCode]:
    """Parse the CSV; raises ImportFileError naming the line and column."""
    table = read_table(path)
    code_column, short_column, long_column = (table.column(name) for name in COLUMNS)
    codes = []
    for row in table.rows:
        code = row.text(code_column, required=False).upper()
        if not is_cpt_code(code):
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
    nodes, parents = hierarchy_for([imported.code for imported in codes], spans)
    for imported in codes:
        imported.parent = parents[imported.code]
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


def hierarchy_for(
    codes: list[str], spans: dict[str, str]
) -> tuple[list[ImportedCode], dict[str, str | None]]:
    """The hierarchy nodes to add for `codes` and each code's parent, given the catalogue's
    CPT nodes (`spans`: span -> level). The named ranges the catalogue lacks are added (an
    editor's or the demo's range of the same span is kept as it is); a code goes under the
    narrowest node that holds it, and one that would sit straight under a main section goes
    in a range of its hundred (added when missing): a section holds hundreds of codes."""
    spans = dict(spans)
    nodes = []
    for named in CPT_RANGES:  # parents before children
        if named.span not in spans:
            level = Code.Level.SECTION if named.parent is None else Code.Level.RANGE
            nodes.append(
                ImportedCode(
                    named.span, named.name, named.name, 0, named.parent, level, billable=False
                )
            )
            spans[named.span] = level
    parents = narrowest_holders(codes, list(spans))
    hundreds: dict[str, str] = {}
    for code, parent in parents.items():
        if parent is not None and spans[parent] == Code.Level.SECTION:
            parents[code] = hundred_range(code)
            hundreds.setdefault(parents[code], parent)
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
    return nodes, parents


def add_codes_without_descriptors(path: Path, codes: Iterable[str], *, edition: str) -> int:
    """Add the CPT codes among `codes` that the catalogue lacks, with blank descriptors (a
    licensed CPT file fills them in: import_cpt), under the nearest named range. Codes
    already in the catalogue are left as they are. Runs in the caller's transaction, for a
    file that lists codes without their descriptors (the CMS fee schedule); creates the CPT
    system, of `edition`, when missing. Returns how many codes it added."""
    system, _ = CodeSystem.objects.get_or_create(
        slug="cpt", defaults=SYSTEM_DEFAULTS | {"edition": edition}
    )
    listed = Code.objects.filter(system=system).only("id", "code", "level", "system_id")
    existing = {code.code: code for code in listed}
    wanted = sorted({code for code in codes if is_cpt_code(code)} - existing.keys())
    if not wanted:
        return 0
    spans = {code: each.level for code, each in existing.items() if each.is_hierarchy_node}
    nodes, parents = hierarchy_for(wanted, spans)
    new_codes = [ImportedCode(code, "", "", 0, parents[code]) for code in wanted]
    write_codes(path, system, nodes + new_codes, existing, Progress("CPT codes", 0, None), None)
    # Bulk writes send no save signals: the search index is tidied, the pages renewed.
    transaction.on_commit(catalogue_rewritten)
    return len(wanted)


def hundred_range(code: str) -> str:
    """The hundred a code belongs to: 27323 -> 27300-27399, 0042T -> 0000T-0099T."""
    if code[-1].isalpha():
        return f"{code[:2]}00{code[-1]}-{code[:2]}99{code[-1]}"
    return f"{code[:3]}00-{code[:3]}99"
