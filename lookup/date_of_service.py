"""The date of service a reader checks codes for: `?dos=YYYY-MM-DD` on a code page or a
search, remembered in the session until changed or cleared (`?dos=` empty)."""

import re
from dataclasses import dataclass
from datetime import date

from django.http import HttpRequest

SESSION_KEY = "date_of_service"
EARLIEST = date(1900, 1, 1)
LATEST = date(2099, 12, 31)
ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
US_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


def parse_date_of_service(raw: str) -> date:
    """A date written 2023-05-01 or 5/1/2023; ValueError with a message a reader can act on."""
    text = raw.strip()
    if match := ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := US_DATE.fullmatch(text):
        month, day, year = (int(part) for part in match.groups())
    else:
        raise ValueError(f"“{text[:40]}” is not a date: write it as 2023-05-01 or 5/1/2023.")
    try:
        parsed = date(year, month, day)
    except ValueError:
        raise ValueError(f"“{text}” is not a day of the calendar.") from None
    if not EARLIEST <= parsed <= LATEST:
        raise ValueError(f"Give a date between {EARLIEST.year} and {LATEST.year}.")
    return parsed


@dataclass(frozen=True)
class DateOfService:
    """The date a page checks codes for (None: none chosen), and a rejected entry's message."""

    day: date | None
    rejected: str = ""  # what the reader typed when it was not a date
    error: str = ""

    @property
    def iso(self) -> str:
        return self.day.isoformat() if self.day else ""


def date_of_service_for(request: HttpRequest) -> DateOfService:
    """The request's `dos` if given (then remembered), else the session's; a bad `dos` keeps
    the remembered date and says why it was not taken."""
    remembered = request.session.get(SESSION_KEY)
    remembered_day = date.fromisoformat(remembered) if remembered else None
    if "dos" not in request.GET:
        return DateOfService(remembered_day)
    raw = request.GET["dos"]
    if not raw.strip():
        if remembered:
            del request.session[SESSION_KEY]
        return DateOfService(None)
    try:
        day = parse_date_of_service(raw)
    except ValueError as error:
        return DateOfService(remembered_day, rejected=raw[:40], error=str(error))
    if remembered != day.isoformat():
        request.session[SESSION_KEY] = day.isoformat()
    return DateOfService(day)
