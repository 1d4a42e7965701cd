"""Who may read what on a code page. The code page view asks `decide_access` and renders it.

A view is the first time an identity (a guest visitor or an account) opens a distinct code's
page within the meter's period, when that page holds something gated; see README, "Metering".
"""

import dataclasses
import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from fees.selectors import has_fee_section
from grouping.sections import has_grouping_sections
from lookup.models import Code, Section

from .models import Unlock, User
from .network import count_on_network, uncount_on_network
from .readers import forget_reader
from .unlocks import (
    Identity,
    Outcome,
    current_period,
    forget_unlocks,
    period_end,
    remembered_unlocks,
    try_unlock,
    unlocked_slots,
)
from .visitors import assign_visitor, is_awaiting_verification, remember_visitor, visitor_of


class AccessLevel(StrEnum):
    FULL = "full"  # every section, gated ones included
    TEASER = "teaser"  # descriptors and ungated sections; gated sections locked
    WALL = "wall"  # out of views: the code, its short descriptor and section names only


class Decision(StrEnum):
    """What the meter did on this request, for the request log."""

    UNLOCKED = "unlocked"  # a view was used
    REOPENED = "free re-open"  # the code was unlocked before
    WALLED = "walled"
    NOT_COUNTED = "not counted"  # unlimited readers, pages with nothing gated on them


class Tier(StrEnum):
    GUEST = "guest"
    UNVERIFIED = "unverified"  # an account whose email address is not verified yet
    FREE = "free"
    UNLIMITED = "unlimited"  # staff, superusers and premium accounts: never counted


@dataclass(frozen=True)
class Access:
    level: AccessLevel
    tier: Tier
    allowance: int | None = None  # views in the period; None when unlimited
    used: int = 0
    period_ends: datetime.date | None = None
    network_capped: bool = False  # refused because the network used its guest views today
    decision: Decision = Decision.NOT_COUNTED
    # A guest browser that signed up and was sent a verification link: it reads as a guest,
    # and is asked to verify the address rather than to register.
    awaiting_verification: bool = False

    @property
    def remaining(self) -> int | None:
        return None if self.allowance is None else max(self.allowance - self.used, 0)

    @property
    def article_variant(self) -> str:
        """What of this decision a code page's article shows: visitors whose variants are
        equal see the same article, so it can be rendered once and cached."""
        return (
            f"{self.level}:{self.tier}:{self.allowance}:{self.network_capped}:"
            f"{self.period_ends}:{self.must_verify_email}"
        )

    @property
    def must_verify_email(self) -> bool:
        """Whether verifying an email address is what stands between the reader and more."""
        return self.tier is Tier.UNVERIFIED or self.awaiting_verification

    @property
    def can_read_gated(self) -> bool:
        """Whether gated content (gated sections, fee data) may be sent to this visitor."""
        return self.level is AccessLevel.FULL

    @property
    def shows_content(self) -> bool:
        """Whether the page's text (descriptors, description, ungated sections) may be sent."""
        return self.level is not AccessLevel.WALL

    @property
    def views_for_verified_account(self) -> int:
        """The views an account adds once its address is verified, for the banner's rule."""
        return settings.METER_FREE_VIEWS

    def can_read(self, section: Section) -> bool:
        return self.can_read_gated or (self.shows_content and not section.gated)


class ViewDeclined(Exception):
    """A request that is not a reader opening the page (a prefetch, an embedded image...)
    asked for a page that only opening it may unlock."""


def email_verified(user: User) -> bool:
    if settings.ACCOUNT_EMAIL_VERIFICATION == "none":
        return True
    # Users loaded for a request carry the answer (accounts/backends.py).
    verified = getattr(user, "has_verified_email", None)
    if verified is None:
        verified = EmailAddress.objects.filter(user=user, verified=True).exists()
    return verified


def tier_of(user) -> Tier:
    if not user.is_authenticated:
        return Tier.GUEST
    if user.has_unlimited_views:
        return Tier.UNLIMITED
    return Tier.FREE if email_verified(user) else Tier.UNVERIFIED


def reads_gated_facts(user) -> bool:
    """Whether a reader may see gated facts outside a code page (the HCC category lists,
    the bulk checker): what a code page shows a verified free account. It spends no view."""
    return tier_of(user) in (Tier.FREE, Tier.UNLIMITED)


def allowance_of(tier: Tier, user) -> int | None:
    """Views an identity may use in a period: guests 1, verified accounts 1 + 5 + grants."""
    if tier is Tier.UNLIMITED:
        return None
    if tier is Tier.GUEST:
        return settings.METER_GUEST_VIEWS
    if tier is Tier.UNVERIFIED:
        return settings.METER_GUEST_VIEWS + user.extra_views
    return settings.METER_GUEST_VIEWS + settings.METER_FREE_VIEWS + user.extra_views


