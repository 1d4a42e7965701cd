"""CasePilot's answers from the facts a code page shows (fees and indicators, MS-DRG, CMS-HCC,
billable, 7th characters, validity and history, tabular notes), said first, in our words,
from one template per kind of fact, each citing the part of the page that shows it.

A fact the page would lock for the asker is never said: its part is named instead, as a
locked citation. Questions about what we do not hold (MUEs, NCCI pairs, codes we do not
carry) get one plain sentence saying so.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from accounts.metering import Access
from core.plaintext import html_to_blocks
from fees import indicators
from fees.models import Locality
from fees.payment import locality_payment
from fees.selectors import FeeSection, fee_section_for, has_fee_section
from grouping.models import HccCategory
from grouping.sections import (
    GROUPING_FACTS,
    MsDrgSection,
    RiskAdjustmentSection,
    ms_drg_section_for,
    risk_adjustment_section_for,
)
from lookup.cpt_modifiers import CPT_MODIFIERS
from lookup.history import Verdict, codes_added_in_place_of, long_date, validity_on
from lookup.models import Code, CodeHistory, CodeSystem, Modifier, Section
from lookup.search.modifiers import find_modifiers
from lookup.selectors import (
    ancestors_of,
    children_of,
    code_with_ancestors,
    fetched_fact,
    sections_with_inherited_notes,
)

from .questions import Question

# Anchors of the code page's parts a fact is cited to (templates/fees, grouping, pages).
FEES_ANCHOR = FeeSection.anchor
RVUS_ANCHOR = "rvus"
RULES_ANCHOR = "global-period"
SITE_ANCHOR = "site-of-service"
HISTORY_ANCHOR = "code-history"
DESCRIPTOR_ANCHOR = "official-descriptor"
CHILDREN_ANCHOR = "codes-under"
MAX_LISTED_CODES = 6

FEE_SUBJECTS = {
    "global-period", "payment", "rvu", "status", "pc-tc", "bilateral", "assistant",
    "co-surgeons", "team-surgery", "imaging-family", "multiple-procedure",
}  # fmt: skip
NOTE_SUBJECTS = {
    "note-excludes1": [Section.Kind.EXCLUDES1],
    "note-excludes2": [Section.Kind.EXCLUDES2],
    "note-excludes": [Section.Kind.EXCLUDES1, Section.Kind.EXCLUDES2],
    "note-code-first": [Section.Kind.CODE_FIRST],
    "note-use-additional-code": [Section.Kind.USE_ADDITIONAL_CODE],
    "note-code-also": [Section.Kind.CODE_ALSO],
    "note-includes": [Section.Kind.INCLUDES, Section.Kind.INCLUSION_TERMS],
}

GLOBAL_PERIOD = {
    "000": "{code} has a 0-day global period: Medicare's payment for it includes related care "
    "on the day of the procedure, so an E/M visit that day is paid only when it is "
    "significant and separately identifiable (modifier 25).",
    "010": "{code} has a 10-day global period: Medicare includes related visits on the day of "
    "the procedure and for the 10 days after it; an E/M visit the same day is paid only when "
    "it is significant and separately identifiable (modifier 25).",
    "090": "{code} has a 90-day global period (major surgery): Medicare includes related care "
    "from the day before the procedure through the 90 days after it; a visit at which the "
    "decision for surgery is made takes modifier 57.",
    "MMM": "{code} is a maternity code (global MMM): the usual global surgery days do not "
    "apply, as its package covers the obstetric care its descriptor names.",
    "XXX": "{code} has no global period (XXX): the global surgery rules do not apply to it.",
    "YYY": "The Medicare contractor sets the global period of {code} (YYY).",
    "ZZZ": "{code} is an add-on code (global ZZZ): it takes the global period of the primary "
    "procedure it is billed with.",
}
STATUS_NAMES = {
    "A": "active", "B": "bundled", "C": "carrier priced", "D": "deleted", "E": "excluded",
    "F": "deleted", "G": "not valid for Medicare", "H": "deleted modifier",
    "I": "not valid for Medicare", "J": "anesthesia", "M": "measurement code",
    "N": "non-covered", "P": "bundled or excluded", "R": "restricted coverage",
    "T": "paid only without another service that day", "X": "statutory exclusion",
}  # fmt: skip
# Our own lead for indicator values a coder asks about most; the others use the page's sentence.
INDICATOR_LEADS = {
    ("pctc_indicator", "0"): "Modifiers 26 and TC do not apply to {code}: it has no "
    "professional/technical split.",
    ("pctc_indicator", "1"): "{code} has a professional component (modifier 26) and a "
    "technical component (modifier TC), which may be billed apart; billed without either, "
    "it is the whole test.",
    ("pctc_indicator", "2"): "{code} is the professional component only (the "
    "interpretation): modifiers 26 and TC do not apply to it.",
    ("pctc_indicator", "3"): "{code} is the technical component only: modifiers 26 and TC do "
    "not apply to it.",
    ("pctc_indicator", "4"): "{code} is a global test only: separate codes describe its "
    "professional and technical components, so modifiers 26 and TC do not apply to it.",
    ("co_surgeons", "0"): "Co-surgeons are not paid on {code}: Medicare does not allow "
    "modifier 62 with it.",
    ("team_surgery", "0"): "A surgical team is not paid on {code}: Medicare does not allow "
    "modifier 66 with it.",
    ("bilateral_surgery", "0"): "{code} has no bilateral adjustment: done on both sides "
    "(modifier 50, or RT and LT), it is not paid above 100% of its fee.",
}
INDICATOR_FIELDS = {
    "pc-tc": "pctc_indicator",
    "bilateral": "bilateral_surgery",
    "assistant": "assistant_surgery",
    "co-surgeons": "co_surgeons",
    "team-surgery": "team_surgery",
    "imaging-family": "diagnostic_imaging_family",
    "multiple-procedure": "multiple_procedure",
}
RULES = {field_name: rule for rule, field_name in indicators.PAYMENT_RULES}

OUTPATIENT_WORDS = re.compile(r"\bopps\b|\boutpatient\b|\bhopd\b", re.I)
SURGERY_CENTER_WORDS = re.compile(r"\basc\b|surgery center|surgical center|\bambulatory\b", re.I)
DOSE = re.compile(r"\b(\d+(?:\.\d+)?)\s*(mg|mcg|ml|g|units?)\b", re.I)
# "per 15 mg", "up to 10 mg", or an amount closing the descriptor ("..., 1 mg").
PER_UNIT = re.compile(
    r"(?:\b(?:per|up to)\s+|,\s*)(\d+(?:\.\d+)?)\s*(mg|mcg|ml|g|units?)\b(?=\s*(?:$|[,;(]|per\b))",
    re.I,
)
SEVENTH_VALUE = re.compile(r"^\s*([0-9A-Z])\s*[-\u2013:]?\s+(.+)$")
ASKED_CHARACTER = re.compile(r"\bchar(?:acter)?\s+[\"'“]?([0-9A-Z])\b[\"'”]?", re.I)
MODEL_ASKED = re.compile(r"\bV(2[48])\b", re.I)
# One modifier asked for ("which modifier for..."); "modifiers for 27323" asks for a section.
MODIFIER_WORD = re.compile(r"\bmod(?:ifier)?\b", re.I)
# Words of a question about modifiers that say nothing of which one is meant.
MODIFIER_QUESTION_WORDS = {
    "modifier", "modifiers", "mod", "mods", "mean", "means", "meaning", "stand", "stands",
    "used", "use", "need", "needs", "should", "append", "add", "code", "right", "correct",
    "best", "one", "appropriate",
}  # fmt: skip
MAX_MODIFIERS_DESCRIBED = 2
MAX_DESCRIBING_WORDS = 4  # two of the first four words are tried (6 searches at most)
WORD = re.compile(r"[a-z]+")


@dataclass
class FactSentence:
    """A sentence stating a fact, citing the part of `code`'s page that shows it."""

    text: str
    # None: a statement of what we do not hold, citing nothing, or citing `url`, a page of
    # `system` that is not a code's (the modifier list).
    code: Code | None = None
    anchor: str = ""
    title: str = ""
    url: str = ""
    system: CodeSystem | None = None


