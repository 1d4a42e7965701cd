"""The bulk checker's rules: read pasted or uploaded rows, check each ICD-10-CM code for its
date of service, and write the results as CSV.

A row is a code and an optional date of service ("E11.9", "E11.9, 2023-05-01",
"e119<TAB>5/1/2023"). Every problem is reported on its row; nothing here raises on input.
Facts only: validity, title, billable, CC/MCC and HCCs, never a section's text.
"""

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from grouping.models import ComplicationCode, Edition
from grouping.selectors import complication_codes_by_code, hcc_assignments, hcc_diagnoses_by_code
from lookup.date_of_service import parse_date_of_service
from lookup.history import Verdict, validity_on
from lookup.models import Code, CodeHistory, canonical_code, is_icd_code

MAX_ROWS = 1000
# Longer cells are cut before they are echoed back: no row can blow up the page.
MAX_CELL = 40
CELL_SEPARATOR = re.compile(r"[,;\t|]|\s+")
CATALOGUE_COLUMNS = [
    "code", "level", "long_descriptor", "billable", "status", "effective_date", "end_date",
    "system__slug",
]  # fmt: skip
HEADER_WORDS = {"code", "codes", "icd", "icd-10-cm", "icd10", "diagnosis"}


@dataclass
class Row:
    """One row as entered: its line, the code cell and the date cell."""

    line: int
    entered: str
    date_text: str = ""


@dataclass
class CheckedRow:
    line: int
    entered: str
    code: str = ""  # normalised; empty when the entry is not an ICD-10-CM code
    day: date | None = None
    verdict: str = ""  # a Verdict value; empty when the row could not be checked
    reason: str = ""
    title: str = ""
    billable: str = ""
    severity: str = ""
    hcc_v28: str = ""
    hcc_v24: str = ""

    @property
    def is_valid(self) -> bool:
        return self.verdict == Verdict.VALID

    # What the results table shows, prepared here: a thousand rows render fast only
    # when each cell is a plain value.
    @property
    def css_class(self) -> str:
        return "check-table__valid" if self.is_valid else "check-table__invalid"

    @property
    def status_label(self) -> str:
        return self.verdict.capitalize()

    @property
    def shows_entered(self) -> bool:
        return self.code != self.entered

    @property
    def day_text(self) -> str:
        return self.day.isoformat() if self.day else ""


@dataclass
class CheckResult:
    rows: list[CheckedRow] = field(default_factory=list)
    looked_up: int = 0  # rows counted against the daily allowance
    not_checked: int = 0  # rows left out because the daily allowance ran out

    @property
    def valid_count(self) -> int:
        return sum(row.is_valid for row in self.rows)


def printable(text: str) -> str:
    """`text` with control and formatting characters (NUL, a right-to-left override...)
    shown as "\ufffd", so a bad cell can be echoed back as it was typed, safely."""
    return "".join("\ufffd" if unicodedata.category(char)[0] == "C" else char for char in text)


def read_rows(text: str) -> list[Row]:
    """The non-blank rows of pasted text or an uploaded file, a header line skipped."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        cells = [cell.strip().strip('"') for cell in CELL_SEPARATOR.split(line.strip()) if cell]
        cells = [printable(cell) for cell in cells if cell]
        if not cells:
            continue
        if not rows and cells[0].lower() in HEADER_WORDS:
            continue
        rows.append(Row(number, cells[0][:MAX_CELL], " ".join(cells[1:2])[:MAX_CELL]))
    return rows


def rows_key(rows: list[Row], default_day: date) -> str:
    """The rows and the date of service of rows without one, as one text: the same whether
    they were pasted, uploaded or sent again, and another for another date."""
    return "\n".join(
        [default_day.isoformat(), *(f"{row.entered}\t{row.date_text}" for row in rows)]
    )


def normalised_code(entered: str) -> str:
    """The catalogue's spelling of an ICD-10-CM code, or "" when the entry is not one."""
    code = canonical_code("icd-10-cm", entered)
    return code if is_icd_code(code) else ""


