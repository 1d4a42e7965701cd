"""CasePilot's questions per minute, per asker and per network, counted by the site's one
limiter (core/ratelimit.py). The network is the meter's (core/network.py): the client
address behind trusted proxies, an IPv6 address by its /64, named by a daily-salted HMAC,
never stored raw.
"""

from django.conf import settings
from django.http import HttpRequest

from core.days import site_today
from core.network import client_network, network_key
from core.ratelimit import take


def asker_of(request: HttpRequest) -> str:
    """The account, else the session (started here if the visitor has none yet)."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    if not request.session.session_key:
        request.session.save()
    return f"session:{request.session.session_key}"


def take_question(request: HttpRequest) -> bool:
    """Count one question; False when the asker or their network already asked their limit
    within the last minute."""
    return take(
        {
            f"casepilot:asker:{asker_of(request)}": settings.ASSISTANT_QUESTIONS_PER_MINUTE,
            f"casepilot:network:{network_key(client_network(request), site_today())}": (
                settings.ASSISTANT_NETWORK_QUESTIONS_PER_MINUTE
            ),
        }
    )