@dataclass
class LockedFact:
    """A fact the asker may not read: the part of the page that shows it, by name only."""

    code: Code
    anchor: str
    title: str


@dataclass
class FactReply:
    sentences: list[FactSentence] = field(default_factory=list)
    locked: list[LockedFact] = field(default_factory=list)

    @property
    def answers(self) -> bool:
        """Whether it states a fact of a page (not only a lock, or what we do not hold)."""
        return any(sentence.code is not None or sentence.url for sentence in self.sentences)


OpenCode = Callable[[Code], Access]


def facts_for(question: Question, open_code: OpenCode) -> FactReply:
    """The facts that answer `question`, as the asker may read them (`open_code` decides, as
    for the page); empty when no fact we hold answers it."""
    reply = FactReply()
    codes = question.subject_codes
    subject = question.subject
    for word in question.unknown_codes:
        reply.sentences.append(
            FactSentence(
                f"We hold no code {word} in CPT, HCPCS Level II or ICD-10-CM: check the number, "
                "or search for the service in words."
            )
        )
    if subject == "mue":
        named = f" for {codes[0].code}" if codes else ""
        reply.sentences.append(
            FactSentence(
                f"We do not hold CMS's medically unlikely edits (MUEs), so we cannot give the "
                f"MUE{named}: look it up in the current MUE table on cms.gov."
            )
        )
        return reply
    if subject == "ncci-pair":
        reply.sentences.append(no_ncci_pairs(codes))
        return reply
    if not codes:
        reply.sentences += modifier_facts(question.modifiers or modifiers_described(question))
        return reply
    if subject in FEE_SUBJECTS:
        fee_facts(reply, question, fee_code(codes, subject), open_code)
        if subject == "global-period" and len(codes) > 1:
            # A visit beside a procedure: the global period answers, an edit might too.
            reply.sentences.append(no_ncci_pairs(codes))
    elif subject == "coverage" and has_fee_section(codes[0]):
        fee_facts(reply, question, codes[0], open_code)
    elif subject == "units" and open_code(codes[0]).shows_content:
        # The long descriptor it reads is behind the wall like the rest of the page.
        reply.sentences += unit_facts(question, codes[0])
    elif subject in ("cc-mcc", "cc-exclusion", "hcc"):
        grouping_facts(reply, question, codes, open_code)
    elif subject in ("billable", "validity", "history", "seventh-character") or (
        subject in NOTE_SUBJECTS
    ):
        page = page_of(codes[0])
        access = open_code(codes[0])
        if page is not None and access.shows_content:
            reply.sentences += catalogue_facts(question, page, access)
    elif not subject:
        reply.sentences += modifier_facts(question.modifiers or modifiers_described(question))
    return reply


