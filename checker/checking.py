"""The bulk checker's rules: read pasted or uploaded rows, check each ICD-10-CM code for its
date of service, and write the results as CSV.

A row is a code and an optional date of service ("E11.9", "E11.9, 2023-05-01",
"e119<TAB>5/1/2023"). Every problem is reported on its row; nothing here raises on input.
Facts only: validity, title, billable, CC/MCC and HCCs, never a section's text. Validity,
title and billable are those in force on the row's date (the code history); CC/MCC and HCCs
come from the one edition of CMS's tables we hold, named beside them. A HCPCS Level II or
CPT code is named as such, never re-spelt as an ICD-10-CM code.
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
from lookup.history import Verdict, fiscal_year_of, validity_on
from lookup.models import (
    Code,
    CodeHistory,
    canonical_code,
    is_cpt_code,
    is_hcpcs_code,
    is_icd_code,
)

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
    code: str = ""  # normalised; empty when the entry is no code we recognise
    day: date | None = None
    verdict: str = ""  # a Verdict value; empty when the row could not be checked
    reason: str = ""
    title: str = ""
    billable: str = ""
    severity: str = ""
    hcc_v28: str = ""
    hcc_v24: str = ""
    system: str = "ICD-10-CM"  # the code's system; empty when the entry is no code we know
    # Set when the row's date falls outside the year the CMS tables apply to.
    ms_drg_edition_differs: bool = False
    hcc_edition_differs: bool = False

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
        if not self.verdict and self.system and self.system != "ICD-10-CM":
            return f"{self.system}, not ICD-10-CM"
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
    # The CMS tables CC/MCC and HCCs come from ("MS-DRG v43 (FY2026)"); empty if not loaded.
    ms_drg_edition: str = ""
    hcc_edition: str = ""
    hcc_payment_year: int | None = None

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


def other_system(entered: str) -> str:
    """ "HCPCS Level II" or "CPT" when the entry has that system's shape, else ""."""
    compact = "".join(entered.split()).upper()
    if is_cpt_code(compact):
        return "CPT"
    return "HCPCS Level II" if is_hcpcs_code(compact) else ""


def known_icd_codes(codes: set[str]) -> set[str]:
    """Which of `codes` the ICD-10-CM catalogue or its history holds."""
    in_catalogue = Code.objects.filter(system__slug="icd-10-cm", code__in=codes)
    in_history = CodeHistory.objects.filter(code__in=codes)
    return {
        *in_catalogue.values_list("code", flat=True),
        *in_history.values_list("code", flat=True),
    }


def check_rows(rows: list[Row], default_day: date, grant: Callable[[int], int]) -> CheckResult:
    """Check the rows. `grant(wanted)` is asked once how many of the `wanted` rows that hold
    an ICD-10-CM code and a date may be looked up (the daily allowance); the rest say so."""
    result = CheckResult()
    checked_rows = [
        CheckedRow(row.line, row.entered, code=normalised_code(row.entered)) for row in rows
    ]
    # "E1165" is E11.65 typed without its dot, "A4253" a HCPCS code: the catalogue decides.
    # So it does for a letter in second place: QA0.0101 is a code, "XYZ123" is not.
    ambiguous = {
        row.code
        for row in checked_rows
        if row.code and (other_system(row.entered) or row.code[1].isalpha())
    }
    icd_codes = known_icd_codes(ambiguous) if ambiguous else set()
    checkable: list[CheckedRow] = []
    other_systems: list[CheckedRow] = []
    for row, checked in zip(rows, checked_rows, strict=True):
        result.rows.append(checked)
        if checked.code not in icd_codes and other_system(row.entered):
            checked.system = other_system(row.entered)
            checked.code = "".join(row.entered.split()).upper()
            other_systems.append(checked)
            continue
        if checked.code[1:2].isalpha() and checked.code not in icd_codes:
            checked.code = ""
        if not checked.code:
            checked.system = ""
            checked.reason = (
                f"“{row.entered}” is not an ICD-10-CM code. It is not a code we recognise "
                "in HCPCS Level II or CPT either."
            )
            continue
        try:
            checked.day = parse_date_of_service(row.date_text) if row.date_text else default_day
        except ValueError as error:
            checked.reason = str(error)
            continue
        checkable.append(checked)
    name_other_systems(other_systems)
    granted = grant(len(checkable))
    for checked in checkable[granted:]:
        checked.reason = "Not checked: today's row allowance is used up."
    result.looked_up, result.not_checked = granted, len(checkable[granted:])
    edition = Edition.objects.filter(system__slug="icd-10-cm").first()
    if edition is not None:
        result.ms_drg_edition, result.hcc_edition = edition.ms_drg_title, edition.hcc_title
        result.hcc_payment_year = edition.hcc_payment_year
    look_up(checkable[:granted], edition)
    return result


