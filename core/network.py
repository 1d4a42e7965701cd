"""Which network a request comes from, as every per-network limit and count names it: the
client address behind the trusted proxies, the network that address stands for (an IPv6
address by its /64), and that network's name for one day (a daily-salted HMAC, never the
address itself)."""

import datetime
import functools
import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.http import HttpRequest


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


@functools.lru_cache(maxsize=4096)  # parsed twice a request (the meter, the log), often again
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


def client_network(request: HttpRequest) -> str:
    """The network the request comes from (network_of its client_address)."""
    return network_of(client_address(request))


def daily_salt(day: datetime.date) -> bytes:
    """A secret salt for `day`, derived from SECRET_KEY: yesterday's hashes match no longer."""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"codeatlas.network-salt:{day}".encode(), hashlib.sha256
    ).digest()


def network_key(network: str, day: datetime.date) -> str:
    """The stored name of `network` (client_network) on `day`: an HMAC, never the address."""
    return hmac.new(daily_salt(day), network.encode(), hashlib.sha256).hexdigest()