def check_rows(rows: list[Row], default_day: date, grant: Callable[[int], int]) -> CheckResult:
    """Check the rows. `grant(wanted)` is asked once how many of the `wanted` rows that hold
    a code and a date may be looked up (the daily allowance); the rest say so."""
    result = CheckResult()
    checkable: list[CheckedRow] = []
    for row in rows:
        checked = CheckedRow(row.line, row.entered, code=normalised_code(row.entered))
        result.rows.append(checked)
        if not checked.code:
            checked.reason = f"“{row.entered}” is not an ICD-10-CM code."
            continue
        try:
            checked.day = parse_date_of_service(row.date_text) if row.date_text else default_day
        except ValueError as error:
            checked.reason = str(error)
            continue
        checkable.append(checked)
    granted = grant(len(checkable))
    for checked in checkable[granted:]:
        checked.reason = "Not checked: today's row allowance is used up."
    result.looked_up, result.not_checked = granted, len(checkable[granted:])
    look_up(checkable[:granted])
    return result


def look_up(rows: list[CheckedRow]) -> None:
    """Fill in each row's facts, with one query per table for all the rows."""
    codes = sorted({row.code for row in rows})
    # Only the columns the answers use: a thousand rows' timestamps and title changes
    # would cost more to convert than the rest of the check.
    catalogue = {
        code.code: code
        for code in Code.objects.select_related("system")
        .filter(system__slug="icd-10-cm", code__in=codes)
        .only(*CATALOGUE_COLUMNS)
    }
    histories = {
        each.code: each
        for each in CodeHistory.objects.filter(code__in=codes).only(
            "code", "valid_from", "valid_to"
        )
    }
    edition = Edition.objects.filter(system__slug="icd-10-cm").first()
    severities = complication_codes_by_code(codes) if edition and edition.ms_drg_title else None
    hccs = hcc_diagnoses_by_code(codes) if edition and edition.hcc_title else None
    for row in rows:
        code, history = catalogue.get(row.code), histories.get(row.code)
        validity = validity_on(row.day, code, history)
        row.verdict, row.reason = validity.verdict.value, validity.reason
        if code is not None:
            row.title = code.long_descriptor
            row.billable = "yes" if code.billable and not code.is_hierarchy_node else "no"
        elif history is not None:
            row.title = "(title not yet loaded)"
            row.billable = "yes"
        if code is None and history is None:
            continue
        if severities is not None:
            row.severity = severity_text(severities.get(row.code))
        if hccs is not None:
            diagnosis = hccs.get(row.code)
            by_model = hcc_assignments(diagnosis.mappings if diagnosis else [])
            row.hcc_v28 = hcc_text(by_model.get("V28", []))
            row.hcc_v24 = hcc_text(by_model.get("V24", []))


def severity_text(facts: ComplicationCode | None) -> str:
    if facts is None:
        return "neither"
    return facts.severity + (" (if discharged alive)" if facts.discharged_alive_only else "")


def hcc_text(assignments: list) -> str:
    """ "38", or "22 (under age 50); 23 (age 50 or older)", or "none"."""
    if not assignments:
        return "none"
    return "; ".join(
        f"{each.number} ({each.conditions_text})" if each.conditions else str(each.number)
        for each in assignments
    )


CSV_COLUMNS = [
    ("line", "line"),
    ("entered", "entered"),
    ("code", "code"),
    ("date_of_service", "day"),
    ("status", "verdict"),
    ("reason", "reason"),
    ("title", "title"),
    ("billable", "billable"),
    ("ms_drg_cc_mcc", "severity"),
    ("hcc_v28", "hcc_v28"),
    ("hcc_v24", "hcc_v24"),
]


def as_csv(result: CheckResult) -> str:
    """The results as CSV: a header row, then one row per entered row, in input order."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow([name for name, _ in CSV_COLUMNS])
    for row in result.rows:
        writer.writerow([csv_safe(getattr(row, attribute)) for _, attribute in CSV_COLUMNS])
    return output.getvalue()


def csv_safe(value) -> str:
    """A cell a spreadsheet will not run as a formula (an entered "=HYPERLINK(...)")."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