def name_other_systems(rows: list[CheckedRow]) -> None:
    """Say which system each row's code belongs to, with a HCPCS code's title when the
    catalogue has it (CPT's descriptors are licensed: never shown here)."""
    slugs = {"HCPCS Level II": "hcpcs", "CPT": "cpt"}
    known = (
        {
            (slug, code): title
            for slug, code, title in Code.objects.filter(
                system__slug__in=slugs.values(), code__in=[row.code for row in rows]
            ).values_list("system__slug", "code", "long_descriptor")
        }
        if rows
        else {}
    )
    for row in rows:
        key = (slugs[row.system], row.code)
        row.title = known[key] if key in known and row.system == "HCPCS Level II" else ""
        verb = "is" if key in known else "has the shape of"
        row.reason = (
            f"{row.code} {verb} a {row.system} code, not an ICD-10-CM code: "
            "this checker checks ICD-10-CM codes only."
        )


def look_up(rows: list[CheckedRow], edition: Edition | None) -> None:
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
            "code", "valid_from", "valid_to", "title_changes"
        )
    }
    severities = complication_codes_by_code(codes) if edition and edition.ms_drg_title else None
    hccs = hcc_diagnoses_by_code(codes) if edition and edition.hcc_title else None
    for row in rows:
        code, history = catalogue.get(row.code), histories.get(row.code)
        validity = validity_on(row.day, code, history)
        row.verdict, row.reason = validity.verdict.value, validity.reason
        if code is None and history is None:
            continue
        # Reportable on the day is what billable means: a header then, or a code not yet
        # (or no longer) in use, is not billable that day, whatever it is today.
        row.billable = "yes" if validity.is_valid else "no"
        if code is not None:
            row.title = title_on(row.day, code.long_descriptor, history)
        else:
            row.title = "(title not yet loaded)"
        if severities is not None:
            row.severity = severity_text(severities.get(row.code))
            row.ms_drg_edition_differs = fiscal_year_of(row.day) != edition.ms_drg_fiscal_year
        if hccs is not None:
            diagnosis = hccs.get(row.code)
            by_model = hcc_assignments(diagnosis.mappings if diagnosis else [])
            row.hcc_v28 = hcc_text(by_model.get("V28", []))
            row.hcc_v24 = hcc_text(by_model.get("V24", []))
            # Payment year N's model reads the diagnoses of year N - 1's dates of service.
            row.hcc_edition_differs = row.day.year != edition.hcc_payment_year - 1


def title_on(day: date, current_title: str, history: CodeHistory | None) -> str:
    """The code's title in the edition in force on `day`: the wording before the first
    change made by a later edition, or today's."""
    fiscal_year = fiscal_year_of(day)
    for change in history.title_changes if history is not None else []:
        if change["edition"] > fiscal_year:
            return change["before"]
    return current_title


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
    ("system", "system"),
    ("ms_drg_edition", "ms_drg_edition"),
    ("hcc_edition", "hcc_edition"),
]


def as_csv(result: CheckResult) -> str:
    """The results as CSV: a header row, then one row per entered row, in input order."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow([name for name, _ in CSV_COLUMNS])
    for row in result.rows:
        values = vars(row) | {
            "ms_drg_edition": result.ms_drg_edition if row.severity else "",
            "hcc_edition": result.hcc_edition if row.hcc_v28 else "",
        }
        writer.writerow([csv_safe(values.get(attribute, "")) for _, attribute in CSV_COLUMNS])
    return output.getvalue()


def csv_safe(value) -> str:
    """A cell a spreadsheet will not run as a formula (an entered "=HYPERLINK(...)")."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
