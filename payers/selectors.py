"""Read-side queries for payer policies: by code (the payer overview, CasePilot), by payer
(the payer's page) and by name (a payer a question names). Plain values in, records out."""

import datetime
import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from core.days import site_today
from lookup.models import Code

from .models import Payer, PayerPolicy, PolicyVersion


def versions_with_payers() -> QuerySet[PolicyVersion]:
    return PolicyVersion.objects.select_related("policy__payer")


def of_payer(payer: Payer) -> Q:
    """The policies of `payer` and of its members: Medicare's contractors, the association's
    Blue plans."""
    return Q(policy__payer=payer) | Q(policy__payer__parent=payer)


def covering(code: str) -> Q:
    return Q(spans__first__lte=code, spans__last__gte=code)


def in_force(versions: list[PolicyVersion], on: datetime.date) -> list[PolicyVersion]:
    """Of `versions`, each policy's version in force on `on`: the latest effective by then.
    A policy whose versions all start later has none."""
    current: dict[int, PolicyVersion] = {}
    for version in sorted(versions, key=lambda each: (each.effective_on, each.pk)):
        if version.effective_on <= on:
            current[version.policy_id] = version
    return sorted(current.values(), key=lambda each: (each.policy.payer.name, each.policy.name))


def policies_for(
    code: str, payer_name: str | None = None, on: datetime.date | None = None
) -> list[PolicyVersion]:
    """The policy versions in force on `on` (today by default) that cover `code`, one per
    policy, of every payer or of the payer named (name or alias, with its members); by
    payer name."""
    # One filter call: both bounds on the same span.
    policies = PayerPolicy.objects.filter(
        versions__spans__first__lte=code, versions__spans__last__gte=code
    )
    versions = versions_with_payers().filter(policy__in=policies.values("pk"))
    if payer_name is not None:
        payer = payer_by_name(payer_name)
        if payer is None:
            return []
        versions = versions.filter(of_payer(payer))
    current = in_force(list(versions.prefetch_related("spans")), on or site_today())
    return [version for version in current if covers(version, code)]


def covers(version: PolicyVersion, code: str) -> bool:
    return any(span.first <= code <= span.last for span in version.spans.all())


def has_policies(code: str) -> bool:
    """Whether any payer policy version we hold covers `code`."""
    return PolicyVersion.objects.filter(covering(code)).exists()


@dataclass(frozen=True)
class HistoryEntry:
    """A version of a policy that covers or covered a code, with the days it was in force:
    `ends_on` is the day before the next version took effect (None: still in force)."""

    version: PolicyVersion
    ends_on: datetime.date | None


def policy_history(code: str) -> list[HistoryEntry]:
    """Every version of the policies that ever covered `code`, latest effective first: what
    changed, with the dates each version was in force."""
    policies = PayerPolicy.objects.filter(versions__in=PolicyVersion.objects.filter(covering(code)))
    versions = list(
        versions_with_payers()
        .filter(policy__in=policies.values("pk"))
        .order_by("policy_id", "effective_on", "pk")
    )
    entries = []
    for position, version in enumerate(versions):
        following = versions[position + 1] if position + 1 < len(versions) else None
        same_policy = following is not None and following.policy_id == version.policy_id
        ends_on = following.effective_on - datetime.timedelta(days=1) if same_policy else None
        entries.append(HistoryEntry(version, ends_on))
    return sorted(
        entries, key=lambda entry: (entry.version.effective_on, entry.version.pk), reverse=True
    )


def overview_payers() -> list[Payer]:
    """The payers every code's overview lists, with a policy or saying we hold none."""
    return list(Payer.objects.filter(on_every_overview=True))


def payer_by_name(name: str) -> Payer | None:
    """The payer called `name` (or with that alias), any case."""
    wanted = name.strip().lower()
    for payer in Payer.objects.all():
        if wanted in (each.lower() for each in payer.names):
            return payer
    return None


def payer_named_in(text: str) -> Payer | None:
    """The payer a text names, by its name or an alias as whole words; the longest name
    found wins ("Anthem Blue Cross Blue Shield" over "Blue Cross")."""
    found = []
    for payer in Payer.objects.all():
        for name in payer.names:
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
                found.append((len(name), payer))
    return max(found, key=lambda each: each[0])[1] if found else None


@dataclass(frozen=True)
class CodePolicy:
    """A code a payer's policy covers, with the version in force."""

    code: Code
    version: PolicyVersion


def codes_with_policies(
    payer: Payer, on: datetime.date | None = None, prior_authorization: str | None = None
) -> list[CodePolicy]:
    """The catalogue codes the payer's policies in force cover (its members' too), by code;
    only those whose policy says `prior_authorization` when given."""
    versions = versions_with_payers().filter(of_payer(payer))
    current = in_force(list(versions.prefetch_related("spans")), on or site_today())
    if prior_authorization:
        current = [each for each in current if each.prior_authorization == prior_authorization]
    if not current:
        return []
    ranges = Q(pk__in=[])
    for version in current:
        for span in version.spans.all():
            ranges |= Q(code__gte=span.first, code__lte=span.last)
    codes = Code.objects.filter(
        ranges, system__slug__in=["cpt", "hcpcs"], level=Code.Level.CODE
    ).select_related("system")
    return [
        CodePolicy(code, version)
        for code in codes.order_by("code")
        for version in current
        if covers(version, code.code)
    ]
