"""What every fee importer shares: reading a CMS CSV by column name, errors that name the
file, line and field, a progress bar and the one-line summary."""

import csv
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TextIO

from django.db.models import DecimalField

from fees.models import Edition


class ImportFileError(Exception):
    """A file the importer cannot trust; the message names the file, line and field."""

    def __init__(self, path: Path, line_number: int, field_name: str, problem: str):
        super().__init__(f"{path.name}, line {line_number}, {field_name}: {problem}")


def normalise_header(text: str) -> str:
    """Upper case, single spaces, "CO- SURG" read as "CO-SURG"."""
    return re.sub(r"-\s+", "-", " ".join(text.upper().split()))


@dataclass
class Line:
    """One data line of a CMS file, read by column name; parse errors name the line."""

    path: Path
    number: int
    cells: list[str]
    columns: dict[str, int]

    def text(self, column: str, *, required: bool = True, max_length: int | None = None) -> str:
        index = self.columns.get(column)
        value = self.cells[index].strip() if index is not None and index < len(self.cells) else ""
        if required and not value:
            raise ImportFileError(self.path, self.number, column, "is empty")
        if max_length is not None and len(value) > max_length:
            raise ImportFileError(
                self.path, self.number, column, f"{value!r} is longer than {max_length} characters"
            )
        return value

    def decimal(
        self, column: str, model_field: DecimalField, *, required: bool = True
    ) -> Decimal | None:
        """A number that fits `model_field`, accepting the addenda's "$1,687.37" spelling."""
        raw = self.text(column, required=required)
        if not raw:
            return None
        try:
            value = Decimal(raw.replace("$", "").replace(",", "").strip())
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            raise ImportFileError(self.path, self.number, column, f"{raw!r} is not a number")
        places = -value.as_tuple().exponent
        whole_digits = len(value.as_tuple().digits) - max(places, 0)
        digits, decimals = model_field.max_digits, model_field.decimal_places
        if places > decimals or whole_digits > digits - decimals:
            raise ImportFileError(
                self.path,
                self.number,
                column,
                f"{raw!r} does not fit {digits} digits with {decimals} decimals",
            )
        return value

    def code(self, column: str) -> str:
        """A five-character HCPCS or CPT code."""
        value = self.text(column).upper()
        if not re.fullmatch(r"[A-Z0-9]{5}", value):
            raise ImportFileError(
                self.path, self.number, column, f"{value!r} is not a 5-character HCPCS/CPT code"
            )
        return value


@dataclass
class Table:
    """A CMS CSV file: its title, its header names and its data lines."""

    path: Path
    title: str
    header_line: int
    names: list[str]
    lines: list[Line] = field(default_factory=list)

    def column(self, *candidates: str, required: bool = True) -> str | None:
        """The header name matching a candidate exactly, or else containing it (unambiguously)."""
        for candidate in candidates:
            if candidate in self.names:
                return candidate
        for matches_candidate in [str.endswith, str.__contains__]:
            for candidate in candidates:
                matches = [name for name in self.names if matches_candidate(name, candidate)]
                if len(matches) == 1:
                    return matches[0]
        if required:
            raise ImportFileError(
                self.path, self.header_line, "header", f"no column named {candidates[0]!r}"
            )
        return None


def read_lines(path: Path) -> list[list[str]]:
    """The file's CSV rows; CMS files are UTF-8 or Windows-1252."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = path.read_text(encoding="cp1252")
    return list(csv.reader(text.splitlines()))


def read_table(path: Path, *, header_starts: str, header_rows: int = 1) -> Table:
    """Find the header line (its first cell starts with `header_starts`) and read the data.

    `header_rows` > 1 joins the words of the lines above it column by column, for files
    such as PPRRVU whose column names are stacked over several lines. Blank lines and
    notes (text in the first cell only) are skipped.
    """
    rows = read_lines(path)
    wanted = normalise_header(header_starts)
    header_index = next(
        (
            index
            for index, row in enumerate(rows)
            if row and normalise_header(row[0]).startswith(wanted)
        ),
        None,
    )
    if header_index is None:
        raise ImportFileError(path, 1, "header", f"no header line starting with {header_starts!r}")
    stacked = rows[max(0, header_index - header_rows + 1) : header_index + 1]
    width = len(rows[header_index])
    names = [
        normalise_header(" ".join(row[index] for row in stacked if index < len(row)))
        for index in range(width)
    ]
    title = next((cell.strip() for cell in rows[0] if cell.strip()), "") if header_index else ""
    table = Table(path=path, title=title or path.name, header_line=header_index + 1, names=names)
    columns = {name: index for index, name in reversed(list(enumerate(names)))}
    for number, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        if not any(cell.strip() for cell in row[1:]):
            continue
        table.lines.append(Line(path=path, number=number, cells=row, columns=columns))
    return table


class ProgressBar:
    """A text progress bar redrawn on `stream` as each percent of the lines is done."""

    WIDTH = 30

    def __init__(self, total: int, stream: TextIO | None, label: str):
        self.total, self.stream, self.label = max(total, 1), stream, label
        self.done = 0
        self.shown_percent = -1

    def advance(self) -> None:
        self.done += 1
        percent = self.done * 100 // self.total
        if self.stream is not None and percent != self.shown_percent:
            self.shown_percent = percent
            filled = self.WIDTH * percent // 100
            bar = "#" * filled + "." * (self.WIDTH - filled)
            self.stream.write(f"\r{self.label} [{bar}] {percent:3d}% {self.done:,} lines")
            if self.done >= self.total:
                self.stream.write("\n")
            self.stream.flush()


@dataclass
class ImportSummary:
    """What an import did, printed as one line."""

    kind: Edition.Kind
    path: Path
    edition_title: str
    rows: int
    seconds: float

    def __str__(self) -> str:
        return (
            f"Imported {self.rows:,} rows of {self.kind.label} from {self.path.name} "
            f"(edition: {self.edition_title}) in {self.seconds:.1f} s."
        )


def record_edition(kind: Edition.Kind, table: Table, row_count: int) -> Edition:
    """Create or update the one Edition row of this kind to describe the file just read."""
    edition, _ = Edition.objects.update_or_create(
        kind=kind,
        defaults={
            "title": table.title[:300],
            "source_file": table.path.name[:255],
            "row_count": row_count,
        },
    )
    return edition
