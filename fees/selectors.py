"""Read-side queries for fee data: the code page's fee section and the locality picker."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import DecimalField, QuerySet

from core.states import state_label
from lookup.models import Code

from . import indicators
from .models import Edition, FacilityRate, Locality, PhysicianFee
from .payment import locality_payment, national_payment

# Code systems whose codes CMS prices: CPT and HCPCS Level II share the HCPCS namespace.
PRICED_SYSTEMS = {"cpt", "hcpcs"}

LOCALITY_FIELDS = [
    "id", "edition_id", "mac", "state", "number", "name", "work_gpci", "pe_gpci", "mp_gpci",
    "retired_on",
]  # fmt: skip
EDITION_FIELDS = ["kind", "title", "source_file"]
FACILITY_RATE_FIELDS = [
    "id", "edition_id", "indicator", "apc", "payment_rate", "national_copayment",
    "minimum_copayment",
]  # fmt: skip


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
    # The user's choice when a new GPCI file left it out: no payment, a request to choose again.
    retired_locality: Locality | None = None
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
        return indicators.STATUS.sentence(self.physician.status, self.physician.hcpcs)

    @property
    def global_period(self) -> str:
        return indicators.GLOBAL_PERIOD.sentence(self.physician.global_days, self.physician.hcpcs)

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
        """The payment policy indicators, each said in a sentence about the code."""
        fee = self.physician
        return [
            Indicator(rule.label, value, rule.sentence(value, fee.hcpcs))
            for rule, field_name in indicators.PAYMENT_RULES
            for value in [getattr(fee, field_name)]
        ]

    @property
    def headline_payment(self) -> tuple[Decimal | None, str]:
        """The national payment a summary card shows, with its setting: the office
        (non-facility) rate, or the facility rate where CMS pays no office rate."""
        if self.national_nonfacility is not None:
            return self.national_nonfacility, "non-facility"
        return self.national_facility, "facility"

    @property
    def headline_locality_payment(self) -> Decimal | None:
        """The chosen locality's payment in the setting of the headline payment."""
        _, setting = self.headline_payment
        return self.locality_nonfacility if setting == "non-facility" else self.locality_facility

    @property
    def headline_total_rvu(self) -> Decimal | None:
        """Total RVUs in the setting of the headline payment."""
        fee = self.physician
        if fee is None:
            return None
        if fee.nonfacility_not_applicable and not fee.facility_not_applicable:
            return fee.facility_total_rvu
        return None if fee.nonfacility_not_applicable else fee.nonfacility_total_rvu

    @property
    def global_package_split(self) -> str:
        """How the global package divides between surgeons sharing it (modifiers 54, 55 and
        56), as percentages; empty when CMS gives no split."""
        fee = self.physician
        shares = [
            ("preoperative", fee.preoperative_share),
            ("intraoperative", fee.intraoperative_share),
            ("postoperative", fee.postoperative_share),
        ]
        if not any(share for _, share in shares):
            return ""
        return ", ".join(f"{name} {share * 100:.0f}%" for name, share in shares)

    @property
    def global_days_short(self) -> str:
        return indicators.GLOBAL_DAYS_SHORT.get(self.physician.global_days, "")

    @property
    def cites_locality_file(self) -> bool:
        """Whether the section names a locality (current or retired): it then rests on the
        GPCI file too."""
        return (self.locality or self.retired_locality) is not None

    @property
    def editions(self) -> list[Edition]:
        """The CMS files the section's figures come from, in the order the section uses them."""
        locality = self.locality or self.retired_locality
        rates = [self.hospital_outpatient, self.surgery_center]
        found = [
            self.physician.edition if self.physician else None,
            locality.edition if locality else None,
            *[rate.edition for rate in rates if rate is not None],
        ]
        return [edition for edition in found if edition is not None]

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


def fee_rows_sql() -> str:
    """One statement for the whole fee section: the code's PPRRVU rows (or one empty row),
    each joined with its editions, hospital outpatient and surgery center rates and the
    user's chosen locality. Plain joins: cheap to run, nothing to compile per request."""
    fee, rate, locality = PhysicianFee._meta, FacilityRate._meta, Locality._meta
    columns = [f'fee."{field.column}" AS "{field.attname}"' for field in fee.concrete_fields]
    columns += edition_columns("fee_edition", "")
    for setting in FacilityRate.Setting:
        columns += [
            f'rate_{setting}."{rate.get_field(name).column}" AS "{setting}_{name}"'
            for name in FACILITY_RATE_FIELDS
        ]
        columns += edition_columns(f"rate_{setting}_edition", f"{setting}_")
    columns += [
        f'locality."{locality.get_field(name).column}" AS "locality_{name}"'
        for name in LOCALITY_FIELDS
    ]
    columns += edition_columns("locality_edition", "locality_")
    joins = [
        f'LEFT JOIN "{fee.db_table}" fee ON fee."hcpcs" = anchor.hcpcs',
        f'LEFT JOIN "{Edition._meta.db_table}" fee_edition ON fee_edition."id" = fee."edition_id"',
    ]
    for setting in FacilityRate.Setting:
        joins += [
            f'LEFT JOIN "{rate.db_table}" rate_{setting} ON rate_{setting}."hcpcs" = anchor.hcpcs'
            f" AND rate_{setting}.\"setting\" = '{setting.value}'",
            f'LEFT JOIN "{Edition._meta.db_table}" rate_{setting}_edition'
            f' ON rate_{setting}_edition."id" = rate_{setting}."edition_id"',
        ]
    joins += [
        f'LEFT JOIN "{locality.db_table}" locality'
        ' ON locality."state" = %s AND locality."number" = %s',
        f'LEFT JOIN "{Edition._meta.db_table}" locality_edition'
        ' ON locality_edition."id" = locality."edition_id"',
    ]
    return (
        f"SELECT {', '.join(columns)} FROM (SELECT CAST(%s AS varchar(5)) AS hcpcs) anchor "
        + " ".join(joins)
        + ' ORDER BY fee."modifier"'
    )