# Purpose headers browsers send with prefetches and previews: Sec-Purpose (Chrome),
# Purpose (older Chrome and Safari), X-Purpose (Chrome's previews), X-Moz (Firefox).
PURPOSE_HEADERS = ["Sec-Purpose", "Purpose", "X-Purpose", "X-Moz"]


def is_prefetch(request: HttpRequest) -> bool:
    """A prefetch, prerender or preview: the browser guesses, the reader has not opened it."""
    purposes = " ".join(request.headers.get(name, "") for name in PURPOSE_HEADERS).lower()
    return "prefetch" in purposes or "preview" in purposes


def is_reader_opening(request: HttpRequest) -> bool:
    """Whether the reader opened the page: a document navigation, or a same-origin fetch by
    our own script (CasePilot answering in place). An image, frame or script on another site
    is not. Requests without fetch metadata (older browsers, tools) count as openings."""
    destination = request.headers.get("Sec-Fetch-Dest")
    mode = request.headers.get("Sec-Fetch-Mode")
    if destination is None and mode is None:
        return True
    if destination == "document" and mode == "navigate":
        return True
    return (
        request.headers.get("Sec-Fetch-Site") == "same-origin"
        and destination == "empty"
        and mode in {"cors", "same-origin"}
    )


def may_spend_a_view(request: HttpRequest) -> bool:
    """Only a reader opening a page spends a view: not HEAD requests, prefetches or embeds."""
    return request.method != "HEAD" and not is_prefetch(request) and is_reader_opening(request)


@dataclass(frozen=True)
class MeteredCode:
    """What the meter needs of a code page: the code, and whether opening it spends a view.
    Small, so that a code page served from the cache needs nothing bigger (lookup.code_page)."""

    code_id: int
    spends_a_view: bool


def metered_code(code: Code, has_gated_sections: bool) -> MeteredCode:
    """`code` as the meter sees it; `has_gated_sections`: whether any section of its page is
    gated."""
    return MeteredCode(code.pk, spends_a_view(code, has_gated_sections))


def spends_a_view(code: Code, has_gated_sections: bool) -> bool:
    """Whether opening `code`'s page unlocks something: a gated section, the Medicare fee
    section of a priced code, or the MS-DRG and risk adjustment sections of an ICD-10-CM
    code. Hierarchy pages show everyone all they hold without spending a view, and so do
    codes whose every section is public."""
    return not code.is_hierarchy_node and (
        has_gated_sections or has_fee_section(code) or has_grouping_sections(code)
    )


def decide_access(request: HttpRequest, code: MeteredCode) -> Access:
    """What this request may read of `code`'s page, using one of its views if it must."""
    access = _decide_access(request, code)
    if access.tier is Tier.GUEST and is_awaiting_verification(request):
        access = dataclasses.replace(access, awaiting_verification=True)
    request.meter_decision = access.decision.value  # for the request log
    return access


def access_without_view(user: User, code: MeteredCode) -> Access:
    """What an account may read of `code` without using a view, for answers read away from the
    page (CaseConsultant's email): a code it unlocked as its page shows it; any other code
    only the text open to every reader (descriptors, ungated sections), gated sections locked.
    """
    tier = tier_of(user)
    if tier is Tier.UNLIMITED:
        return Access(AccessLevel.FULL, tier)
    taken = remembered_unlocks(Identity(user=user), current_period())
    reading = AccessLevel.FULL if tier is Tier.FREE else AccessLevel.TEASER
    opened = not code.spends_a_view or code.code_id in taken
    level = reading if opened else AccessLevel.TEASER
    return Access(level, tier, allowance_of(tier, user), len(taken), period_end())


