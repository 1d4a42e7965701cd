"""The unlock ledger: which codes an identity opened in a period, and taking a new one."""

import datetime
import uuid
from dataclasses import dataclass
from enum import Enum

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from core.days import first_of_next_month, site_month, site_today

from .models import Unlock, User


@dataclass(frozen=True)
class Identity:
    """Whose views are counted: an account, or a guest visitor."""

    user: User | None = None
    visitor: uuid.UUID | None = None

    @property
    def user_id(self) -> int | None:
        return self.user.pk if self.user is not None else None

    @property
    def lookup(self) -> dict:
        return {"user": self.user} if self.user is not None else {"visitor": self.visitor}


class Outcome(Enum):
    NEW = "new"  # a view was used to unlock the code
    ALREADY = "already"  # the code was unlocked before: no view used
    REFUSED = "refused"  # no view left


def current_period(now: datetime.datetime | None = None) -> str:
    """The meter's period: "lifetime", or the site's month ("2026-11") when METER_PERIOD is
    month."""
    if settings.METER_PERIOD == "month":
        return site_month(now)
    return "lifetime"


def period_end(now: datetime.datetime | None = None) -> datetime.date | None:
    """The day allowances renew (the 1st of the site's next month), or None for a lifetime
    meter."""
    if settings.METER_PERIOD != "month":
        return None
    return first_of_next_month(site_today(now))


def unlocked_slots(identity: Identity, period: str) -> dict[int, int]:
    """The codes `identity` unlocked in `period`, as {code id: slot}, in one query."""
    if identity.user is None and identity.visitor is None:
        return {}
    return dict(
        Unlock.objects.filter(period=period, **identity.lookup).values_list("code_id", "slot")
    )


# How long a reader's unlocked codes stay cached without a change to renew them.
REMEMBERED_UNLOCKS_SECONDS = 3600


def remembered_unlocks(identity: Identity, period: str) -> dict[int, int]:
    """`unlocked_slots`, from the cache where CACHE_READERS says it is shared.

    The cache may miss an unlock another request just made (then the meter asks the ledger
    before spending a view, see metering._use_view) but never holds one the ledger lost:
    every deletion forgets it (accounts/receivers.py). Call it before the request writes any
    unlock, so that what it caches is committed.
    """
    if not settings.CACHE_READERS or (identity.user is None and identity.visitor is None):
        return unlocked_slots(identity, period)
    key = unlocks_key(period, identity.user_id, identity.visitor)
    found = cache.get(key)
    if found is None:
        found = unlocked_slots(identity, period)
        cache.set(key, found, timeout=REMEMBERED_UNLOCKS_SECONDS)
    return found


def unlocks_key(period: str, user_id: int | None, visitor: uuid.UUID | None) -> str:
    owner = f"user:{user_id}" if user_id is not None else f"visitor:{visitor}"
    return f"unlocks:{period}:{owner}"


def forget_unlocks(period: str, user_id: int | None, visitor: uuid.UUID | None) -> None:
    """Drop the cached unlocks of one identity now and again once the current transaction
    commits: a request reading the ledger in between may cache it as it was before."""
    key = unlocks_key(period, user_id, visitor)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def _insert_unlock(identity: Identity, code_id: int, period: str, slot: int) -> bool:
    """Insert one unlock; False when a unique constraint (code or slot) says it is taken.

    ON CONFLICT DO NOTHING instead of catching IntegrityError: no savepoint needed, and a
    transaction around it stays usable.
    """
    values = {
        "user_id": identity.user.pk if identity.user is not None else None,
        "visitor": identity.visitor,
        "code_id": code_id,
        "period": period,
        "slot": slot,
        "unlocked_at": timezone.now(),
    }
    fields = [Unlock._meta.get_field(name) for name in values]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT DO NOTHING RETURNING {}".format(
        quote(Unlock._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
        quote("id"),
    )
    parameters = [
        field.get_db_prep_save(value, connection)
        for field, value in zip(fields, values.values(), strict=True)
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        return cursor.fetchone() is not None


def try_unlock(
    identity: Identity, code_id: int, period: str, allowance: int, taken: dict[int, int]
) -> Outcome:
    """Unlock `code_id` in the lowest free slot up to `allowance`; updates `taken` in place.

    Slots are unique per identity and period, so of racing requests at most `allowance`
    can ever hold one: a request that loses a slot re-reads the ledger and tries the next.
    """
    for _ in range(allowance + 1):
        if code_id in taken:
            return Outcome.ALREADY
        free_slots = sorted(set(range(1, allowance + 1)) - set(taken.values()))
        if len(taken) >= allowance or not free_slots:
            return Outcome.REFUSED
        if _insert_unlock(identity, code_id, period, free_slots[0]):
            taken[code_id] = free_slots[0]
            forget_unlocks(period, identity.user_id, identity.visitor)
            return Outcome.NEW
        taken.clear()
        taken.update(unlocked_slots(identity, period))
    return Outcome.REFUSED
