"""The modifiers the physician fee schedule's indicators speak of, with when each applies to
one code: what a payer overview's modifier table shows. Names are ours, short."""

from dataclasses import dataclass

from . import indicators
from .models import PhysicianFee

# Indicator values under which the rule "does not apply" to the code: no row for it.
NOT_APPLICABLE = {"9"}

# Each modifier, its name and the PhysicianFee field whose indicator says when it applies.
INDICATOR_MODIFIERS = [
    ("26", "Professional component", indicators.PROFESSIONAL_TECHNICAL, "pctc_indicator"),
    ("TC", "Technical component", indicators.PROFESSIONAL_TECHNICAL, "pctc_indicator"),
    ("50", "Bilateral procedure", indicators.BILATERAL_SURGERY, "bilateral_surgery"),
    ("51", "Multiple procedures", indicators.MULTIPLE_PROCEDURE, "multiple_procedure"),
    ("62", "Two surgeons (co-surgery)", indicators.CO_SURGEONS, "co_surgeons"),
    ("66", "Surgical team", indicators.TEAM_SURGERY, "team_surgery"),
    ("80", "Assistant surgeon", indicators.ASSISTANT_SURGERY, "assistant_surgery"),
    ("82", "Assistant surgeon, no qualified resident", indicators.ASSISTANT_SURGERY,
     "assistant_surgery"),
]  # fmt: skip

# PC/TC indicators under which TC means nothing for the code: 26's row says why.
TC_ROW_INDICATORS = {"1"}

GLOBAL_SPLIT_MODIFIERS = [
    ("54", "Surgical care only", "intraoperative", "intraoperative_share"),
    ("55", "Postoperative management only", "postoperative", "postoperative_share"),
    ("56", "Preoperative management only", "preoperative", "preoperative_share"),
]


@dataclass(frozen=True)
class ModifierRow:
    modifier: str
    name: str
    when: str  # when to use it on this code, from the fee schedule's indicator
    indicator: str  # "Bilateral surgery 1", the indicator the sentence rests on


def modifier_rows(fee: PhysicianFee) -> list[ModifierRow]:
    """The modifiers the fee schedule's indicators govern for `fee`'s code, each with when
    to use it; none for an indicator whose rules do not apply to the code."""
    rows = []
    for modifier, name, rule, field_name in INDICATOR_MODIFIERS:
        value = getattr(fee, field_name)
        if value in NOT_APPLICABLE or (modifier == "TC" and value not in TC_ROW_INDICATORS):
            continue
        rows.append(
            ModifierRow(modifier, name, rule.sentence(value, fee.hcpcs), f"{rule.label} {value}")
        )
    if fee.global_days in {"010", "090"} and any(
        getattr(fee, share) for *_, share in GLOBAL_SPLIT_MODIFIERS
    ):
        for modifier, name, part, share_field in GLOBAL_SPLIT_MODIFIERS:
            share = getattr(fee, share_field) * 100
            when = (
                f"When a surgeon provides only the {part} part of {fee.hcpcs}'s global "
                f"package: Medicare pays {share:.0f}% of the fee for it."
            )
            rows.append(ModifierRow(modifier, name, when, f"Global period {fee.global_days}"))
    return rows
