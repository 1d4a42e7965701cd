"""Per-network daily counts (guest unlocks, signups), keyed by a daily-salted address hash."""

import datetime
import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from .models import NetworkDay

COUNTERS = {"guest_unlocks", "signups"}


def client_address(request: HttpRequest) -> str:
    """The client's address, the one rule for the meter, rate limits and logs.

    With no trusted proxy (ALLAUTH_TRUSTED_PROXY_COUNT = 0), the peer's address. Behind N
    trusted proxies, the X-Forwarded-For entry the outermost of them added: the Nth from the
    right, since each proxy appends the address it was reached from and anything to the left
    of that is the client's own claim. A request carrying fewer entries did not come through
    the proxies, and its peer's address counts. Unreadable addresses give "".
    """
    trusted_proxies = settings.ALLAUTH_TRUSTED_PROXY_COUNT
    forwarded = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",")]
    forwarded = [hop for hop in forwarded if hop]
    if trusted_proxies > 0 and len(forwarded) >= trusted_proxies:
        address = forwarded[-trusted_proxies]
    else:
        address = request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(address.strip().strip("[]")))
    except ValueError:
        return ""


def network_of(address: str) -> str:
    """The network an address stands for: an IPv4 address itself, an IPv6 address's /64."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    if parsed.version == 6 and parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def daily_salt(day: datetime.date) -> bytes:
    """A secret salt for `day`, derived from SECRET_KEY: yesterday's hashes match no longer."""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"codeatlas.network-salt:{day}".encode(), hashlib.sha256
    ).digest()


def network_key(request: HttpRequest, day: datetime.date) -> str:
    """The stored name of the request's network on `day`: an HMAC, never the address."""
    network = network_of(client_address(request))
    return hmac.new(daily_salt(day), network.encode(), hashlib.sha256).hexdigest()


def count_on_network(request: HttpRequest, counter: str, cap: int) -> bool:
    """Add one to today's `counter` for the request's network unless it reached `cap`.

    One statement (an upsert whose update is conditional), so racing requests cannot pass
    the cap together. Returns whether the count was taken.
    """
    if counter not in COUNTERS:
        raise ValueError(f"Unknown network counter: {counter}")
    if cap <= 0:
        return False
    today = timezone.now().date()
    quote = connection.ops.quote_name
    table, column = quote(NetworkDay._meta.db_table), quote(counter)
    network, day, guest_unlocks, signups = (
        quote(name) for name in ["network", "day", "guest_unlocks", "signups"]
    )
    sql = (
        f"INSERT INTO {table} ({network}, {day}, {guest_unlocks}, {signups}) "
        f"VALUES (%s, %s, %s, %s) "
        f"ON CONFLICT ({network}, {day}) DO UPDATE SET {column} = {table}.{column} + 1 "
        f"WHERE {table}.{column} < %s RETURNING {column}"
    )
    initial = {"guest_unlocks": 0, "signups": 0} | {counter: 1}
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [network_key(request, today), today, initial["guest_unlocks"], initial["signups"], cap],
        )
        return cursor.fetchone() is not None


def uncount_on_network(request: HttpRequest, counter: str) -> None:
    """Give back a count taken by `count_on_network` for an unlock that did not happen."""
    if counter not in COUNTERS:
        raise ValueError(f"Unknown network counter: {counter}")
    today = timezone.now().date()
    NetworkDay.objects.filter(network=network_key(request, today), day=today).update(
        **{counter: F(counter) - 1}
    )


def purge_network_counts(today: datetime.date | None = None) -> int:
    """Delete counts older than METER_NETWORK_RETENTION_DAYS; returns how many rows went."""
    today = today or timezone.now().date()
    oldest_kept = today - datetime.timedelta(days=settings.METER_NETWORK_RETENTION_DAYS)
    deleted, _ = NetworkDay.objects.filter(day__lt=oldest_kept).delete()
    return deleted
