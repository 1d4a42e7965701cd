"""Code history: fiscal years, whether a code could be reported on a date of service, and
which title differences between editions are real wording changes.

ICD-10-CM validity comes from CodeHistory (the CMS code editor's dates); codes of other
systems, and ICD-10-CM codes imported without a history, fall back to the catalogue's own
status, billable flag and effective and end dates.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import pairwise

from django.db.models import Q

from .models import Code, CodeHistory

# ICD-10-CM replaced ICD-9-CM in the US on this day: FY2016, its first edition.
FIRST_ICD10CM_DAY = date(2015, 10, 1)


def fiscal_year_of(day: date) -> int:
    """The US federal fiscal year of a day: October 1 of year Y starts fiscal year Y + 1."""
    return day.year + 1 if day.month >= 10 else day.year


def fiscal_year_start(fiscal_year: int) -> date:
    return date(fiscal_year - 1, 10, 1)


def edition_fiscal_year(edition: str) -> int | None:
    """2026 for an edition named "FY2026"; None for an edition not named by fiscal year."""
    match = re.fullmatch(r"FY(\d{4})", edition.strip())
    return int(match[1]) if match else None


class Verdict(StrEnum):
    VALID = "valid"
    HEADER = "header"  # a heading over more specific codes: never reported itself
    DELETED = "deleted"
    NOT_YET_VALID = "not yet valid"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Validity:
    """Whether a code could be reported on `day`, and why not."""

    verdict: Verdict
    day: date
    valid_from: date | None = None
    valid_to: date | None = None

    @property
    def is_valid(self) -> bool:
        return self.verdict is Verdict.VALID

    @property
    def reason(self) -> str:
        """One short sentence, in the checker's table and CSV and under a code page's date."""
        on = f"{self.day:%b} {self.day.day}, {self.day.year}"
        if self.verdict is Verdict.VALID:
            return f"Valid on {on}."
        if self.verdict is Verdict.HEADER:
            ended = f" (reportable until {long_date(self.valid_to)})" if self.valid_to else ""
            return f"Not valid on {on}: a header{ended}; report a more specific code."
        if self.verdict is Verdict.DELETED:
            last = f": its last valid day was {long_date(self.valid_to)}" if self.valid_to else ""
            return f"Not valid on {on}: deleted{last}."
        if self.verdict is Verdict.NOT_YET_VALID:
            since = f" It is valid from {long_date(self.valid_from)}." if self.valid_from else ""
            return f"Not valid on {on}: not yet in use.{since}"
        return "Not a code we know."


def long_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def validity_on(day: date, code: Code | None, history: CodeHistory | None) -> Validity:
    """Whether `code` (the catalogue's row, if any) could be reported on `day`.

    A history decides when there is one: a code that later became a header (M35.8 on
    2021-01-01) was valid while it was billable. Without one, the catalogue's row does.
    """
    if history is not None:
        span = {"valid_from": history.valid_from, "valid_to": history.valid_to}
        if day < history.valid_from:
            return Validity(Verdict.NOT_YET_VALID, day, **span)
        if history.valid_to is not None and day > history.valid_to:
            became_header = code is not None and not code.is_deleted and not code.billable
            return Validity(Verdict.HEADER if became_header else Verdict.DELETED, day, **span)
        return Validity(Verdict.VALID, day, **span)
    if code is None:
        return Validity(Verdict.UNKNOWN, day)
    span = {"valid_from": code.effective_date, "valid_to": code.end_date}
    if code.is_hierarchy_node or not code.billable:
        return Validity(Verdict.HEADER, day)
    too_early = code.effective_date or (
        FIRST_ICD10CM_DAY if code.system.slug == "icd-10-cm" else None
    )
    if too_early and day < too_early:
        return Validity(Verdict.NOT_YET_VALID, day, too_early, code.end_date)
    if (code.end_date and day > code.end_date) or (code.is_deleted and not code.end_date):
        return Validity(Verdict.DELETED, day, **span)
    return Validity(Verdict.VALID, day, **span)


def valid_on_filter(day: date) -> Q:
    """The codes `validity_on` finds valid on `day`, as a filter on Code (search uses it)."""
    in_history = Q(history__valid_from__lte=day) & (
        Q(history__valid_to__isnull=True) | Q(history__valid_to__gte=day)
    )
    still_current = Q(end_date__isnull=True) & ~Q(status=Code.Status.DELETED)
    by_catalogue = (
        Q(history__isnull=True, level=Code.Level.CODE, billable=True)
        & (Q(effective_date__isnull=True) | Q(effective_date__lte=day))
        & (still_current | Q(end_date__gte=day))
    )
    if day < FIRST_ICD10CM_DAY:
        by_catalogue &= ~Q(system__slug="icd-10-cm", effective_date__isnull=True)
    return in_history | by_catalogue


def comparable_title(title: str) -> str:
    """A title with accents removed and spaces collapsed, for comparing editions.

    The flat CDC files spell Sjögren "Sjogren" where the tabular list keeps the accent.
    """
    if not title.isascii():
        decomposed = unicodedata.normalize("NFKD", title)
        title = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(title.split()).casefold()


def same_title(earlier: str, later: str) -> bool:
    """Whether two editions' titles say the same thing.

    Besides accents, the tabular list builds a 7th-character code's title from every
    wording of the character joined by "/", where the flat files keep the first only.
    """
    if earlier == later:
        return True
    before, after = comparable_title(earlier), comparable_title(later)
    if before == after:
        return True
    shorter, longer = sorted([before, after], key=len)
    return longer.startswith(shorter) and longer[len(shorter) :].lstrip().startswith("/")


@dataclass(frozen=True)
class TitleChange:
    edition: int
    previous_edition: int
    before: str
    after: str


def title_changes(titles: list[tuple[int, str]]) -> list[TitleChange]:
    """The real wording changes between successive editions' titles, oldest first."""
    changes = []
    for (previous_edition, before), (edition, after) in pairwise(titles):
        if not same_title(before, after):
            changes.append(TitleChange(edition, previous_edition, before, after))
    return changes


def codes_added_in_place_of(code: Code, history: CodeHistory | None) -> list[str]:
    """The codes the update that deleted `code` added under it (M72.2: M72.20 to M72.29), what
    to report for later dates of service; none for a code still valid or deleted alone."""
    if not may_have_successors(code, history):
        return []
    added = CodeHistory.objects.filter(
        code__startswith=code.code, fiscal_year_added=history.fiscal_year_deleted
    )
    return successors_among(code, history, added.values_list("code", "fiscal_year_added"))


def may_have_successors(code: Code, history: CodeHistory | None) -> bool:
    return history is not None and history.fiscal_year_deleted is not None and code.is_deleted


def successors_among(
    code: Code, history: CodeHistory, added: Iterable[tuple[str, int | None]]
) -> list[str]:
    """Of `added` (code, fiscal year added) rows, those added under `code` by the update that
    deleted it, in code order (codes_added_in_place_of, for many codes read at once)."""
    return sorted(
        each
        for each, fiscal_year in added
        if each != code.code
        and each.startswith(code.code)
        and fiscal_year == history.fiscal_year_deleted
    )