def no_ncci_pairs(codes: list[Code]) -> FactSentence:
    pair = " and ".join(code.code for code in codes[:2])
    return FactSentence(
        f"We do not hold the NCCI procedure-to-procedure (PTP) edits, so we cannot say "
        f"whether an edit pairs {pair}: check the current NCCI PTP tables on cms.gov."
    )


@dataclass
class CodeFacts:
    """What a code page shows of its code before any access decision, as facts are read
    from it: the code with its grouping facts, parents, notes, children and history."""

    code: Code
    ancestors: list[Code]
    sections: list[Section]
    inherited_notes: list[Section]  # nearest last
    children: list[Code]
    history: CodeHistory | None
    # For a deleted code, the codes its deletion added under it (lookup.history).
    added_in_its_place: list[str] = field(default_factory=list)


def page_of(code: Code) -> CodeFacts | None:
    """The facts of `code`'s page, read as the page reads them (lookup.selectors)."""
    found = code_with_ancestors(code.system.slug, code.code, GROUPING_FACTS)
    if found is None:
        return None
    ancestors = ancestors_of(found)
    sections, inherited = sections_with_inherited_notes(found, ancestors)
    history = fetched_fact(found, "history")
    return CodeFacts(
        found,
        ancestors,
        sections,
        inherited,
        children_of(found),
        history,
        codes_added_in_place_of(found, history),
    )


def fee_code(codes: list[Code], subject: str) -> Code:
    """The code whose fee facts answer: for a visit beside a procedure, the procedure."""
    priced = [code for code in codes if has_fee_section(code)] or codes
    if subject == "global-period" and len(priced) > 1:
        fees = {code.pk: fee_section_for(code, AnonymousUser(), readable=True) for code in priced}
        surgical = [
            code
            for code in priced
            if fees[code.pk].physician
            and fees[code.pk].physician.global_days in GLOBAL_PERIOD
            and fees[code.pk].physician.global_days not in ("XXX", "YYY")
        ]
        return (surgical or priced)[0]
    return priced[0]


# --- Fees and the physician fee schedule's indicators ------------------------------------


def money(amount: Decimal | None) -> str:
    return f"${amount:,.2f}"


def fee_facts(reply: FactReply, question: Question, code: Code, open_code: OpenCode) -> None:
    if not has_fee_section(code):
        return
    access = open_code(code)
    if not access.can_read_gated:
        if access.shows_content or question.subject:
            reply.locked.append(LockedFact(code, FEES_ANCHOR, FeeSection.title))
        return
    fees = fee_section_for(code, AnonymousUser(), readable=True)
    fee = fees.physician
    subject = question.subject
    if fee is None and not (fees.hospital_outpatient or fees.surgery_center):
        reply.sentences.append(
            FactSentence(
                f"The Medicare payment files we hold have no entry for {code.code}.",
                code,
                FEES_ANCHOR,
                FeeSection.title,
            )
        )
        return
    if subject == "payment":
        reply.sentences += payment_facts(question, code, fees)
        return
    if fee is None:
        return
    if subject == "coverage":
        # The editors' coverage section answers; the status says it only when Medicare
        # does not simply pay the code.
        if not fees.is_payable:
            reply.sentences.append(status_fact(code, fees))
        return
    if subject == "global-period":
        reply.sentences.append(global_period_fact(code, fees))
    elif subject == "status" or (subject == "rvu" and not fees.is_payable):
        reply.sentences.append(status_fact(code, fees))
    elif subject == "rvu":
        reply.sentences.append(FactSentence(rvu_text(code, fee), code, RVUS_ANCHOR, "RVUs"))
    else:
        reply.sentences.append(indicator_fact(code, fee, INDICATOR_FIELDS[subject]))


