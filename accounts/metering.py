"""Who may read what on a code page: plain rules on plain values. The meter is told who
reads (a Reader, resolved from the request at the edge: accounts/requests.py), the code and
whether its page holds gated content (a MeteredCode), and how the request reached the page
(an Opening); `decide_access` returns what the reader may read, using a view if it must.

A view is the first time an identity (a guest visitor or an account) opens a distinct code's
page within the meter's period, when that page holds something gated; see docs/metering.md.
"""

import dataclasses
import datetime
import uuid
from dataclasses import dataclass
from enum import StrEnum

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.days import site_today
from lookup.models import Code, Section

from .models import Unlock, User
from .network import count_on_network, count_statement, uncount_on_network
from .unlocks import (
    Identity,
    Outcome,
    current_period,
    forget_unlocks,
    period_end,
    remembered_unlocks,
    try_unlock,
    unlock_counted,
    unlocked_slots,
    unlocks_in_one_statement,
)


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


class Opening(StrEnum):
    """How a request reached the page, which decides whether it may spend a view."""

    READER = "reader"  # the reader opened it: a view may be spent
    HEAD = "head"  # a HEAD request: never spends a view; walled where one is needed
    AUTOMATIC = "automatic"  # a prefetch, preview or embed: declined where a view is needed


@dataclass(frozen=True)
class Reader:
    """Who reads a page: the account (None for a guest), the guest browser's visitor id (None
    before its first unlock), the network it comes from (core.network.client_network) and
    whether this browser was sent a verification link; for a walled guest, the codes its
    views went to as its wall cookie states them (accounts/visitors.py), else None."""

    user: User | None
    visitor: uuid.UUID | None = None
    network: str = ""
    awaiting_verification: bool = False
    walled_by: tuple[int, ...] | None = None


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
    # Where a walled reader's views went, first opened first, from the unlocks the meter
    # read to wall them (so the wall names them without reading again); None: not read.
    opened_code_ids: tuple[int, ...] | None = None

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


def tier_of(user: User | None) -> Tier:
    """The reader's tier; `user` None or anonymous for a guest."""
    if user is None or not user.is_authenticated:
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


@dataclass(frozen=True)
class MeteredCode:
    """What the meter needs of a code page: the code, and whether opening it spends a view.
    Small, so that a code page served from the cache needs nothing bigger (pages/gates.py)."""

    code_id: int
    spends_a_view: bool


def metered_code(
    code_id: int, *, is_hierarchy_node: bool, holds_gated_content: bool
) -> MeteredCode:
    """A code's page as the meter sees it. Opening it spends a view when it unlocks something:
    gated content (a gated section, the Medicare fee section, the MS-DRG and risk adjustment
    sections). Hierarchy pages show everyone all they hold without spending a view, and so do
    codes whose page holds nothing gated."""
    return MeteredCode(code_id, not is_hierarchy_node and holds_gated_content)


@dataclass(frozen=True)
class Metered:
    """The meter's answer to one request: the access, and the visitor id it gave a guest
    browser that had none in order to unlock (the edge sets its cookie)."""

    access: Access
    new_visitor: uuid.UUID | None = None


def decide_access(reader: Reader, code: MeteredCode, opening: Opening) -> Metered:
    """What `reader` may read of `code`'s page, using one of their views if they must.

    Raises ViewDeclined when a request that is not the reader opening the page (a prefetch,
    an embed) needs a view."""
    tier = tier_of(reader.user)
    if tier is Tier.UNLIMITED:
        return Metered(Access(AccessLevel.FULL, tier))
    user = reader.user if tier is not Tier.GUEST else None
    identity = Identity(user=user) if user else Identity(visitor=reader.visitor)
    # One moment for the whole decision: its period, renewal day and network count agree.
    now = timezone.now()
    period, renews_on = current_period(now), period_end(now)
    allowance = allowance_of(tier, user)
    if tier is Tier.GUEST and reader.walled_by is not None:
        taken = {code_id: slot for slot, code_id in enumerate(reader.walled_by, start=1)}
    else:
        taken = remembered_unlocks(identity, period)
    reading = AccessLevel.FULL if tier is Tier.FREE else AccessLevel.TEASER
    awaiting = tier is Tier.GUEST and reader.awaiting_verification

    def access(level: AccessLevel, decision: Decision, network_capped: bool = False) -> Access:
        return Access(
            level, tier, allowance, len(taken), renews_on, network_capped, decision, awaiting
        )

    if not code.spends_a_view:
        return Metered(access(reading, Decision.NOT_COUNTED))
    if code.code_id in taken:
        return Metered(access(reading, Decision.REOPENED))
    if len(taken) >= allowance:
        walled = access(AccessLevel.WALL, Decision.WALLED)
        return Metered(dataclasses.replace(walled, opened_code_ids=first_opened_first(taken)))
    if opening is Opening.AUTOMATIC:
        raise ViewDeclined
    if opening is Opening.HEAD:
        return Metered(access(AccessLevel.WALL, Decision.WALLED))
    new_visitor = None
    if identity.user is None and identity.visitor is None:
        new_visitor = uuid.uuid4()
        identity = Identity(visitor=new_visitor)
    outcome = use_view(
        identity, code, period, allowance, taken, tier, reader.network, site_today(now),
        new_visitor=new_visitor is not None,
    )  # fmt: skip
    if outcome is None:
        return Metered(access(AccessLevel.WALL, Decision.WALLED, network_capped=True), new_visitor)
    decisions = {
        Outcome.NEW: (reading, Decision.UNLOCKED),
        Outcome.ALREADY: (reading, Decision.REOPENED),
        Outcome.REFUSED: (AccessLevel.WALL, Decision.WALLED),
    }
    return Metered(access(*decisions[outcome]), new_visitor)


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


