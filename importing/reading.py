"""Reading import files: raw lines, fixed-width records, CSV and TSV tables by header name.

Every reader numbers lines as the file does (1 for the first) and splits lines only at
"\\n" and "\\r\\n": a lone "\\r", a form feed or the byte 0x85 ("…" in Windows-1252, NEL in
Latin-1) stays inside its line, as it would not with str.splitlines(). A record of a CSV
file whose quoted cell spans lines carries the line it starts on. Every problem is an
ImportFileError naming the file, the line and the field. A file whose name ends in ".xz"
is decompressed first (the project ships its data files compressed).
"""

import csv
import io
import lzma
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db.models import DecimalField

from .errors import ImportFileError

# Text files: UTF-8 (with or without a byte order mark), else Windows-1252 as CMS often sends.
UTF8_OR_WINDOWS = ("utf-8-sig", "cp1252")
# Fixed-width records count bytes: one byte must stay one character. Latin-1 reads the few
# bytes Windows-1252 leaves undefined.
SINGLE_BYTE = ("cp1252", "latin-1")


def read_bytes(path: Path) -> bytes:
    """The whole file as bytes; a file named .xz is decompressed (files shipped compressed)."""
    try:
        data = Path(path).read_bytes()
        return lzma.decompress(data) if Path(path).suffix == ".xz" else data
    except OSError as error:
        raise ImportFileError(path, None, None, error.strerror or str(error)) from error
    except lzma.LZMAError as error:
        raise ImportFileError(path, None, None, f"not a readable .xz file ({error})") from error


def read_text(path: Path, encodings: tuple[str, ...] = UTF8_OR_WINDOWS) -> str:
    """The whole file (decompressed if .xz), decoded with the first of `encodings` that fits."""
    data = read_bytes(path)
    first_error = None
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            first_error = first_error or error
    line = data.count(b"\n", 0, first_error.start) + 1
    names = " or ".join(encodings)
    byte = data[first_error.start]
    raise ImportFileError(path, line, None, f"byte 0x{byte:02X} is not text in {names}")


def split_lines(text: str) -> list[str]:
    """The lines of `text` without their ends, split at "\\n" and "\\r\\n" only."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def read_lines(
    path: Path, encodings: tuple[str, ...] = UTF8_OR_WINDOWS
) -> Iterator[tuple[int, str]]:
    """(line number, text without its line end) for every line, blank ones included."""
    return enumerate(split_lines(read_text(path, encodings)), start=1)


def read_fixed_width(
    path: Path, record_length: int, encodings: tuple[str, ...] = SINGLE_BYTE
) -> Iterator[tuple[int, str]]:
    """(line number, record) for each non-blank line, padded with spaces to `record_length`;
    slice fields by position (record[268:276]). A line with text past the record is refused."""
    for number, line in read_lines(path, encodings):
        if not line.strip():
            continue
        if len(line) > record_length and line[record_length:].strip():
            raise ImportFileError(
                path, number, "record", f"is {len(line)} characters; records are {record_length}"
            )
        yield number, line[:record_length].ljust(record_length)


def read_records(
    path: Path, delimiter: str = ",", encodings: tuple[str, ...] = UTF8_OR_WINDOWS
) -> Iterator[tuple[int, list[str]]]:
    """(line the record starts on, its cells) for each record of a CSV or TSV file; a blank
    line gives no cells. CSV cells may be quoted and span lines; a TSV (delimiter "\\t") has
    no quoting: one line, one record, quotes are text."""
    text = read_text(path, encodings)
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    # newline="\n": the csv module sees lines ended by "\n" only, "\r\n" it handles itself.
    reader = csv.reader(io.StringIO(text, newline="\n"), delimiter=delimiter, quoting=quoting)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as error:
        raise ImportFileError(path, start, None, f"not readable as CSV ({error})") from error


def normalise_header(text: str) -> str:
    """Single spaces, "CO- SURG" read as "CO-SURG"; case is kept."""
    return re.sub(r"-\s+", "-", " ".join(text.split()))


@dataclass(slots=True)
class Row:
    """One record of a table, its cells read by header name (case-insensitive)."""

    path: Path
    line: int
    cells: list[str]
    columns: dict[str, int]

    def error(self, column: str, message: str) -> ImportFileError:
        """An ImportFileError naming this row's file and line and `column`."""
        return ImportFileError(self.path, self.line, column, message)

    def text(self, column: str, *, required: bool = True, max_length: int | None = None) -> str:
        """The cell's text, stripped; "is empty" when `required` and blank."""
        index = self.columns.get(column.casefold())
        if index is None:
            raise self.error(column, "no such column in the header")
        value = self.cells[index].strip() if index < len(self.cells) else ""
        if required and not value:
            raise self.error(column, "is empty")
        if max_length is not None and len(value) > max_length:
            raise self.error(column, f"{value!r} is longer than {max_length} characters")
        return value

    def decimal(
        self, column: str, model_field: DecimalField, *, required: bool = True
    ) -> Decimal | None:
        """A number that fits `model_field`, accepting the "$1,687.37" spelling; None if blank."""
        raw = self.text(column, required=required)
        if not raw:
            return None
        try:
            value = Decimal(raw.replace("$", "").replace(",", "").strip())
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            raise self.error(column, f"{raw!r} is not a number")
        places = -value.as_tuple().exponent
        whole_digits = len(value.as_tuple().digits) - max(places, 0)
        digits, decimals = model_field.max_digits, model_field.decimal_places
        if places > decimals or whole_digits > digits - decimals:
            raise self.error(
                column, f"{raw!r} does not fit {digits} digits with {decimals} decimals"
            )
        return value