def global_period_fact(code: Code, fees: FeeSection) -> FactSentence:
    template = GLOBAL_PERIOD.get(fees.physician.global_days)
    text = template.format(code=code.code) if template else fees.global_period
    return FactSentence(text, code, RULES_ANCHOR, "Global period")


def indicator_fact(code: Code, fee, field_name: str) -> FactSentence:
    """What one payment indicator of the physician fee schedule means for `code`."""
    value = getattr(fee, field_name)
    rule = RULES[field_name]
    lead = INDICATOR_LEADS.get((field_name, value))
    text = lead.format(code=code.code) if lead else rule.sentence(value, code.code)
    if field_name == "multiple_procedure" and fee.endoscopic_base_code:
        text = f"The base endoscopy of {code.code}'s family is {fee.endoscopic_base_code}. " + text
    return FactSentence(text, code, RULES_ANCHOR, f"{rule.label} indicator {value}")


def status_fact(code: Code, fees: FeeSection) -> FactSentence:
    status = fees.physician.status
    name = STATUS_NAMES.get(status, "")
    named = f" ({name})" if name else ""
    text = f"{code.code} has physician fee schedule status {status}{named}: " + lower_first(
        indicators.STATUS.sentence(status, code.code)
    )
    anchor = RULES_ANCHOR if fees.is_payable else RVUS_ANCHOR
    return FactSentence(text, code, anchor, "Physician fee schedule status")


def lower_first(sentence: str) -> str:
    """A sentence to follow a colon: its first word lower case, unless a code or Medicare."""
    first = sentence.split(" ", 1)[0]
    if first == "Medicare" or not first.isalpha():
        return sentence
    return sentence[0].lower() + sentence[1:]


def rvu_value(value: Decimal, not_applicable: bool, setting: str) -> str:
    return f"NA (not paid in {setting})" if not_applicable else f"{value}"


def rvu_text(code: Code, fee) -> str:
    office, facility = fee.nonfacility_not_applicable, fee.facility_not_applicable
    return (
        f"{code.code}'s RVUs: work {fee.work_rvu}; practice expense "
        f"{rvu_value(fee.nonfacility_pe_rvu, office, 'an office')} in an office (non-facility) "
        f"and {rvu_value(fee.facility_pe_rvu, facility, 'a facility')} in a facility; "
        f"malpractice {fee.mp_rvu}; total "
        f"{rvu_value(fee.nonfacility_total_rvu, office, 'an office')} "
        f"in an office and {rvu_value(fee.facility_total_rvu, facility, 'a facility')} in a "
        "facility."
    )


def setting_amounts(office: Decimal | None, facility: Decimal | None) -> str:
    in_office = (
        f"{money(office)} in an office (non-facility)"
        if office is not None
        else ("nothing in an office (NA: no non-facility rate)")
    )
    in_facility = (
        f"{money(facility)} in a facility"
        if facility is not None
        else ("nothing in a facility (NA)")
    )
    return f"{in_office} and {in_facility}"


def payment_facts(question: Question, code: Code, fees: FeeSection) -> list[FactSentence]:
    """National, locality and site-of-service payments, the one asked about first."""
    sentences = []
    fee = fees.physician
    if fee is not None and not fees.is_payable:
        sentences.append(status_fact(code, fees))
    elif fee is not None:
        locality = locality_named_in(question.text)
        if locality is not None:
            office = None if fee.nonfacility_not_applicable else locality_payment(
                work_rvu=fee.work_rvu, pe_rvu=fee.nonfacility_pe_rvu, mp_rvu=fee.mp_rvu,
                locality=locality, conversion_factor=fee.conversion_factor,
            )  # fmt: skip
            facility = None if fee.facility_not_applicable else locality_payment(
                work_rvu=fee.work_rvu, pe_rvu=fee.facility_pe_rvu, mp_rvu=fee.mp_rvu,
                locality=locality, conversion_factor=fee.conversion_factor,
            )  # fmt: skip
            sentences.append(
                FactSentence(
                    f"In the Medicare locality {locality.name.title().rstrip('*')} "
                    f"({locality.state}), the physician fee schedule pays {code.code} "
                    f"{setting_amounts(office, facility)}.",
                    code,
                    FEES_ANCHOR,
                    FeeSection.title,
                )
            )
        sentences.append(national_payment_fact(code, fees))
    site = site_of_service_facts(code, fees)
    asked = [
        (setting, rate)
        for setting, words, rate in [
            ("ambulatory surgery center (ASC)", SURGERY_CENTER_WORDS, fees.surgery_center),
            ("hospital outpatient (OPPS)", OUTPATIENT_WORDS, fees.hospital_outpatient),
        ]
        if words.search(question.text)
    ]
    if not asked:
        return sentences + site
    setting, rate = asked[0]
    if rate is None:
        # What we hold for the code follows: its physician fee schedule payments.
        held = FactSentence(
            f"We hold no {setting} rate for {code.code}; what Medicare pays for it under the "
            "physician fee schedule follows.",
            code,
            SITE_ANCHOR if site else FEES_ANCHOR,
            "Payment by site of service" if site else FeeSection.title,
        )
        return [held, *sentences, *site]
    site.sort(key=lambda sentence: ("ASC" in sentence.text) != ("ASC" in setting))
    first = site[0]
    site[0] = FactSentence(
        f"For {code.code}, the {first.text.removeprefix('Its ')}",
        first.code,
        first.anchor,
        first.title,
    )
    return site + sentences


