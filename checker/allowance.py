"""The bulk checker's daily row allowance: free accounts check CHECKER_DAILY_ROWS rows a day
(the site's day, core/days.py), staff and Premium accounts any number. Checking rows never
spends code page views."""

import hashlib
from datetime import date

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import F

from accounts.metering import Tier, tier_of

from .models import DailyRows


def daily_allowance(user) -> int | None:
    """Rows the account may check a day; None when unlimited."""
    return None if tier_of(user) is Tier.UNLIMITED else settings.CHECKER_DAILY_ROWS


def rows_left(user, day: date) -> int | None:
    allowance = daily_allowance(user)
    if allowance is None:
        return None
    used = DailyRows.objects.filter(user=user, day=day).values_list("rows", flat=True).first()
    return max(allowance - (used or 0), 0)


def take_rows(user, wanted: int, day: date) -> int:
    """Count up to `wanted` rows against the account's allowance; returns how many it may
    check. Racing requests cannot overdraw it: each reads the count under a row lock."""
    allowance = daily_allowance(user)
    if allowance is None or wanted == 0:
        return wanted
    with transaction.atomic():
        # Locked while it changes (get_or_create copes with a racing first insert).
        counted, _ = DailyRows.objects.select_for_update().get_or_create(user=user, day=day)
        granted = max(min(wanted, allowance - counted.rows), 0)
        if granted:
            DailyRows.objects.filter(pk=counted.pk).update(rows=F("rows") + granted)
    return granted


RECEIPT_SALT = "checker.receipt"


def receipt_for(user, text: str, day: date, granted: int) -> str:
    """A signed note that `user` checked `text` (checking.rows_key: the rows and their date
    of service) on `day`, `granted` rows counted: downloading the same results as CSV then
    counts nothing again; the same rows for another date of service count."""
    return signing.dumps(
        {"user": user.pk, "day": day.isoformat(), "text": digest(text), "granted": granted},
        salt=RECEIPT_SALT,
    )


def rows_granted_by(receipt: str, user, text: str, day: date) -> int | None:
    """The rows a receipt already counted for this user, text and day; None if it does not
    match (forged, altered, another day's, or other rows' or date of service's)."""
    try:
        note = signing.loads(receipt, salt=RECEIPT_SALT)
    except signing.BadSignature:
        return None
    expected = {"user": user.pk, "day": day.isoformat(), "text": digest(text)}
    if not isinstance(note, dict) or any(note.get(key) != value for key, value in expected.items()):
        return None
    granted = note.get("granted")
    return granted if isinstance(granted, int) and granted >= 0 else None


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
