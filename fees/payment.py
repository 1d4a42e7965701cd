"""The Medicare payment formulas, in Decimal, rounded to cents half up as CMS publishes them."""

from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

CENT = Decimal("0.01")


class PracticeCostIndices(Protocol):
    work_gpci: Decimal
    pe_gpci: Decimal
    mp_gpci: Decimal


def round_to_cents(amount: Decimal) -> Decimal:
    """Round a dollar amount to cents, halves away from zero (CMS's published rounding)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def national_payment(total_rvu: Decimal, conversion_factor: Decimal) -> Decimal:
    """National (unadjusted) fee: total RVU x conversion factor."""
    return round_to_cents(total_rvu * conversion_factor)


def locality_payment(
    *,
    work_rvu: Decimal,
    pe_rvu: Decimal,
    mp_rvu: Decimal,
    locality: PracticeCostIndices,
    conversion_factor: Decimal,
) -> Decimal:
    """Locality fee: (work x work GPCI + PE x PE GPCI + MP x MP GPCI) x conversion factor."""
    adjusted_rvu = (
        work_rvu * locality.work_gpci + pe_rvu * locality.pe_gpci + mp_rvu * locality.mp_gpci
    )
    return round_to_cents(adjusted_rvu * conversion_factor)
