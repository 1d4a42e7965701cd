"""/healthz for load balancers: 200 when the database (and Redis, if used) answer, else 503."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def cache_answers() -> bool:
    try:
        cache.set("healthz", "ok", timeout=5)
        return cache.get("healthz") == "ok"
    except Exception:
        return False


def healthz(request):
    """Check the services the site needs; touches neither the session nor the meter."""
    checks = {"database": database_answers()}
    if settings.REDIS_URL:
        checks["cache"] = cache_answers()
    healthy = all(checks.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )
    response["Cache-Control"] = "no-store"
    return response