def _decide_access(request: HttpRequest, code: MeteredCode) -> Access:
    tier = tier_of(request.user)
    if tier is Tier.UNLIMITED:
        return Access(AccessLevel.FULL, tier)
    user = request.user if request.user.is_authenticated else None
    identity = Identity(user=user) if user else Identity(visitor=visitor_of(request))
    period = current_period()
    allowance = allowance_of(tier, user)
    taken = remembered_unlocks(identity, period)
    reading = AccessLevel.FULL if tier is Tier.FREE else AccessLevel.TEASER

    def access(level: AccessLevel, decision: Decision, network_capped: bool = False) -> Access:
        return Access(level, tier, allowance, len(taken), period_end(), network_capped, decision)

    if not code.spends_a_view:
        return access(reading, Decision.NOT_COUNTED)
    if code.code_id in taken:
        return access(reading, Decision.REOPENED)
    if len(taken) >= allowance:
        return access(AccessLevel.WALL, Decision.WALLED)
    if not may_spend_a_view(request):
        if request.method != "HEAD":
            raise ViewDeclined
        return access(AccessLevel.WALL, Decision.WALLED)
    if identity.user is None and identity.visitor is None:
        identity = Identity(visitor=assign_visitor(request))
    outcome = _use_view(request, identity, code, period, allowance, taken, tier)
    if outcome is None:
        return access(AccessLevel.WALL, Decision.WALLED, network_capped=True)
    decisions = {
        Outcome.NEW: (reading, Decision.UNLOCKED),
        Outcome.ALREADY: (reading, Decision.REOPENED),
        Outcome.REFUSED: (AccessLevel.WALL, Decision.WALLED),
    }
    return access(*decisions[outcome])


def _use_view(request, identity, code, period, allowance, taken, tier) -> Outcome | None:
    """Unlock `code`, counting it against the network's daily guest cap for unverified
    identities; None when that cap refused it. One transaction: the cap's count is given
    back if the unlock did not happen."""
    network_capped = tier in (Tier.GUEST, Tier.UNVERIFIED)
    with transaction.atomic(savepoint=False):
        if network_capped and not count_on_network(
            request, "guest_unlocks", settings.METER_GUEST_DAILY_PER_IP
        ):
            return None
        outcome = try_unlock(identity, code.code_id, period, allowance, taken)
        if outcome is not Outcome.NEW:
            # The remembered unlocks sent us here, yet the ledger knew better: renew them.
            forget_unlocks(period, identity.user_id, identity.visitor)
            if network_capped:
                uncount_on_network(request, "guest_unlocks")
        return outcome


def metered_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For views that call `decide_access`: no shared caching, no archiving, the visitor
    cookie set when one was assigned, and declined requests answered without a page."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except ViewDeclined:
            # Any non-2xx answer makes the browser drop a prefetch and load the page for
            # real when the reader opens it, which is when the view should be used.
            response = HttpResponse(
                "Declined: only opening this page in the browser uses a code page view.",
                status=403,
                content_type="text/plain",
            )
        remember_visitor(request, response)
        patch_cache_control(response, private=True, no_store=True)
        patch_vary_headers(response, ["Cookie"])
        response["X-Robots-Tag"] = "noarchive"
        return response

    return wrapper


def move_guest_unlocks(request: HttpRequest, user: User) -> None:
    """Give a new or returning account the codes its browser unlocked as a guest.

    The guest's own rows stay, so logging out later gives the browser no fresh guest view;
    a code the account had unlocked already is not counted twice.
    """
    visitor = visitor_of(request)
    tier = tier_of(user)
    if visitor is None or tier is Tier.UNLIMITED:
        return
    period = current_period()
    guest_codes = sorted(
        unlocked_slots(Identity(visitor=visitor), period).items(), key=lambda item: item[1]
    )
    if not guest_codes:
        return
    allowance = allowance_of(tier, user)
    taken = unlocked_slots(Identity(user=user), period)
    for code_id, _slot in guest_codes:
        try_unlock(Identity(user=user), code_id, period, allowance, taken)


@dataclass(frozen=True)
class MeterSummary:
    """An account's meter as the account page, the admin and `manage.py meter` show it."""

    plan: str
    tier: Tier
    allowance: int | None
    used: int
    period_ends: datetime.date | None
    unlocks: list[Unlock]

    @property
    def remaining(self) -> int | None:
        return None if self.allowance is None else max(self.allowance - self.used, 0)


def meter_summary(user: User) -> MeterSummary:
    tier = tier_of(user)
    unlocks = list(
        Unlock.objects.filter(user=user, period=current_period())
        .select_related("code__system")
        .order_by("unlocked_at")
    )
    return MeterSummary(
        plan=user.get_plan_display(),
        tier=tier,
        allowance=allowance_of(tier, user),
        used=len(unlocks),
        period_ends=period_end(),
        unlocks=unlocks,
    )


def meter_grant(*, user: User, views: int) -> None:
    """Add `views` to the account's allowance (in every period)."""
    if views <= 0:
        raise ValueError("Grant at least one view.")
    User.objects.filter(pk=user.pk).update(extra_views=F("extra_views") + views)
    forget_reader(user.pk)  # an update sends no signal
    user.refresh_from_db(fields=["extra_views"])


def meter_reset(*, user: User) -> int:
    """Forget the account's unlocks of the current period: its full allowance is back."""
    deleted, _ = Unlock.objects.filter(user=user, period=current_period()).delete()
    return deleted
