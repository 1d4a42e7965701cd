"""Read-side queries for fee data: the code page's fee section and the locality picker."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, QuerySet, Subquery

from lookup.models import Code

from . import indicators
from .models import ChosenLocality, Edition, FacilityRate, Locality, PhysicianFee
from .payment import locality_payment, national_payment
from .states import state_label

# Code systems whose codes CMS prices: CPT and HCPCS Level II share the HCPCS namespace.
PRICED_SYSTEMS = {"cpt", "hcpcs"}

GPCI_PLACES = Decimal("0.001")
LOCALITY_FIELDS = ["id", "mac", "state", "number", "name", "work_gpci", "pe_gpci", "mp_gpci"]
FACILITY_RATE_FIELDS = [
    "id", "edition_id", "indicator", "apc", "payment_rate", "national_copayment",
    "minimum_copayment",
]  # fmt: skip
CENTS = Decimal("0.01")


@dataclass(frozen=True)
class Indicator:
    label: str
    value: str
    meaning: str


@dataclass(frozen=True)
class ComponentPayment:
    modifier: str
    nonfacility: Decimal | None
    facility: Decimal | None


@dataclass
class FeeSection:
    """The fee section as one visitor sees it: `locked` carries no figure at all."""

    locked: bool
    physician: PhysicianFee | None = None
    components: list[PhysicianFee] = field(default_factory=list)
    locality: Locality | None = None
    hospital_outpatient: FacilityRate | None = None
    surgery_center: FacilityRate | None = None

    title = "Medicare payment and RVUs"
    anchor = "medicare-payment"

    @property
    def has_data(self) -> bool:
        return bool(self.physician or self.hospital_outpatient or self.surgery_center)

    @property
    def is_payable(self) -> bool:
        return self.physician is not None and self.physician.status in indicators.PAYABLE_STATUSES

    @property
    def status_meaning(self) -> str:
        return indicators.meaning(indicators.STATUS, self.physician.status)

    @property
    def global_period(self) -> str:
        return indicators.meaning(indicators.GLOBAL_DAYS, self.physician.global_days)

    @property
    def national_nonfacility(self) -> Decimal | None:
        return nonfacility_national(self.physician) if self.is_payable else None

    @property
    def national_facility(self) -> Decimal | None:
        return facility_national(self.physician) if self.is_payable else None

    @property
    def locality_nonfacility(self) -> Decimal | None:
        fee = self.physician
        if not (self.is_payable and self.locality) or fee.nonfacility_not_applicable:
            return None
        return locality_payment(
            work_rvu=fee.work_rvu,
            pe_rvu=fee.nonfacility_pe_rvu,
            mp_rvu=fee.mp_rvu,
            locality=self.locality,
            conversion_factor=fee.conversion_factor,
        )

    @property
    def locality_facility(self) -> Decimal | None:
        fee = self.physician
        if not (self.is_payable and self.locality) or fee.facility_not_applicable:
            return None
        return locality_payment(
            work_rvu=fee.work_rvu,
            pe_rvu=fee.facility_pe_rvu,
            mp_rvu=fee.mp_rvu,
            locality=self.locality,
            conversion_factor=fee.conversion_factor,
        )

    @property
    def component_payments(self) -> list[ComponentPayment]:
        """National payments of the professional (26) and technical (TC) components."""
        return [
            ComponentPayment(fee.modifier, nonfacility_national(fee), facility_national(fee))
            for fee in self.components
            if fee.status in indicators.PAYABLE_STATUSES
        ]

    @property
    def indicators(self) -> list[Indicator]:
        fee = self.physician
        return [
            Indicator(label, value, indicators.meaning(table, value))
            for label, value, table in [
                ("PC/TC", fee.pctc_indicator, indicators.PCTC),
                ("Multiple procedures", fee.multiple_procedure, indicators.MULTIPLE_PROCEDURE),
                ("Bilateral surgery", fee.bilateral_surgery, indicators.BILATERAL_SURGERY),
                ("Assistant at surgery", fee.assistant_surgery, indicators.ASSISTANT_SURGERY),
                ("Co-surgeons", fee.co_surgeons, indicators.CO_SURGEONS),
                ("Team surgery", fee.team_surgery, indicators.TEAM_SURGERY),
            ]
        ]

    @property
    def hospital_outpatient_meaning(self) -> str:
        status = self.hospital_outpatient.indicator
        return indicators.meaning(indicators.HOSPITAL_OUTPATIENT_STATUS, status)

    @property
    def surgery_center_meaning(self) -> str:
        payment = self.surgery_center.indicator
        return indicators.meaning(indicators.SURGERY_CENTER_PAYMENT, payment)


def nonfacility_national(fee: PhysicianFee) -> Decimal | None:
    """National office (non-facility) payment, None where CMS marks the setting NA."""
    if fee.nonfacility_not_applicable:
        return None
    return national_payment(fee.nonfacility_total_rvu, fee.conversion_factor)


def facility_national(fee: PhysicianFee) -> Decimal | None:
    """National facility payment to the physician, None where CMS marks the setting NA."""
    if fee.facility_not_applicable:
        return None
    return national_payment(fee.facility_total_rvu, fee.conversion_factor)


def fees_with_chosen_locality(code: str, user) -> QuerySet[PhysicianFee]:
    """The PPRRVU rows of a code, each annotated with the user's chosen locality and the
    code's hospital outpatient and surgery center rates (one subquery per field), so the
    whole fee section costs the page one query."""
    chosen = ChosenLocality.objects.filter(user=user.pk)
    annotations = {
        f"chosen_locality_{name}": Subquery(chosen.values(f"locality__{name}")[:1])
        for name in LOCALITY_FIELDS
    }
    for setting in FacilityRate.Setting:
        rates = FacilityRate.objects.filter(hcpcs=OuterRef("hcpcs"), setting=setting)
        for name in [*FACILITY_RATE_FIELDS, "edition__title"]:
            annotations[f"{setting}_{name.replace('__', '_')}"] = Subquery(rates.values(name)[:1])
    return PhysicianFee.objects.filter(hcpcs=code).select_related("edition").annotate(**annotations)


def locality_from_annotations(fee: PhysicianFee) -> Locality:
    locality = Locality(
        **{name: getattr(fee, f"chosen_locality_{name}") for name in LOCALITY_FIELDS}
    )
    # SQLite hands subquery decimals back through a float: restore the file's three places.
    for name in ["work_gpci", "pe_gpci", "mp_gpci"]:
        setattr(locality, name, Decimal(getattr(locality, name)).quantize(GPCI_PLACES))
    return locality


def facility_rate_from_annotations(fee: PhysicianFee, setting: str) -> FacilityRate | None:
    values = {name: getattr(fee, f"{setting}_{name}") for name in FACILITY_RATE_FIELDS}
    if values["id"] is None:
        return None
    rate = FacilityRate(setting=setting, hcpcs=fee.hcpcs, **values)
    rate.edition = Edition(pk=values["edition_id"], title=getattr(fee, f"{setting}_edition_title"))
    # SQLite hands subquery decimals back through a float: restore the cents.
    for name in ["payment_rate", "national_copayment", "minimum_copayment"]:
        if getattr(rate, name) is not None:
            setattr(rate, name, Decimal(getattr(rate, name)).quantize(CENTS))
    return rate


def fee_section_for(code: Code, user, *, readable: bool) -> FeeSection | None:
    """The fee section of a code page: None where CMS does not price the code, locked (no
    figure, no query) for a visitor who may not read gated content, else one query (two
    for a code with facility rates but no physician fee schedule row)."""
    if code.system.slug not in PRICED_SYSTEMS or code.level != Code.Level.CODE:
        return None
    if not readable:
        return FeeSection(locked=True)
    section = FeeSection(locked=False)
    fees = list(fees_with_chosen_locality(code.code, user))
    for fee in fees:
        if fee.modifier:
            section.components.append(fee)
            continue
        section.physician = fee
        if fee.chosen_locality_id is not None:
            section.locality = locality_from_annotations(fee)
        section.hospital_outpatient = facility_rate_from_annotations(
            fee, FacilityRate.Setting.HOSPITAL_OUTPATIENT
        )
        section.surgery_center = facility_rate_from_annotations(
            fee, FacilityRate.Setting.SURGERY_CENTER
        )
    if not fees:
        for rate in FacilityRate.objects.filter(hcpcs=code.code).select_related("edition"):
            if rate.setting == FacilityRate.Setting.HOSPITAL_OUTPATIENT:
                section.hospital_outpatient = rate
            else:
                section.surgery_center = rate
    return section


def states_with_localities() -> list[str]:
    """The states (and territories) that have at least one locality, by name, for the picker."""
    codes = Locality.objects.values_list("state", flat=True).distinct()
    return sorted(codes, key=state_label)


def localities_in(state: str) -> QuerySet[Locality]:
    return Locality.objects.filter(state=state).order_by("name")


def chosen_locality_of(user) -> Locality | None:
    choice = ChosenLocality.objects.filter(user=user).select_related("locality").first()
    return choice.locality if choice else None
