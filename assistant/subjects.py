"""What a question asks for: the fact (or section) it is about, the modifiers it names and
its date of service; and the words that look like codes but never are (doses, dates, model
names, "E/M"). Plain text in, plain values out: questions.py gives them to the Question.
"""

import re
from datetime import date

from lookup.history import fiscal_year_start

# Spans that are never codes: "E/M", doses and units ("30 mg", "4 units"), fiscal years
# ("FY2026"), CMS-HCC model names beside an HCC word ("V28 HCC"), dates ("3/15/2020").
NON_CODES = re.compile(
    r"\bE/M\b|\bE&M\b"
    r"|\b\d+(?:\.\d+)?\s*(?:mg|mcg|ml|units?|days?|%|percent)\b"
    r"|\bFY\s?\d{4}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.IGNORECASE,
)
MODEL_NAME = re.compile(r"\bV(2[248])\b", re.IGNORECASE)
RISK_WORDS = re.compile(r"\bhccs?\b|risk[- ]adjust|\bmodel\b|\braf\b", re.IGNORECASE)

# "modifier 25", "modifier -59", "25 modifier", "the KX modifier", "JW vs JZ modifier".
MODIFIER_AFTER = re.compile(r"\bmodifiers?\s+-?([0-9A-Z]{2})\b", re.IGNORECASE)
MODIFIER_BEFORE = re.compile(
    r"\b(?:([0-9A-Z]{2})\s+(?:vs\.?|and|or|&)\s+)?-?([0-9A-Z]{2})\s+modifiers?\b", re.IGNORECASE
)
NOT_MODIFIERS = {"THE", "A", "AN", "OF", "IS", "ON", "TO", "IN", "NO", "WHICH", "WHAT", "FOR"}