def use_view(
    identity,
    code,
    period,
    allowance,
    taken,
    tier,
    network: str,
    day: datetime.date,
    *,
    new_visitor: bool = False,
) -> Outcome | None:
    """Unlock `code`, counting it against the network's guest cap of `day` for unverified
    identities; None when that cap refused it. One transaction: the cap's count is given
    back if the unlock did not happen. `new_visitor`: a guest identity made for this
    request, which holds no unlock yet."""
    network_capped = tier in (Tier.GUEST, Tier.UNVERIFIED)
    if new_visitor and unlocks_in_one_statement():
        # A guest's first view, the commonest write: one statement, so one round trip. No
        # other request knows the new visitor, so its unlock cannot lose its slot.
        cap = settings.METER_GUEST_DAILY_PER_IP
        if cap <= 0:
            return None
        count = count_statement(network, "guest_unlocks", cap, day)
        counted, unlocked = unlock_counted(identity, code.code_id, period, 1, count)
        if not counted:
            return None
        if unlocked:
            taken[code.code_id] = 1
            return Outcome.NEW
        uncount_on_network(network, "guest_unlocks", day)  # not expected: decided below
    with transaction.atomic(savepoint=False):
        if network_capped and not count_on_network(
            network, "guest_unlocks", settings.METER_GUEST_DAILY_PER_IP, day
        ):
            return None
        outcome = try_unlock(identity, code.code_id, period, allowance, taken)
        if outcome is not Outcome.NEW:
            # The remembered unlocks sent us here, yet the ledger knew better: renew them.
            forget_unlocks(period, identity.user_id, identity.visitor)
            if network_capped:
                uncount_on_network(network, "guest_unlocks", day)
        return outcome


def move_guest_unlocks(visitor: uuid.UUID | None, user: User) -> None:
    """Give a new or returning account the codes its browser (`visitor`) unlocked as a guest.

    The guest's own rows stay, so logging out later gives the browser no fresh guest view;
    a code the account had unlocked already is not counted twice.
    """
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
    user.refresh_from_db(fields=["extra_views"])


def meter_reset(*, user: User) -> int:
    """Forget the account's unlocks of the current period: its full allowance is back."""
    deleted, _ = Unlock.objects.filter(user=user, period=current_period()).delete()
    return deleted


@dataclass(frozen=True)
class MeterTerms:
    """The meter's rule as pages state it: the views a guest has, the views a verified account
    has in all (the guest's included) and whether they renew (a monthly meter)."""

    guest_views: int
    added_by_verifying: int
    account_views: int
    renews: bool


def meter_terms() -> MeterTerms:
    return MeterTerms(
        guest_views=settings.METER_GUEST_VIEWS,
        added_by_verifying=settings.METER_FREE_VIEWS,
        account_views=settings.METER_GUEST_VIEWS + settings.METER_FREE_VIEWS,
        renews=period_end() is not None,
    )


def opened_code_ids(reader: Reader) -> list[int]:
    """The ids of the codes `reader` unlocked in the current period, first opened first:
    where their views went, which stay open to them. Read with the reader's cached unlocks."""
    user = reader.user if tier_of(reader.user) is not Tier.GUEST else None
    if user is None and reader.visitor is None:
        return []
    identity = Identity(user=user) if user else Identity(visitor=reader.visitor)
    return list(first_opened_first(remembered_unlocks(identity, current_period())))


def first_opened_first(slots: dict[int, int]) -> tuple[int, ...]:
    """The code ids of unlocks given as {code id: slot}, in the order they were unlocked."""
    return tuple(sorted(slots, key=slots.__getitem__))


def codes_by_id(code_ids: list[int]) -> list[Code]:
    """The codes of `code_ids`, with their systems, in that order."""
    codes = Code.objects.select_related("system").in_bulk(code_ids)
    return [codes[code_id] for code_id in code_ids if code_id in codes]
