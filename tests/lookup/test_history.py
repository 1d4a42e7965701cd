"""The rules of code history: fiscal years, validity on a date, real title changes."""

from datetime import date

from lookup.history import (
    Verdict,
    fiscal_year_of,
    same_title,
    title_changes,
    validity_on,
)
from lookup.models import Code, CodeHistory
from tests.conftest import make_code


def test_october_starts_the_next_fiscal_year():
    assert fiscal_year_of(date(2025, 9, 30)) == 2025
    assert fiscal_year_of(date(2025, 10, 1)) == 2026
    assert fiscal_year_of(date(2021, 1, 1)) == 2021


def test_validity_follows_the_history_dates():
    history = CodeHistory(code="X", valid_from=date(2020, 4, 1), valid_to=date(2026, 9, 30))

    assert validity_on(date(2020, 3, 31), None, history).verdict is Verdict.NOT_YET_VALID
    assert validity_on(date(2020, 4, 1), None, history).verdict is Verdict.VALID
    assert validity_on(date(2026, 9, 30), None, history).verdict is Verdict.VALID
    assert validity_on(date(2026, 10, 1), None, history).verdict is Verdict.DELETED


def test_unknown_code_is_unknown():
    assert validity_on(date(2024, 1, 1), None, None).verdict is Verdict.UNKNOWN


def test_without_a_history_the_catalogue_row_decides(icd, cpt):
    header = make_code("S72", icd, billable=False)
    ended = make_code("0001T", cpt, status=Code.Status.DELETED, end_date=date(2024, 12, 31))

    assert validity_on(date(2024, 1, 1), header, None).verdict is Verdict.HEADER
    assert validity_on(date(2024, 12, 31), ended, None).verdict is Verdict.VALID
    assert validity_on(date(2025, 1, 1), ended, None).verdict is Verdict.DELETED
    assert validity_on(date(2015, 9, 30), make_code("A00.9", icd), None).verdict is (
        Verdict.NOT_YET_VALID
    )


def test_accents_and_joined_seventh_character_wordings_are_not_changes():
    assert same_title("Sjogren syndrome", "Sjögren syndrome")
    assert same_title(
        "Fracture, initial encounter for open fracture type I or II",
        "Fracture, initial encounter for open fracture type I or II/ initial encounter for "
        "open fracture NOS",
    )
    assert not same_title("Metabolic syndrome", "Metabolic syndrome and other insulin resistance")


def test_title_changes_name_the_editions_around_each_change():
    changes = title_changes([(2021, "Old"), (2024, "Old"), (2025, "New"), (2026, "Newer")])

    assert [(each.previous_edition, each.edition, each.after) for each in changes] == [
        (2024, 2025, "New"),
        (2025, 2026, "Newer"),
    ]
