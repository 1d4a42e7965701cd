"""The meter at the edge: what a request tells it (who reads, how the page was reached) and
what its answer adds to the response (the visitor cookie, no shared caching). The rules
themselves take plain values (accounts/metering.py)."""

import functools
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers

from core.network import client_network
from core.opening import is_navigation, is_prefetch, is_reader_opening

from .metering import (
    Access,
    MeteredCode,
    Opening,
    Reader,
    Tier,
    ViewDeclined,
    allowance_of,
    decide_access,
    opened_code_ids,
)
from .models import User
from .readers import reader_keys
from .sessions import hinted_user_id, remember_signed_in_hint, session_reads
from .unlocks import current_period, period_end, unlocks_key
from .visitors import (
    is_awaiting_verification,
    remember_visitor,
    remember_wall,
    visitor_of,
    walled_by_in_cookie,
)


def reader_of(request: HttpRequest) -> Reader:
    """Who reads: the signed-in account, else the guest browser's visitor id, with the
    network the request comes from."""
    user = request.user if request.user.is_authenticated else None
    return Reader(
        user=user,
        visitor=None if user else visitor_of(request),
        network=client_network(request),
        awaiting_verification=user is None and is_awaiting_verification(request),
        walled_by=None if user else guest_walled_by(request),
    )


def guest_walled_by(request: HttpRequest) -> tuple[int, ...] | None:
    """Where this guest browser's views went, as its wall cookie states them for the current
    period; None when it states no wall (accounts/visitors.py)."""
    allowance = allowance_of(Tier.GUEST, None)
    return walled_by_in_cookie(request, visitor_of(request), period_end(), allowance)


def reader_reads(request: HttpRequest) -> list[str]:
    """The cache keys the meter will read for this request's reader where readers are cached:
    the session and the signed-in account it names (as the hint cookie says, else read from
    the session first) and this period's unlocks of it or of the guest browser; for a view to
    fetch with its own in one round trip (core/read_ahead.py)."""
    if not settings.CACHE_READERS:
        return []
    period = current_period()
    hinted, sessions = hinted_user_id(request), session_reads(request)
    if hinted is not None and sessions:
        # The session and the reader it names (as the hint says) in the same round trip.
        return [*sessions, *reader_keys(hinted), unlocks_key(period, hinted, None)]
    try:
        user_id = User._meta.pk.to_python(request.session.get(SESSION_KEY))
    except ValidationError:
        user_id = None
    if user_id is not None:
        return [*reader_keys(user_id), unlocks_key(period, user_id, None)]
    visitor = visitor_of(request)
    if visitor is None or guest_walled_by(request) is not None:
        return []  # nothing to read: no unlocks yet, or a wall its cookie states
    return [unlocks_key(period, None, visitor)]


def opening_of(request: HttpRequest) -> Opening:
    """Whether the request is the reader opening the page (core/opening.py)."""
    if request.method == "HEAD":
        return Opening.HEAD
    if is_prefetch(request) or not is_reader_opening(request):
        return Opening.AUTOMATIC
    return Opening.READER


def meter_request(request: HttpRequest, code: MeteredCode) -> Access:
    """Ask the meter what this request may read of `code`'s page; its decision is kept for the
    request log and a visitor id it gave the browser for its cookie (metered_page sets it)."""
    reader = reader_of(request)
    metered = decide_access(reader, code, opening_of(request))
    access = metered.access
    request.meter_decision = access.decision.value
    if metered.new_visitor is not None:
        request.new_visitor = metered.new_visitor
    if access.tier is Tier.GUEST and access.opened_code_ids and reader.walled_by is None:
        # Walled from the unlocks it read: the browser's next walled page need not read them.
        wall = (reader.visitor, access.period_ends, access.allowance, access.opened_code_ids)
        request.wall_to_remember = wall
    return access


def declined(request: HttpRequest) -> HttpResponse:
    """The answer to a request that needs a view but is not the reader opening the page. Any
    non-2xx answer makes the browser drop a prefetch and load the page for real when the
    reader opens it; a navigation another site's script started asks the reader to open it."""
    if is_navigation(request):
        return render(request, "accounts/confirm_opening.html", status=403)
    return HttpResponse(
        "Declined: only opening this page in the browser uses a code page view.",
        status=403,
        content_type="text/plain",
    )


def metered_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For views that call `meter_request`: no shared caching, no archiving, the visitor
    cookie set when one was assigned, and declined requests answered without a page."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except ViewDeclined:
            response = declined(request)
        remember_visitor(request, response)
        remember_wall(request, response)
        remember_signed_in_hint(request, response)
        patch_cache_control(response, private=True, no_store=True)
        patch_vary_headers(response, ["Cookie"])
        response["X-Robots-Tag"] = "noarchive"
        return response

    return wrapper


def opened_code_ids_of(request: HttpRequest) -> list[int]:
    """The ids of the codes this request's reader unlocked: where their views went (the wall
    says)."""
    return opened_code_ids(reader_of(request))
