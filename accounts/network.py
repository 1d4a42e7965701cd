"""Per-network daily counts (guest unlocks, signups), keyed by a daily-salted address hash
(core/network.py: the network is resolved from the request at the edge). The day is the
site's (core/days.py), taken once by the caller's decision: a count's row and its hashed
network always name the same day."""

import datetime

from django.conf import settings
from django.db import connection
from django.db.models import F

from core.days import site_today
from core.network import network_key

from .models import NetworkDay

COUNTERS = {"guest_unlocks", "signups"}


def count_on_network(network: str, counter: str, cap: int, day: datetime.date) -> bool:
    """Add one to `day`'s `counter` for `network` (core.network.client_network) unless it
    reached `cap`.

    One statement (an upsert whose update is conditional), so racing requests cannot pass
    the cap together. Returns whether the count was taken.
    """
    sql, parameters = count_statement(network, counter, cap, day)
    if cap <= 0:
        return False
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        return cursor.fetchone() is not None


def count_statement(network: str, counter: str, cap: int, day: datetime.date) -> tuple[str, list]:
    """count_on_network's upsert, returning a row when the count was taken: its SQL and
    parameters, for a statement that writes more with it (unlocks.unlock_counted)."""
    if counter not in COUNTERS:
        raise ValueError(f"Unknown network counter: {counter}")
    quote = connection.ops.quote_name
    table, column = quote(NetworkDay._meta.db_table), quote(counter)
    network_column, day_column, guest_unlocks, signups = (
        quote(name) for name in ["network", "day", "guest_unlocks", "signups"]
    )
    sql = (
        f"INSERT INTO {table} ({network_column}, {day_column}, {guest_unlocks}, {signups}) "
        f"VALUES (%s, %s, %s, %s) "
        f"ON CONFLICT ({network_column}, {day_column}) "
        f"DO UPDATE SET {column} = {table}.{column} + 1 "
        f"WHERE {table}.{column} < %s RETURNING {column}"
    )
    initial = {"guest_unlocks": 0, "signups": 0} | {counter: 1}
    parameters = [
        network_key(network, day), day, initial["guest_unlocks"], initial["signups"], cap
    ]  # fmt: skip
    return sql, parameters


def uncount_on_network(network: str, counter: str, day: datetime.date) -> None:
    """Give back a count taken by `count_on_network` on `day` for an unlock that did not
    happen."""
    if counter not in COUNTERS:
        raise ValueError(f"Unknown network counter: {counter}")
    NetworkDay.objects.filter(network=network_key(network, day), day=day).update(
        **{counter: F(counter) - 1}
    )


def purge_network_counts(today: datetime.date | None = None) -> int:
    """Delete counts older than METER_NETWORK_RETENTION_DAYS; returns how many rows went."""
    today = today or site_today()
    oldest_kept = today - datetime.timedelta(days=settings.METER_NETWORK_RETENTION_DAYS)
    deleted, _ = NetworkDay.objects.filter(day__lt=oldest_kept).delete()
    return deleted
