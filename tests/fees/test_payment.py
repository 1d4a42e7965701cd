from decimal import Decimal

from fees.models import Locality
from fees.payment import locality_payment, national_payment, round_to_cents

CONVERSION_FACTOR = Decimal("33.4009")


def test_national_payment_of_27323_matches_cms():
    # 8.23 x 33.4009 = 274.889407
    assert national_payment(Decimal("8.23"), CONVERSION_FACTOR) == Decimal("274.89")


def test_cents_are_rounded_half_up_as_cms_does():
    assert round_to_cents(Decimal("10.005")) == Decimal("10.01")
    assert round_to_cents(Decimal("10.0049")) == Decimal("10.00")
    assert round_to_cents(Decimal("10.015")) == Decimal("10.02")  # not banker's rounding


def test_locality_payment_of_27323_in_manhattan_computed_by_hand():
    # Manhattan (NY 01) GPCIs 2026: work 1.063, PE 1.318, MP 1.285.
    # 2.27 x 1.063 = 2.41301; 5.66 x 1.318 = 7.45988; 0.30 x 1.285 = 0.38550
    # sum 10.25839 x 33.4009 = 342.639458... -> $342.64
    manhattan = Locality(
        work_gpci=Decimal("1.063"), pe_gpci=Decimal("1.318"), mp_gpci=Decimal("1.285")
    )

    payment = locality_payment(
        work_rvu=Decimal("2.27"),
        pe_rvu=Decimal("5.66"),
        mp_rvu=Decimal("0.30"),
        locality=manhattan,
        conversion_factor=CONVERSION_FACTOR,
    )

    assert payment == Decimal("342.64")