def national_payment_fact(code: Code, fees: FeeSection) -> FactSentence:
    return FactSentence(
        f"Medicare's national payment for {code.code} under the physician fee schedule "
        f"is {setting_amounts(fees.national_nonfacility, fees.national_facility)}.",
        code,
        FEES_ANCHOR,
        FeeSection.title,
    )


def site_of_service_facts(code: Code, fees: FeeSection) -> list[FactSentence]:
    """The hospital outpatient (OPPS) and surgery center (ASC) rates, a sentence each."""
    site = []
    if (rate := fees.hospital_outpatient) is not None:
        amount = "no separate payment" if rate.payment_rate is None else money(rate.payment_rate)
        apc = f"APC {rate.apc}, " if rate.apc else ""
        site.append(
            FactSentence(
                f"Its hospital outpatient (OPPS) rate is {amount} ({apc}status {rate.indicator}).",
                code,
                SITE_ANCHOR,
                "Payment by site of service",
            )
        )
    if (rate := fees.surgery_center) is not None:
        amount = "no separate payment" if rate.payment_rate is None else money(rate.payment_rate)
        site.append(
            FactSentence(
                f"Its ambulatory surgery center (ASC) rate is {amount} (payment indicator "
                f"{rate.indicator}).",
                code,
                SITE_ANCHOR,
                "Payment by site of service",
            )
        )
    return site


def locality_named_in(text: str) -> Locality | None:
    """The current Medicare locality the question names ("rest of Texas", "Miami"), the
    longest name matching; a state with one locality matches by the state's name."""
    from core.states import STATE_NAMES

    lowered = " " + re.sub(r"[^a-z]+", " ", text.lower()) + " "
    best, best_length = None, 0
    localities = list(Locality.objects.filter(retired_on=None))
    for locality in localities:
        name = re.sub(r"\bcnty\b", "county", locality.name.lower())
        parts = [name, *re.split(r"[-()/,]", name)]
        for part in parts:
            words = " ".join(re.sub(r"[^a-z]+", " ", part).split())
            if len(words) >= 4 and f" {words} " in lowered and len(words) > best_length:
                best, best_length = locality, len(words)
    if best is not None:
        return best
    for state, state_name in STATE_NAMES.items():
        if f" {state_name.lower()} " in lowered:
            in_state = [each for each in localities if each.state == state]
            if len(in_state) == 1:
                return in_state[0]
    return None


# --- Units of a drug code ------------------------------------------------------------------


