"""The business-hours target: only weekday hours inside the consultants' day count."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from consultant.hours import due_by, in_words, time_left

NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def hours(settings):
    settings.CONSULTANT_BUSINESS_HOURS = "9-17"
    settings.CONSULTANT_TIME_ZONE = "America/New_York"


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment in November 2026 in New York (the 23rd is a Monday)."""
    return datetime.datetime(2026, 11, day, hour, minute, tzinfo=NEW_YORK)


def test_question_in_the_morning_is_due_the_same_afternoon():
    assert due_by(at(23, 9, 30), 4) == at(23, 13, 30)


def test_hours_left_over_at_closing_carry_to_the_next_morning():
    assert due_by(at(23, 15), 4) == at(24, 11)


def test_question_on_friday_evening_is_due_on_monday():
    assert due_by(at(27, 18), 8) == at(30, 17)


def test_question_at_night_starts_counting_at_opening():
    assert due_by(at(24, 2), 1) == at(24, 10)


def test_question_on_sunday_starts_counting_on_monday():
    assert due_by(at(29, 12), 2) == at(30, 11)


def test_time_left_reads_as_words():
    assert time_left(at(23, 13, 30), at(23, 10, 10)) == "3 h 20 min left"
    assert time_left(at(23, 13), at(23, 13, 45)) == "overdue by 45 min"


def test_promised_time_is_written_in_the_consultants_time_zone():
    moment = datetime.datetime(2026, 11, 24, 18, 0, tzinfo=datetime.UTC)

    assert in_words(moment) == "Tuesday, November 24, 1:00 PM EST"
