"""Guest visitors: a random id in a signed cookie that outlives sessions and logouts; and,
once a guest has used their views, a signed cookie stating where they went, so that the
wall is decided without reading the guest's unlocks again."""

import datetime
import uuid

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

VISITOR_COOKIE = "visitor"
SIGNING_SALT = "accounts.visitor"
WALL_COOKIE = "wall"
WALL_SIGNING_SALT = "accounts.wall"


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


def walled_by_in_cookie(
    request: HttpRequest,
    visitor: uuid.UUID | None,
    period_ends: datetime.date | None,
    allowance: int,
) -> tuple[int, ...] | None:
    """The codes this guest's views went to, first opened first, as the wall cookie states
    them for `visitor` in the period ending `period_ends` with `allowance` views; None when
    it states nothing that holds now (absent, tampered with, another visitor's, another
    period's, another allowance's).

    Guests' unlocks are only ever added within a period, so a wall stated once holds until
    the period ends."""
    if visitor is None:
        return None
    if not hasattr(request, "_walled_by_in_cookie"):  # the meter asks twice a request
        try:
            value = request.get_signed_cookie(WALL_COOKIE, salt=WALL_SIGNING_SALT)
            stated_visitor, stated_end, stated_allowance, codes = value.split(":")
            walled_by = tuple(int(code) for code in codes.split(",") if code)
            holds = (stated_visitor, stated_end, int(stated_allowance)) == (
                str(visitor),
                str(period_ends),
                allowance,
            )
        except (KeyError, signing.BadSignature, ValueError):
            walled_by, holds = (), False
        request._walled_by_in_cookie = walled_by if holds and len(walled_by) >= allowance else None
    return request._walled_by_in_cookie


def remember_wall(request: HttpRequest, response: HttpResponse) -> None:
    """Set the wall cookie for a guest the meter walled from the unlocks it read
    (accounts/requests.py): their next walled page needs no read of them."""
    wall = getattr(request, "wall_to_remember", None)
    if wall is None:
        return
    visitor, period_ends, allowance, walled_by = wall
    response.set_signed_cookie(
        WALL_COOKIE,
        f"{visitor}:{period_ends}:{allowance}:{','.join(str(code) for code in walled_by)}",
        salt=WALL_SIGNING_SALT,
        max_age=settings.METER_VISITOR_COOKIE_DAYS * 24 * 3600,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
