"""How often jobs may be posted and edited: per account and per network, per hour, counted
by the site's one limiter (core/ratelimit.py) under the meter's network identity."""

from django.conf import settings
from django.http import HttpRequest

from core.days import site_today
from core.network import client_network, network_key
from core.ratelimit import take

HOUR = 3600


def take_job_change(request: HttpRequest) -> bool:
    """Count one job post or edit; False when the account or its network already made its
    limit within the last hour (the refused one is not counted)."""
    network = network_key(client_network(request), site_today())
    return take(
        {
            f"careers:account:{request.user.pk}": settings.CAREERS_JOB_CHANGES_PER_HOUR,
            f"careers:network:{network}": settings.CAREERS_NETWORK_JOB_CHANGES_PER_HOUR,
        },
        window_seconds=HOUR,
    )
