"""Guest visitors: a random id in a signed cookie that outlives sessions and logouts."""

import uuid

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

VISITOR_COOKIE = "visitor"
SIGNING_SALT = "accounts.visitor"


def visitor_of(request: HttpRequest) -> uuid.UUID | None:
    """The guest visitor id the request carries (or was given while it was handled: an
    answer of CasePilot's may open several codes); None when absent or tampered with."""
    if hasattr(request, "new_visitor"):
        return request.new_visitor
    # Checked once a request: the meter asks twice (what to read ahead, then who reads).
    if not hasattr(request, "_visitor_in_cookie"):
        request._visitor_in_cookie = visitor_in_cookie(request)
    return request._visitor_in_cookie


def visitor_in_cookie(request: HttpRequest) -> uuid.UUID | None:
    """The visitor id the request's signed cookie holds; None when absent or tampered with."""
    try:
        value = request.get_signed_cookie(VISITOR_COOKIE, salt=SIGNING_SALT)
        return uuid.UUID(value)
    except (KeyError, signing.BadSignature, ValueError):
        return None


def remember_visitor(request: HttpRequest, response: HttpResponse) -> None:
    """Set the cookie for a visitor id the meter gave this browser (accounts/requests.py)."""
    visitor = getattr(request, "new_visitor", None)
    if visitor is None:
        return
    response.set_signed_cookie(
        VISITOR_COOKIE,
        str(visitor),
        salt=SIGNING_SALT,
        max_age=settings.METER_VISITOR_COOKIE_DAYS * 24 * 3600,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


# Set in the session of a browser that signed up (or tried to log in) and was sent a
# verification link: its code pages ask it to verify the address, not to register.
AWAITING_VERIFICATION = "awaiting_email_verification"


def remember_awaiting_verification(request: HttpRequest) -> None:
    request.session[AWAITING_VERIFICATION] = True


def is_awaiting_verification(request: HttpRequest) -> bool:
    """Whether this guest browser was sent a verification link (reading the session costs
    no query when the browser has no session cookie)."""
    return bool(request.session.get(AWAITING_VERIFICATION))
