"""The site's days. Every day a reader is told about (a daily limit, a monthly allowance, a
job's closing day) is a day in SITE_TIME_ZONE, so that limits reset at the readers'
midnight rather than UTC's (8 pm in New York). Each decision takes the moment once and
derives its day from it, so that everything it counts or checks falls on the same day."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def site_today(now: datetime.datetime | None = None) -> datetime.date:
    """The site's date at `now` (by default, now)."""
    return timezone.localdate(now or timezone.now(), ZoneInfo(settings.SITE_TIME_ZONE))


def site_month(now: datetime.datetime | None = None) -> str:
    """The site's month at `now`, as "2026-11"."""
    return f"{site_today(now):%Y-%m}"


def first_of_next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def end_of_site_day(day: datetime.date) -> datetime.datetime:
    """The last second of `day` in the site's time zone, as an aware moment."""
    return datetime.datetime.combine(
        day, datetime.time(23, 59, 59), ZoneInfo(settings.SITE_TIME_ZONE)
    )
