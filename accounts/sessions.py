"""Sessions kept in the database and read from the shared cache first (Django's cached_db),
with the session's cache read able to join the round trip a code page makes for its reader.

A signed-in reader's browser also holds a hint cookie naming their account's id. The hint
only says which cache keys to fetch along with the session; who reads is still what the
session says, so a hint that is stale or forged costs a wasted key, never access.
"""

from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDatabaseStore
from django.http import HttpRequest, HttpResponse

from core import read_ahead

SIGNED_IN_HINT_COOKIE = "signed_in_as"


class SessionStore(CachedDatabaseStore):
    def load(self) -> dict:
        """The session from a read-ahead that fetched it, else as cached_db reads it."""
        remembered = read_ahead.get(self.cache_key)
        return remembered if remembered is not None else super().load()


def session_reads(request: HttpRequest) -> list[str]:
    """The cache key the session will be read from, for a view to fetch with its own reads;
    none when the browser holds no session or sessions are not read from the cache."""
    session = request.session
    if not isinstance(session, SessionStore) or session.session_key is None:
        return []
    return [session.cache_key]


def hinted_user_id(request: HttpRequest) -> int | None:
    """The account id the hint cookie names, when it holds one."""
    hint = request.COOKIES.get(SIGNED_IN_HINT_COOKIE, "")
    return int(hint) if hint.isascii() and hint.isdigit() else None


def remember_signed_in_hint(request: HttpRequest, response: HttpResponse) -> None:
    """Set the hint cookie to the signed-in reader's id, or drop it once nobody is signed in
    (only where sessions are read from the cache, the one place it serves)."""
    if not isinstance(request.session, SessionStore):
        return
    user_id = request.user.pk if request.user.is_authenticated else None
    if user_id is None and SIGNED_IN_HINT_COOKIE in request.COOKIES:
        response.delete_cookie(SIGNED_IN_HINT_COOKIE, samesite="Lax")
    elif user_id is not None and hinted_user_id(request) != user_id:
        response.set_cookie(
            SIGNED_IN_HINT_COOKIE,
            str(user_id),
            max_age=settings.SESSION_COOKIE_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
