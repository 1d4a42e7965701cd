"""The business-hours target: when a question that waits for a consultant is promised by."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings


def business_hours() -> tuple[int, int]:
    """CONSULTANT_BUSINESS_HOURS ("9-17") as the opening and closing hour."""
    opening, _, closing = settings.CONSULTANT_BUSINESS_HOURS.partition("-")
    return int(opening), int(closing)


def next_opening(moment: datetime.datetime, opening: int) -> datetime.datetime:
    """The next weekday's opening time after `moment`'s day."""
    day = moment.date() + datetime.timedelta(days=1)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(opening), tzinfo=moment.tzinfo)


def due_by(start: datetime.datetime, hours: int | None = None) -> datetime.datetime:
    """The moment `hours` business hours (CONSULTANT_TARGET_HOURS by default) after `start`,
    counting only Monday to Friday within CONSULTANT_BUSINESS_HOURS in CONSULTANT_TIME_ZONE."""
    remaining = datetime.timedelta(
        hours=settings.CONSULTANT_TARGET_HOURS if hours is None else hours
    )
    opening, closing = business_hours()
    moment = start.astimezone(ZoneInfo(settings.CONSULTANT_TIME_ZONE))
    while True:
        day_opens = moment.replace(hour=opening, minute=0, second=0, microsecond=0)
        day_closes = moment.replace(hour=closing, minute=0, second=0, microsecond=0)
        if moment.weekday() >= 5 or moment >= day_closes:
            moment = next_opening(moment, opening)
            continue
        moment = max(moment, day_opens)
        if remaining <= day_closes - moment:
            return moment + remaining
        remaining -= day_closes - moment
        moment = next_opening(moment, opening)


def time_left(due_at: datetime.datetime, now: datetime.datetime) -> str:
    """The time left to a target in words: "3 h 20 min left", or "overdue by 45 min"."""
    seconds = int((due_at - now).total_seconds())
    hours, minutes = divmod(abs(seconds) // 60, 60)
    span = f"{hours} h {minutes} min" if hours else f"{minutes} min"
    return f"{span} left" if seconds >= 0 else f"overdue by {span}"


def in_words(moment: datetime.datetime) -> str:
    """A promised time as the coder reads it, in the consultants' time zone:
    "Tuesday, November 25, 1:00 PM EST"."""
    local = moment.astimezone(ZoneInfo(settings.CONSULTANT_TIME_ZONE))
    return f"{local:%A, %B} {local.day}, {local:%I:%M %p %Z}".replace(", 0", ", ")
