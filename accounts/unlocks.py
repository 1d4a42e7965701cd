"""The unlock ledger: which codes an identity opened in a period, and taking a new one."""

import datetime
import uuid
from dataclasses import dataclass
from enum import Enum

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from core import read_ahead
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
    found = read_ahead.get(key)
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
    if connection.in_atomic_block:
        transaction.on_commit(lambda: cache.delete(key))


def _insert_unlock(identity: Identity, code_id: int, period: str, slot: int) -> bool:
    """Insert one unlock; False when a unique constraint (code or slot) says it is taken.

    ON CONFLICT DO NOTHING instead of catching IntegrityError: no savepoint needed, and a
    transaction around it stays usable.
    """
    sql, parameters = _unlock_statement(identity, code_id, period, slot)
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        return cursor.fetchone() is not None


def _unlock_statement(
    identity: Identity, code_id: int, period: str, slot: int, condition: str = "1 = 1"
) -> tuple[str, list]:
    """The insert of one unlock when `condition` (SQL) holds, returning a row when it was
    written: its SQL and parameters."""
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
    sql = "INSERT INTO {} ({}) SELECT {} WHERE {} ON CONFLICT DO NOTHING RETURNING {}".format(
        quote(Unlock._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
        condition,
        quote("id"),
    )
    parameters = [
        field.get_db_prep_save(value, connection)
        for field, value in zip(fields, values.values(), strict=True)
    ]
    return sql, parameters


def unlocks_in_one_statement() -> bool:
    """Whether `unlock_counted` can write its rows in one statement: PostgreSQL, outside a
    transaction (the statement is then its own, committed with one round trip)."""
    return connection.vendor == "postgresql" and not connection.in_atomic_block


def unlock_counted(
    identity: Identity, code_id: int, period: str, slot: int, count: tuple[str, list]
) -> tuple[bool, bool]:
    """Take a count (network.count_statement) and, only if it was taken, unlock `code_id` in
    `slot`, in one statement: (whether counted, whether unlocked). A count taken for an
    unlock that lost its slot or code to another request is the caller's to give back."""
    count_sql, count_parameters = count
    unlock_sql, unlock_parameters = _unlock_statement(
        identity, code_id, period, slot, condition="EXISTS (SELECT 1 FROM counted)"
    )
    sql = (
        f"WITH counted AS ({count_sql}), unlocked AS ({unlock_sql}) "
        "SELECT EXISTS (SELECT 1 FROM counted), EXISTS (SELECT 1 FROM unlocked)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, count_parameters + unlock_parameters)
        counted, unlocked = cursor.fetchone()
    return counted, unlocked


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
