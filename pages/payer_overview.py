"""A code's payer overview: where the service is performed and what Medicare pays (from our
CMS data), how each payer's policy we hold treats the code, the modifiers with when to use
each, and what changed. Composed from the fees and payers apps; plain Python, few queries.

The whole overview is gated content: a reader who may not read gated sections gets a locked
overview holding nothing but the names of its parts (and no policy text).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from fees.modifiers import ModifierRow, modifier_rows
from fees.selectors import FeeSection
from lookup.models import Section
from payers.models import Payer, PolicyVersion
from payers.selectors import HistoryEntry, overview_payers, policies_for, policy_history

from .parts import LockedPart
from .selectors import CataloguePage

# The overview's parts, as the locked overview names them.
OVERVIEW_PARTS = [
    LockedPart("where-performed", "Where the service is performed"),
    LockedPart("medicare", "Medicare: payment, global period, indicators and coverage"),
    LockedPart("payers", "Payer policies: prior authorization, criteria and documentation"),
    LockedPart("modifiers", "Modifiers and when to use each"),
    LockedPart("what-changed", "What changed"),
]


@dataclass(frozen=True)
class SiteOfService:
    setting: str
    amount: Decimal | None  # Medicare's national rate there; None when it pays none
    note: str


@dataclass(frozen=True)
class PayerRow:
    """A payer on the overview, with its policies in force that cover the code (none: the
    overview says we hold none)."""

    payer: Payer
    versions: list[PolicyVersion]


@dataclass
class PayerOverview:
    locked: bool
    fees: FeeSection | None = None
    sites: list[SiteOfService] = field(default_factory=list)
    coverage: Section | None = None
    modifiers_section: Section | None = None
    modifiers: list[ModifierRow] = field(default_factory=list)
    medicare_policies: list[PolicyVersion] = field(default_factory=list)
    payers: list[PayerRow] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    parts: list[LockedPart] = field(default_factory=lambda: OVERVIEW_PARTS)

    @property
    def has_samples(self) -> bool:
        """Whether any policy shown is a sample record: the page then says so plainly."""
        shown = [*self.medicare_policies, *[v for row in self.payers for v in row.versions]]
        return any(version.policy.is_sample for version in shown) or any(
            entry.version.policy.is_sample for entry in self.history
        )

    @property
    def paid_settings(self) -> list[SiteOfService]:
        return [site for site in self.sites if site.amount is not None]


def is_medicare(payer: Payer) -> bool:
    return payer.kind in (Payer.Kind.MEDICARE, Payer.Kind.MEDICARE_CONTRACTOR)


def sites_of_service(fees: FeeSection) -> list[SiteOfService]:
    """Where Medicare pays the service, by setting, from the PFS, OPPS and ASC rates."""
    sites = []
    if fees.is_payable:
        office = fees.national_nonfacility
        note = (
            "Physician fee schedule, non-facility rate."
            if office is not None
            else ("CMS pays no office (non-facility) rate: the service belongs in a facility.")
        )
        sites.append(SiteOfService("Physician office", office, note))
    outpatient = fees.hospital_outpatient
    if outpatient is not None:
        amount = None if outpatient.indicator == "C" else outpatient.payment_rate
        sites.append(
            SiteOfService(
                "Hospital outpatient department",
                amount,
                f"OPPS status {outpatient.indicator}: {fees.hospital_outpatient_meaning}",
            )
        )
        if outpatient.indicator == "C":
            sites.append(SiteOfService("Hospital inpatient", None, "Inpatient only under OPPS."))
    center = fees.surgery_center
    if center is not None:
        sites.append(
            SiteOfService(
                "Ambulatory surgery center",
                center.payment_rate,
                f"ASC payment indicator {center.indicator}: {fees.surgery_center_meaning}",
            )
        )
    elif fees.has_data:
        sites.append(
            SiteOfService("Ambulatory surgery center", None, "No ASC rate in the CMS file we hold.")
        )
    return sites


def payer_overview_for(
    page: CataloguePage, fees: FeeSection | None, *, readable: bool
) -> PayerOverview:
    """The overview of `page`'s code for a reader who may (`readable`) or may not read gated
    content; `fees` is the code's unlocked fee section (None where CMS prices nothing)."""
    if not readable:
        return PayerOverview(locked=True)
    code = page.code.code
    sections = {section.kind: section for section in page.sections}
    in_force = policies_for(code)
    listed = overview_payers() + [
        version.policy.payer for version in in_force if not is_medicare(version.policy.payer)
    ]
    rows = [
        PayerRow(payer, [v for v in in_force if v.policy.payer_id == payer.pk])
        for payer in dict.fromkeys(listed)
        if not is_medicare(payer)
    ]
    physician = fees.physician if fees else None
    return PayerOverview(
        locked=False,
        fees=fees,
        sites=sites_of_service(fees) if fees else [],
        coverage=sections.get(Section.Kind.COVERAGE),
        modifiers_section=sections.get(Section.Kind.MODIFIERS),
        modifiers=modifier_rows(physician) if physician else [],
        medicare_policies=[v for v in in_force if is_medicare(v.policy.payer)],
        payers=rows,
        history=policy_history(code),
    )