def unit_facts(question: Question, code: Code) -> list[FactSentence]:
    """How many units a dose is, from the amount the descriptor bills per unit."""
    per = PER_UNIT.search(code.long_descriptor or code.short_descriptor)
    if per is None:
        return []
    amount, unit = Decimal(per[1]), per[2].lower()
    text = f"{code.code} is billed per {per[1]} {unit}: one unit of {code.code} is {per[1]} {unit}"
    dose = DOSE.search(question.text)
    if dose and dose[2].lower().rstrip("s") == unit.rstrip("s") and Decimal(dose[1]) != amount:
        units = -(-Decimal(dose[1]) // amount)  # a part of a unit is billed as a whole one
        text += f", so {dose[1]} {dose[2]} is {units} billed unit{'s' if units != 1 else ''}"
    return [FactSentence(text + ".", code, DESCRIPTOR_ANCHOR, "Official descriptor")]


# --- MS-DRG and CMS-HCC --------------------------------------------------------------------


def grouping_facts(
    reply: FactReply, question: Question, codes: list[Code], open_code: OpenCode
) -> None:
    secondary, principal = secondary_and_principal(question, codes)
    page = page_of(secondary)
    if page is None:
        return
    access = open_code(secondary)
    code = page.code
    if question.subject == "hcc":
        section = risk_adjustment_section_for(code, readable=access.can_read_gated)
        if section is None:
            return
        if section.locked:
            reply.locked.append(LockedFact(code, section.anchor, section.title))
            return
        reply.sentences.append(hcc_fact(question, code, section))
        return
    asked = principal.code if principal is not None and question.subject == "cc-exclusion" else None
    section = ms_drg_section_for(code, readable=access.can_read_gated, principal=asked)
    if section is None:
        return
    if section.locked:
        reply.locked.append(LockedFact(code, section.anchor, section.title))
        return
    if section.answer is not None and section.answer.counts is not None:
        reply.sentences.append(
            FactSentence(section.answer.message, code, section.anchor, section.title)
        )
    reply.sentences.append(ms_drg_fact(code, section))


def secondary_and_principal(question: Question, codes: list[Code]) -> tuple[Code, Code | None]:
    """The secondary diagnosis asked about and the principal one (named after "principal",
    "pdx" or "primary"); with one code, that code and None."""
    if len(codes) < 2:
        return codes[0], None
    text = question.text.lower()
    marker = re.search(r"principal|pdx|primary", text)
    if marker:
        after = [code for code in codes if text.find(code.code.lower(), marker.end()) >= 0]
        before = [code for code in codes if code not in after]
        if after and before:
            return before[0], after[0]
    return codes[0], codes[1]


def ms_drg_fact(code: Code, section: MsDrgSection) -> FactSentence:
    title = section.edition.ms_drg_title
    facts = section.facts
    if facts is None and section.outside_edition_year:
        year = section.edition.ms_drg_fiscal_year
        text = f"{code.code} could not be reported in FY{year}, so {title} does not grade it."
    elif facts is None:
        text = (
            f"{code.code} is neither a CC nor an MCC in {title}: as a secondary diagnosis it "
            "does not raise the case's severity level."
        )
    else:
        severity = (
            "an MCC (major complication or comorbidity)"
            if facts.severity == "MCC"
            else ("a CC (complication or comorbidity)")
        )
        text = f"{code.code} is {severity} in {title} when it is a secondary diagnosis"
        if facts.excluding_principal_count:
            count = facts.excluding_principal_count
            text += (
                f", unless the principal diagnosis is one of the {count:,} that exclude it "
                f"(table 6K, collection {facts.exclusion_collection})"
            )
        text += "."
    return FactSentence(text, code, section.anchor, section.title)


def hcc_fact(question: Question, code: Code, section: RiskAdjustmentSection) -> FactSentence:
    labels = dict(HccCategory.Model.choices)
    wanted = {labels.get(f"V{number}") for number in MODEL_ASKED.findall(question.text)}
    models = [each for each in section.models if each[0] in wanted] or section.models
    parts = []
    for label, assignments in models:
        if assignments:
            categories = " and ".join(f"HCC {hcc.number} ({hcc.label})" for hcc in assignments)
            parts.append(f"in {label}, {code.code} maps to {categories}")
        else:
            parts.append(f"in {label}, {code.code} maps to no HCC and adds nothing to a risk score")
    text = "; ".join(parts)
    return FactSentence(text[0].upper() + text[1:] + ".", code, section.anchor, section.title)


# --- Catalogue facts: billable, validity, history, 7th characters, tabular notes ---------


def catalogue_facts(question: Question, page: CodeFacts, access: Access) -> list[FactSentence]:
    subject = question.subject
    if subject == "billable":
        return [billable_fact(page)]
    if subject == "validity":
        return [validity_fact(question, page)]
    if subject == "history":
        return history_facts(page)
    if subject == "seventh-character":
        return seventh_character_facts(question, page, access)
    return note_facts(question, page, access, NOTE_SUBJECTS[subject])


def codes_list(codes: list[Code]) -> str:
    shown = ", ".join(code.code for code in codes[:MAX_LISTED_CODES])
    return shown + (
        f" and {len(codes) - MAX_LISTED_CODES} more" if len(codes) > MAX_LISTED_CODES else ""
    )


def reportable_children(page: CodeFacts) -> list[Code]:
    return [child for child in page.children if child.level == Code.Level.CODE]


def billable_fact(page: CodeFacts) -> FactSentence:
    code = page.code
    if code.billable and not code.is_deleted:
        return FactSentence(
            f"Yes: {code.code} is a billable code, reported as it stands.",
            code,
            DESCRIPTOR_ANCHOR,
            "Billable",
        )
    if code.is_deleted:
        return FactSentence(
            f"No: {code.code} is deleted and is not billable for later dates of service.",
            code,
            DESCRIPTOR_ANCHOR,
            "Billable",
        )
    children = reportable_children(page)
    more = f": report one of the more specific codes under it, such as {codes_list(children)}"
    return FactSentence(
        f"No: {code.code} is a header, not billable{more if children else ''}.",
        code,
        CHILDREN_ANCHOR if children else DESCRIPTOR_ANCHOR,
        f"Codes under {code.code}" if children else "Billable",
    )


def history_anchor(page: CodeFacts) -> tuple[str, str]:
    if page.history is not None:
        return HISTORY_ANCHOR, "Code history"
    return DESCRIPTOR_ANCHOR, "Official descriptor"


def validity_fact(question: Question, page: CodeFacts) -> FactSentence:
    code = page.code
    asked = question.day
    day = asked or timezone.localdate()
    validity = validity_on(day, code, page.history)
    on = f"on {long_date(day)}" if asked else "today"
    if validity.verdict is Verdict.VALID:
        span = [f"from {long_date(validity.valid_from)}"] if validity.valid_from else []
        span += [f"until {long_date(validity.valid_to)}"] if validity.valid_to else []
        since = f" (valid {' '.join(span)})" if span else ""
        text = f"Yes: {code.code} is valid {on}{since}."
    elif validity.verdict is Verdict.NOT_YET_VALID:
        since = long_date(validity.valid_from)
        text = f"No: {code.code} is not yet valid {on}: it is valid from {since}."
    elif validity.verdict is Verdict.HEADER and validity.valid_to:
        text = (
            f"No: {code.code} is not valid {on}: its last reportable day was "
            f"{long_date(validity.valid_to)}, after which it is a header; report a more "
            "specific code under it."
        )
    elif validity.verdict is Verdict.HEADER:
        text = f"No: {code.code} is a header, never reported itself; report a more specific code."
    else:
        last = (
            f": its last valid day was {long_date(validity.valid_to)}" if validity.valid_to else ""
        )
        text = f"No: {code.code} is not valid {on}{last}."
    return FactSentence(text, code, *history_anchor(page))


def history_facts(page: CodeFacts) -> list[FactSentence]:
    code, history = page.code, page.history
    anchor, title = history_anchor(page)
    sentences = []
    if history is None:
        return []
    children = reportable_children(page)
    if history.valid_to is not None:
        last = long_date(history.valid_to)
        if not code.billable and not code.is_deleted:
            replaced = (
                f", replaced by the more specific codes under it: {codes_list(children)}"
                if children
                else "; report a more specific code under it"
            )
            text = (
                f"{code.code} was reported until {last}; since FY{history.fiscal_year_deleted} "
                f"it is a header{replaced}."
            )
        else:
            text = (
                f"{code.code} was deleted in FY{history.fiscal_year_deleted}: its last valid "
                f"day was {last}."
            )
            if page.added_in_its_place:
                text += (
                    f" That update added more specific codes under it, to report for later "
                    f"dates of service: {', '.join(page.added_in_its_place)}."
                )
        sentences.append(FactSentence(text, code, anchor, title))
    if history.fiscal_year_added:
        text = (
            f"{code.code} is valid from {long_date(history.valid_from)}, added in "
            f"FY{history.fiscal_year_added}"
        )
        before = code_reported_before(page)
        text += f"; before then, {before.code} was reported." if before else "."
        sentences.append(FactSentence(text, code, anchor, title))
    if not sentences:
        sentences.append(
            FactSentence(
                f"{code.code} has been valid since {long_date(history.valid_from)}, with no "
                "change of status in the editions we hold.",
                code,
                anchor,
                title,
            )
        )
    return sentences


def code_reported_before(page: CodeFacts) -> Code | None:
    """The code above a new one that was reported in its place until the day it began."""
    parent = page.ancestors[-1] if page.ancestors else None
    if parent is None or parent.system_id != page.code.system_id:
        return None
    before_page = page_of(parent)
    history = before_page.history if before_page else None
    if history is None or history.valid_to is None:
        return None
    return parent if history.valid_to >= page.history.valid_from - timedelta(days=1) else None


def readable_notes(page: CodeFacts, access: Access, kinds: list[str]) -> list[Section]:
    """The code's own notes of `kinds` and those it inherits (nearest first), readable ones."""
    own = [section for section in page.sections if section.kind in kinds]
    inherited = [note for note in reversed(page.inherited_notes) if note.kind in kinds]
    return [note for note in own + inherited if access.can_read(note)]


def note_items(section: Section) -> str:
    return "; ".join(block.rstrip(".") for block in html_to_blocks(section.body_html))


def note_facts(
    question: Question, page: CodeFacts, access: Access, kinds: list[str]
) -> list[FactSentence]:
    code = page.code
    notes = readable_notes(page, access, kinds)
    if not notes:
        label = " or ".join(Section.Kind(kind).label for kind in kinds)
        return [
            FactSentence(
                f"{code.code} has no {label} note, of its own or from the codes above it.",
                code,
                DESCRIPTOR_ANCHOR,
                "Official descriptor",
            )
        ]
    named_above = [
        note
        for note in notes
        if note.code_id != code.pk and mentions(question.text, note.code.code)
    ]
    notes = named_above + [note for note in notes if note not in named_above]
    sentences = []
    for note in notes:
        label = Section.Kind(note.kind).label
        if note.code_id == code.pk:
            lead = f"{code.code}'s {label} note"
        else:
            lead = f"The {label} note of {note.code.code}, which {code.code} inherits"
        sentences.append(FactSentence(f"{lead}: {note_items(note)}.", code, note.kind, label))
    return sentences


def mentions(text: str, code: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(code)}(?![\w.]\w)", text, re.IGNORECASE) is not None


def seventh_character_facts(
    question: Question, page: CodeFacts, access: Access
) -> list[FactSentence]:
    code = page.code
    notes = readable_notes(page, access, [Section.Kind.SEVENTH_CHARACTER])
    if not notes:
        return []
    values = seventh_character_values(notes[0])
    if not values:
        return []
    anchor, title = Section.Kind.SEVENTH_CHARACTER, Section.Kind.SEVENTH_CHARACTER.label
    asked = ASKED_CHARACTER.search(question.text)
    if asked and asked[1].upper() in dict(values):
        letter = asked[1].upper()
        return [
            FactSentence(
                f"The 7th character {letter} means {dict(values)[letter]}.", code, anchor, title
            )
        ]
    wanted = {stem for stem in stems(question.text)}
    # The best match, the first of equals: the plainest case (closed fracture) comes first.
    scored = [(len(stems(meaning) & wanted), -index) for index, (_, meaning) in enumerate(values)]
    best_score, best = max(scored)
    best = -best
    if best_score == 0:
        listed = "; ".join(f"{letter}: {meaning}" for letter, meaning in values)
        return [FactSentence(f"The 7th characters of {code.code}: {listed}.", code, anchor, title)]
    return [seventh_character_fact(page, *values[best])]


def seventh_character_fact(page: CodeFacts, letter: str, meaning: str) -> FactSentence:
    """The 7th character for one meaning, with the full code when the page's code takes it."""
    code = page.code
    text = f"For {meaning}, the 7th character is {letter}"
    base = code.code.replace(".", "")
    extensions = all(len(child.code.replace(".", "")) == 7 for child in page.children)
    if len(base) <= 6 and extensions:
        padded = base.ljust(6, "X") + letter
        text += f": {padded[:3]}.{padded[3:]}"
    anchor, title = Section.Kind.SEVENTH_CHARACTER, Section.Kind.SEVENTH_CHARACTER.label
    return FactSentence(text + ".", code, anchor, title)


def seventh_character_values(note: Section) -> list[tuple[str, str]]:
    """A 7th character note's values: (character, meaning), in the note's order."""
    values = []
    for block in html_to_blocks(note.body_html):
        if match := SEVENTH_VALUE.match(block):
            values.append((match[1], match[2].rstrip(".")))
    return values


def stems(text: str) -> set[str]:
    ignored = {"the", "for", "what", "character", "encounter", "with", "and", "of", "code", "th"}
    return {
        word[:6] for word in WORD.findall(text.lower()) if word not in ignored and len(word) > 2
    }


# --- Modifiers -----------------------------------------------------------------------------


def modifiers_described(question: Question) -> list[str]:
    """The modifiers a question asks for by what they do ("modifier for a repeat procedure"):
    those saying all its words, else two of its first few, as the modifier search finds them."""
    if not MODIFIER_WORD.search(question.text):
        return []
    wanted = [word for word in question.words if word not in MODIFIER_QUESTION_WORDS]
    first = wanted[:MAX_DESCRIBING_WORDS]
    pairs = [[one, other] for index, one in enumerate(first) for other in first[index + 1 :]]
    for words in [wanted, *pairs] if len(wanted) > 2 else [wanted] if wanted else []:
        if found := find_modifiers(" ".join(["modifier", *words])).found:
            return [each.code for each in found[:MAX_MODIFIERS_DESCRIBED]]
    return []


def modifier_facts(named: list[str]) -> list[FactSentence]:
    """What the modifiers mean: CPT's in our words, HCPCS Level II's from the CMS file, each
    citing its row of the modifier list."""
    found = {
        modifier.code: modifier
        for modifier in Modifier.objects.filter(code__in=named).select_related("system")
    }
    cpt = {modifier.code: modifier for modifier in CPT_MODIFIERS}
    system = next((each.system for each in found.values()), None)
    if system is None and cpt.keys() & set(named):
        system = CodeSystem.objects.filter(slug="hcpcs").first()
    if system is None:
        return []
    page = reverse("lookup:modifiers", args=[system.slug])
    sentences = []
    for code in named:
        if code in cpt:
            name = cpt[code].name
            text = f"CPT modifier {code}, {name[:1].lower()}{name[1:]}: {cpt[code].description}"
        elif code in found:
            text = (
                f"Modifier {code} ({system.name}) means: {found[code].long_descriptor.rstrip('.')}."
            )
        else:
            continue
        sentences.append(
            FactSentence(
                text, title=f"Modifier {code}", url=f"{page}#modifier-{code}", system=system
            )
        )
    return sentences