@dataclass
class Table:
    """A CSV or TSV file read by header name: its title, its header and its rows."""

    path: Path
    title: str
    header_line: int
    names: list[str]
    rows: list[Row] = field(default_factory=list)

    def column(self, *candidates: str, required: bool = True) -> str | None:
        """The header name (as the file spells it) equal to a candidate, or else ending with
        or containing one, unambiguously; case-insensitive. Check each column this way before
        reading rows, so a file missing one stops at its header line."""
        folded = [name.casefold() for name in self.names]
        for candidate in candidates:
            if candidate.casefold() in folded:
                return self.names[folded.index(candidate.casefold())]
        for matches_candidate in [str.endswith, str.__contains__]:
            for candidate in candidates:
                matches = [
                    name
                    for name, folded_name in zip(self.names, folded, strict=True)
                    if matches_candidate(folded_name, candidate.casefold())
                ]
                if len(matches) == 1:
                    return matches[0]
        if required:
            raise ImportFileError(
                self.path, self.header_line, "header", f"no column named {candidates[0]!r}"
            )
        return None


def read_table(
    path: Path,
    *,
    delimiter: str = ",",
    header_starts: str = "",
    header_rows: int = 1,
    skip_notes: bool = False,
    encodings: tuple[str, ...] = UTF8_OR_WINDOWS,
) -> Table:
    """Read a CSV (or, with delimiter "\\t", TSV) file whose columns are named by a header.

    The header is the first non-blank record, or the first whose first cell starts with
    `header_starts` (CMS files open with title lines; the first is kept as the title).
    `header_rows` > 1 joins the names stacked over that many lines, column by column (PPRRVU).
    Blank records are skipped, and with `skip_notes` those with text in the first cell only.
    """
    records = list(read_records(path, delimiter, encodings))
    wanted = normalise_header(header_starts).casefold()
    header_index = next(
        (
            index
            for index, (_, cells) in enumerate(records)
            if any(cell.strip() for cell in cells)
            and normalise_header(cells[0]).casefold().startswith(wanted)
        ),
        None,
    )
    if header_index is None:
        raise ImportFileError(path, 1, "header", f"no header line starting with {header_starts!r}")
    header_cells = records[header_index][1]
    stacked = [
        cells for _, cells in records[max(0, header_index - header_rows + 1) : header_index + 1]
    ]
    names = [
        normalise_header(" ".join(cells[index] for cells in stacked if index < len(cells)))
        for index in range(len(header_cells))
    ]
    title = ""
    if header_index:
        title = next((cell.strip() for cell in records[0][1] if cell.strip()), "")
    table = Table(path, title or Path(path).name, records[header_index][0], names)
    columns = {name.casefold(): index for index, name in reversed(list(enumerate(names)))}
    first_data_cell = 1 if skip_notes else 0
    for line, cells in records[header_index + 1 :]:
        if any(cell.strip() for cell in cells[first_data_cell:]):
            table.rows.append(Row(path, line, cells, columns))
    return table


def parse_date(raw: str, path: Path, line: int, field_name: str) -> date | None:
    """A YYYYMMDD date, None when blank; anything else stops the import naming the field."""
    raw = raw.strip()
    if not raw:
        return None
    if len(raw) == 8 and raw.isdigit():
        try:
            return date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))
        except ValueError:
            pass
    raise ImportFileError(path, line, field_name, f"{raw!r} is not a date (YYYYMMDD)")


def data_file(directory: Path, pattern: str) -> Path:
    """The one file of a data set's `directory` whose name matches `pattern` (a glob such as
    "cc_mcc_v*.tsv"), shipped compressed (".xz" added) or not."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ImportFileError(directory, None, None, "is not a folder of data files")
    found = sorted({*directory.glob(pattern), *directory.glob(pattern + ".xz")})
    if len(found) != 1:
        named = ", ".join(path.name for path in found) or "none"
        raise ImportFileError(
            directory, None, None, f"needs exactly one file named {pattern}[.xz] (found {named})"
        )
    return found[0]


def data_file_stem(path: Path) -> str:
    """A data file's name without .xz and its type: "cc_mcc_v43" for cc_mcc_v43.tsv.xz."""
    name = Path(path).name.removesuffix(".xz")
    return name.rsplit(".", 1)[0]