MONTHS = {
    name: number
    for number, names in enumerate(
        ["jan january", "feb february", "mar march", "apr april", "may", "jun june",
         "jul july", "aug august", "sep sept september", "oct october", "nov november",
         "dec december"],
        start=1,
    )
    for name in names.split()
}  # fmt: skip
US_DAY = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
MONTH_YEAR = re.compile(r"\b([a-z]{3,9})\.?,?\s+(\d{4})\b", re.I)
WRITTEN_DAY = re.compile(r"\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I)
FISCAL_YEAR = re.compile(r"\bFY\s?(\d{4})\b", re.IGNORECASE)

# The subjects a fact answers, most specific first: the first that matches is the subject.
SUBJECT_PATTERNS = [
    ("mue", r"\bmues?\b|medically unlikely|max(?:imum)? units"),
    ("ncci-pair", r"\bncci\b|\bptp\b|\bedits?\b|\bbundles? into\b"),
    ("cc-exclusion", r"\bprincipal\b|\bpdx\b|\bprimary (?:dx|diagnosis)\b|\bexclusion\b"),
    ("cc-mcc", r"\bm?ccs?\b|complication|comorbid|severity|\bdrg\b"),
    ("hcc", r"\bhccs?\b|risk[- ]adjust|\braf\b"),
    ("note-code-also", r"\bcode also\b"),
    ("note-code-first", r"\bcode first\b|sequenced? first|\bsequence\b"),
    ("note-use-additional-code", r"\buse additional\b|\badditional codes?\b"),
    ("note-excludes1", r"\bexcludes ?1\b"),
    ("note-excludes2", r"\bexcludes ?2\b"),
    ("note-excludes", r"\bexcludes?\b"),
    ("note-includes", r"\bincludes\b|\binclusion terms?\b"),
    (
        "seventh-character",
        r"\b7th\b|\bseventh\b|\bencounter\b|\bsequela|\bfull code\b|\bplaceholder\b"
        r"|\bextension\b",
    ),
    ("billable", r"\bbillable\b|\bheader\b|\breportable\b"),
    (
        "history",
        r"\breplac|\bdeleted\b|\bnew codes?\b|\bexisted\b|\bcreated\b|\bused? before\b|\buse now\b"
        r"|\bexpanded\b|\bchanged?\b|\brevised\b|\bdiscontinued\b|\bwhen was\b.*\badded\b",
    ),
    (
        "validity",
        r"\bvalid\b|\bexpired?\b|\bin effect\b|\beffective\b|\bstill (?:active|good|in use)\b",
    ),
    (
        "pc-tc",
        r"\bmodifier\s*-?26\b|\b26 modifier\b|-26\b|\b26 and tc\b|\btc\b|professional"
        r"|technical component|\binterpretation only\b|\breading only\b",
    ),
    ("assistant", r"\bassistant\b|\basst\b|\bmodifier\s*-?8[012]\b"),
    ("co-surgeons", r"\bco-? ?surg|\bmodifier\s*-?62\b|\b(?:two|both) surgeons\b"),
    ("team-surgery", r"\bteam\b|\bmodifier\s*-?66\b"),
    (
        "bilateral",
        r"\bbilat\w*|\bmodifier\s*-?50\b|\b50 modifier\b|\brt\b.*\blt\b|\blt\b.*\brt\b"
        r"|\bboth (?:\w+ )?(?:sides?|knees?|hips?|eyes?|ears?|legs?|arms?|shoulders?|feet|hands?"
        r"|breasts?|wrists?|ankles?|elbows?)\b",
    ),
    ("imaging-family", r"\bimaging (?:family|reduction)\b"),
    (
        "multiple-procedure",
        r"\bmultiple (?:procedure|surgery)|\bmult\.? proc|endoscopic base|\breduction\b"
        r"|\bmodifier\s*-?51\b",
    ),
    (
        "status",
        r"\bstatus\b|\bwho prices\b|^\s*(?:does|will|would) medicare pay for\b"
        r"|\bwh?y (?:wont|won't|doesn't|does not|will not) medicare pay\b",
    ),
    ("rvu", r"\bw?rvus?\b|relative value"),
    ("units", r"\bunits?\b|\bdoses?\b"),
    ("global-period", r"\bglobal\b|\bpost-? ?op\b|\bpostoperative\b|\bfollow-? ?up days\b"),
    (
        "payment",
        r"\bpay|\bpaid\b|\brates?\b|\bfees?\b|allowable|\ballowed amount\b|reimburs"
        r"|\bhow much\b|\bprice\b",
    ),
    ("coverage", r"\bcover(?:ed|s|age)?\b"),
]
COMPILED_SUBJECTS = [
    (name, re.compile(pattern, re.IGNORECASE)) for name, pattern in SUBJECT_PATTERNS
]
# An evaluation and management visit named in words: its rules on the day of a procedure are
# the procedure's global period.
VISIT_WORDS = re.compile(r"\bE/M\b|\bE&M\b|\boffice visit\b|\bvisit\b", re.IGNORECASE)
SAME_DAY = re.compile(r"\bsame (?:day|date|session)\b", re.IGNORECASE)


def without_non_codes(text: str) -> str:
    """`text` with the spans that are never codes blanked out (doses, dates, "E/M")."""
    text = NON_CODES.sub(" ", text)
    if RISK_WORDS.search(text):
        text = MODEL_NAME.sub(" ", text)
    return text


def modifiers_named_in(text: str) -> list[str]:
    """Modifiers the question names, upper case: "modifier 25" and "the KX modifier"."""
    found = [match[1] for match in MODIFIER_AFTER.finditer(text)]
    for match in MODIFIER_BEFORE.finditer(text):
        found += [each for each in match.groups() if each]
    named = [each.upper() for each in found]
    return list(dict.fromkeys(each for each in named if each not in NOT_MODIFIERS))


def date_of_service_in(text: str) -> date | None:
    """The day the question asks about: "3/15/2020", "October 1 2026" or a fiscal year's first
    day ("in FY2026"); None when it names none (or an impossible day)."""
    try:
        if match := US_DAY.search(text):
            month, day, year = (int(part) for part in match.groups())
            return date(year, month, day)
        if match := ISO_DAY.search(text):
            return date(*(int(part) for part in match.groups()))
        if (match := WRITTEN_DAY.search(text)) and match[1].lower() in MONTHS:
            return date(int(match[3]), MONTHS[match[1].lower()], int(match[2]))
        if (match := MONTH_YEAR.search(text)) and match[1].lower() in MONTHS:
            return date(int(match[2]), MONTHS[match[1].lower()], 1)
        if match := FISCAL_YEAR.search(text):
            return fiscal_year_start(int(match[1]))
    except ValueError:
        return None
    return None


def subject_of(question) -> str:
    """The fact the question asks for (a name of SUBJECT_PATTERNS), "" when none."""
    text = question.text
    codes = question.subject_codes
    for name, pattern in COMPILED_SUBJECTS:
        if not pattern.search(text):
            continue
        if name == "ncci-pair" and len(codes) < 2:
            continue
        if name == "cc-exclusion" and len(codes) < 2:
            continue
        return name
    if codes and VISIT_WORDS.search(text) and (SAME_DAY.search(text) or len(codes) >= 2):
        return "global-period"
    if len(codes) >= 2 and SAME_DAY.search(text):
        return "global-period"
    return ""
