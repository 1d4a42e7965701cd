"""One structured log line per request, without client addresses or email addresses."""

import json
import logging
import time

from core.days import site_today
from core.network import client_network, network_key

logger = logging.getLogger("codeatlas.requests")


def visitor_kind(request) -> str:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return "guest"
    return "staff" if user.is_staff else "user"


class RequestLogMiddleware:
    """Log method, path, status, duration, visitor kind, network and the meter's decision as
    JSON. The network is the meter's name for the client's (core/network.py): behind the
    trusted proxies, hashed with the day's salt, so a day's lines of one network can be told
    apart from another's without any address in the log.

    A view that consults the meter leaves its decision on `request.meter_decision`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        logger.info(
            json.dumps(
                {
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                    "visitor": visitor_kind(request),
                    "network": network_key(client_network(request), site_today())[:16],
                    "meter": getattr(request, "meter_decision", None),
                },
                separators=(",", ":"),
            )
        )
        return response