def edition_columns(alias: str, prefix: str) -> list[str]:
    """The columns an Edition is rebuilt from (edition_from_row), for the table `alias`."""
    return [f'{alias}."{name}" AS "{prefix}edition_{name}"' for name in EDITION_FIELDS]


def edition_from_row(row: dict, prefix: str, pk: int) -> Edition:
    """The file a fee row came from: what the page cites under its sources."""
    return Edition(pk=pk, **{name: row[f"{prefix}edition_{name}"] for name in EDITION_FIELDS})


def model_from_row(model, row: dict, prefix: str, names: list[str]):
    """An unsaved instance of `model` from `row`'s prefixed columns, or None if all are empty.

    Values go through each field's to_python, as SQLite returns decimals as floats."""
    values = {name: row[f"{prefix}{name}"] for name in names}
    if values["id"] is None:
        return None
    for name, value in values.items():
        field = model._meta.get_field(name)
        if value is not None and isinstance(field, DecimalField):
            values[name] = Decimal(str(value)).quantize(Decimal(1).scaleb(-field.decimal_places))
        elif value is not None:
            values[name] = field.to_python(value)
    return model(**values)


def has_fee_section(code: Code) -> bool:
    """Whether `code`'s page shows the fee section: CPT and HCPCS codes (not their ranges)."""
    return code.system.slug in PRICED_SYSTEMS and code.level == Code.Level.CODE


def chosen_locality_key(user) -> str:
    """The locality whose payments the reader's fee sections show (Locality.key), "" when
    they chose none: read from the account, no query."""
    return user.medicare_locality if user.is_authenticated else ""


def fee_section_for(code: Code, user, *, readable: bool) -> FeeSection | None:
    """The fee section of a code page: None where CMS does not price the code, locked (no
    figure, no query) for a visitor who may not read gated content, else one query."""
    if not has_fee_section(code):
        return None
    if not readable:
        return FeeSection(locked=True)
    with connection.cursor() as cursor:
        state, _, number = chosen_locality_key(user).partition("-")
        cursor.execute(fee_rows_sql(), [code.code, state, number])
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    section = FeeSection(locked=False)
    fee_names = [field.attname for field in PhysicianFee._meta.concrete_fields]
    for row in rows:
        fee = model_from_row(PhysicianFee, row, "", fee_names)
        if fee is None:
            pass
        elif fee.modifier:
            section.components.append(fee)
            continue
        else:
            fee.edition = edition_from_row(row, "", fee.edition_id)
            section.physician = fee
        locality = model_from_row(Locality, row, "locality_", LOCALITY_FIELDS)
        if locality is not None:
            locality.edition = edition_from_row(row, "locality_", locality.edition_id)
        if locality is not None and locality.is_retired:
            section.retired_locality = locality
        else:
            section.locality = locality
        for setting in FacilityRate.Setting:
            rate = model_from_row(FacilityRate, row, f"{setting}_", FACILITY_RATE_FIELDS)
            if rate is not None:
                rate.edition = edition_from_row(row, f"{setting}_", rate.edition_id)
            if setting == FacilityRate.Setting.HOSPITAL_OUTPATIENT:
                section.hospital_outpatient = rate
            else:
                section.surgery_center = rate
    return section


def physician_fee_edition() -> Edition | None:
    """The physician fee schedule file loaded here, None before any."""
    return Edition.objects.filter(kind=Edition.Kind.PHYSICIAN_FEE_SCHEDULE).first()


def states_with_localities() -> list[str]:
    """The states (and territories) with at least one current locality, by name."""
    current = Locality.objects.filter(retired_on=None).order_by("state")  # no name: one per state
    codes = current.values_list("state", flat=True).distinct()
    return sorted(codes, key=state_label)


def localities_in(state: str) -> QuerySet[Locality]:
    """The current localities of a state, the ones the picker offers; retired ones are not."""
    return Locality.objects.filter(state=state, retired_on=None).order_by("name")


def chosen_locality_of(user) -> Locality | None:
    """The locality the reader chose, retired or not; None when they chose none."""
    state, _, number = chosen_locality_key(user).partition("-")
    return Locality.objects.filter(state=state, number=number).first() if state else None
