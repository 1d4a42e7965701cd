"""What a question asks for: the fact (or section) it is about, the modifiers it names and
its date of service; and the words that look like codes but never are (doses, dates, model
names, "E/M"). Plain text in, plain values out: questions.py gives them to the Question.
"""

import re
from datetime import date

from lookup.cpt_modifiers import CPT_MODIFIERS
from lookup.history import fiscal_year_start

# Spans that are never codes: "E/M", doses and units ("30 mg", "4 units"), fiscal years
# ("FY2026"), CMS-HCC model names beside an HCC word ("V28 HCC"), dates ("3/15/2020"), and
# the code set's name ("ICD-10 code for heartburn": its 10 is no word of the topic).
NON_CODES = re.compile(
    r"\bE/M\b|\bE&M\b|\bICD[- ]?10(?:[- ]?CM)?\b"
    r"|\b\d+(?:\.\d+)?\s*(?:mg|mcg|ml|units?|days?|%|percent)\b"
    r"|\bFY\s?\d{4}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b",
    re.IGNORECASE,
)
MODEL_NAME = re.compile(r"\bV(2[248])\b", re.IGNORECASE)
RISK_WORDS = re.compile(r"\bhccs?\b|risk[- ]adjust|\bmodel\b|\braf\b", re.IGNORECASE)

# "modifier 25", "mod -59", "25 modifier", "the KX modifier", "JW vs JZ modifier".
MODIFIER_AFTER = re.compile(
    r"\b(?:modifiers?|mods?)\s+-?([0-9A-Z]{2})\b(?:\s*(?:vs\.?|and|or|&|/)\s*-?([0-9A-Z]{2})\b)?",
    re.IGNORECASE,
)
MODIFIER_BEFORE = re.compile(
    r"\b(?:([0-9A-Z]{2})\s+(?:vs\.?|and|or|&)\s+)?-?([0-9A-Z]{2})\s+mod(?:ifier)?s?\b",
    re.IGNORECASE,
)
# A modifier as it is appended to a code or written alone: "27447-50", "a -59", "-XS".
MODIFIER_APPENDED = re.compile(r"(?:(?<=\d)|(?<=\s)|^)-\s?([0-9A-Z]{2})\b", re.IGNORECASE)
# A modifier as coders add it to a line: "append 26", "bill TC", "add a 59".
MODIFIER_ADDED = re.compile(
    r"\b(?:append|add|attach|bill|use|put|with|needs?|requires?|ha(?:ve|s)|takes?|gets?"
    r"|allows?|accepts?)\s+(?:an?\s+|the\s+)?-?([0-9]{2}|[A-Z]{2})\b"
    r"(?!\s*(?:units?|mg|mcg|ml|minutes?|days?|%|percent))",
    re.IGNORECASE,
)
# Two modifiers compared: "-59 vs XS", "24 or 79"; the other side of a named one is one too.
MODIFIERS_COMPARED = re.compile(
    r"(?<![\w.])-?([0-9A-Z]{2})\s*(?:vs\.?|versus|or|/)\s*-?([0-9A-Z]{2})(?![\w.])", re.IGNORECASE
)
# Modifiers typed bare, in a question naming no code: Level II ones in capitals ("is XU the
# same as 59"), but not the abbreviations coders write in capitals, and CPT's numbers.
BARE_LETTERS = re.compile(r"(?<![\w/&-])[A-Z]{2}(?![\w/&-])")
BARE_NUMBER = re.compile(r"(?<![\w.$/-])\d{2}(?![\w.%/])")
ABBREVIATIONS = {"CC", "PT", "OR", "ER", "PA", "NP", "MD", "DO", "RN", "OT", "ST", "EM", "OP",
                 "IP", "PO", "SA", "ED", "IV", "IM", "SC", "UK", "US", "OK", "MS", "NA", "HH",
                 "DX", "RX", "TX", "HX", "SX", "FX", "ID"}  # fmt: skip
NOT_MODIFIERS = {"THE", "A", "AN", "OF", "IS", "ON", "TO", "IN", "NO", "WHICH", "WHAT", "FOR",
                 "IT", "IF", "OR", "AT", "AS", "BY", "BE", "DO", "UP", "ME", "MY", "WE", "US",
                 "SO", "GO", "ID", "OK"}  # fmt: skip
# (A word of NOT_MODIFIERS typed in capitals is a modifier: "the AS modifier".)
CPT_MODIFIER_CODES = {modifier.code for modifier in CPT_MODIFIERS}
# The PFS indicator a modifier's payment follows, named as its subject below.
MODIFIER_SUBJECTS = {
    "26": "pc-tc", "TC": "pc-tc", "50": "bilateral", "51": "multiple-procedure",
    "62": "co-surgeons", "66": "team-surgery", "80": "assistant", "81": "assistant",
    "82": "assistant", "AS": "assistant",
}  # fmt: skip

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
# A calendar year alone ("in 2023"): its first day.
YEAR = re.compile(r"\b(?:in|during|for)\s+(20[0-4]\d)\b", re.IGNORECASE)

# The subjects a fact answers, most specific first: the first that matches is the subject.
SUBJECT_PATTERNS = [
    ("mue", r"\bmues?\b|medically unlikely|max(?:imum)? units"),
    (
        "ncci-pair",
        r"\bn?cci\b|\bptp\b|\bedits?\b|\bbundl\w*|\bunbundl\w*|\bcolumn (?:1|2|one|two)\b"
        r"|\bmutually exclusive\b|\binclusive\b|\bincluded in\b|\bincidental\b|\bpart of\b",
    ),
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
    # Before the 7th character: "is S72.001 billable without its 7th character" asks this.
    (
        "billable",
        r"\b(?:non-?)?billable\b|\bheader\b|\breportable\b|\bmore (?:digits|characters)\b"
        r"|\b(?:another|extra|additional|more) (?:digit|character)s?\b|\bcomplete code\b"
        r"|\bspecific enough\b|\b(?:as is|by itself|on its own)\b|\bok to (?:bill|code|report)\b"
        r"|\btruncated\b|\bcodeable\b|\b(?:a|the) category\b|\bcategory (?:code|or)\b"
        r"|\bon (?:a|the) claim\b"
        r"|\b(?:4th|5th|6th|fourth|fifth|sixth) (?:digit|character)s?\b|\bspecificity\b"
        r"|\bcomplete (?:code|enough)\b|\bcomplete or (?:not|do|does|is|need)\b|\bcomplete\s*\?",
    ),
    (
        "seventh-character",
        r"\b7th\b|\bseventh\b|\bencounter\b|\bsequela|\bfull code\b|\bplaceholder\b"
        r"|\bextension\b",
    ),
    (
        "history",
        r"\breplac|\bdeleted\b|\bnew codes?\b|\bexisted\b|\bcreated\b|\bused? before\b|\buse now\b"
        r"|\bexpanded\b|\bchanged?\b|\brevised\b|\bdiscontinued\b|\bwhen was\b.*\badded\b"
        r"|\binstead\b|\bsuccessors?\b|\bpredecessor\b|\b(?:took|take|taken) over\b"
        r"|\bin place of\b|\btook the place\b|\bretired\b"
        r"|\bterminated\b|\bno longer\b|\bformerly\b|\bold code\b|\bused to (?:code|use|bill)\b"
        r"|\bwhat (?:codes? )?(?:do|should|can) (?:i|we) use\b|\bwhich codes? (?:now|today)\b",
    ),
    (
        "validity",
        r"\b(?:in)?valid\b|\bexpired?\b|\bin effect\b|\beffective\b"
        r"|\bstill (?:active|good|in use|use|bill|code|report)\b",
    ),
    (
        "pc-tc",
        r"\bmodifier\s*-?26\b|\b26 modifier\b|-26\b|\b26 and tc\b|\btc\b|professional"
        r"|\btechnical\b|\binterpret\w*|\breading\b|\bradiologist\b|\bwhen read\b"
        r"|\bglobal[- ](?:billing|only)\b|\bsplit\b(?!\s*/|\s*-?\s*shared)|\bcomponents?\b"
        r"|\bpc\b",
    ),
    ("assistant", r"\bassist\w*|\basst\b|\bmodifier\s*-?8[012]\b"),
    ("co-surgeons", r"\bco-? ?surg|\bmodifier\s*-?62\b|\b(?:two|both|dual) surgeons\b"),
    ("team-surgery", r"\bteam\b|\bmodifier\s*-?66\b"),
    (
        "bilateral",
        r"\bbilat\w*|\bmodifier\s*-?50\b|\b50 modifier\b|\brt\b.*\blt\b|\blt\b.*\brt\b"
        r"|\bboth (?:\w+ )?(?:sides?|knees?|hips?|eyes?|ears?|legs?|arms?|shoulders?|feet|hands?"
        r"|breasts?|wrists?|ankles?|elbows?)\b|\b(?:left and right|right and left|each side)\b",
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
    # A count of units asked for, not units named beside a fee ("2 units at what rate").
    ("units", r"\bhow many units\b|\bunits? (?:of|for|per|to bill)\b|\bdoses?\b|\bdosage\b"),
    (
        "global-period",
        r"\bglobal\b|\bpost-? ?op\b|\bpostoperative\b|\bfollow-? ?up days\b|\badd-? ?on\b",
    ),
    (
        "payment",
        r"\bpay|\bpaid\b|\brates?\b|\bfees?\b|allowable|\ballowed amount\b|reimburs"
        r"|\bhow much\b|\bprice\b|\b(?:non-?)?facility\b|\bopps\b|\basc\b|\bapc\b"
        r"|\b(?:site|place) of service\b|\bsurgery center\b|\bhospital outpatient\b",
    ),
    ("coverage", r"\bcover(?:ed|s|age)?\b"),
]
# Subjects any priced code has; a modifier named with the code asks for its own indicator.
GENERAL_SUBJECTS = {"status", "rvu", "units", "global-period", "payment", "coverage"}
COMPILED_SUBJECTS = [
    (name, re.compile(pattern, re.IGNORECASE)) for name, pattern in SUBJECT_PATTERNS
]
# An evaluation and management visit named in words: its rules on the day of a procedure are
# the procedure's global period.
VISIT_WORDS = re.compile(r"\bE/M\b|\bE&M\b|\boffice visit\b|\bvisit\b", re.IGNORECASE)
SAME_DAY = re.compile(r"\bsame (?:day|date|session)\b", re.IGNORECASE)
# An amount asked for: "what does each pay", "how much", "the rate".
AMOUNT_ASKED = re.compile(
    r"\bhow much\b|\bwhat (?:does|do|will|would) (?:\w+ )?pay\b|\brates?\b|\bamounts?\b",
    re.IGNORECASE,
)
# A diagnosis asked about with a plain verb: "can I code E11.6", "can D64.9 be used".
MAY_I_REPORT = re.compile(
    r"\b(?:can|could|may|ok to|okay to)\b.*\b(?:bill|code|report|use|submit)(?:ed|d)?\b"
    r"|\bmore specific\b",
    re.IGNORECASE,
)
# Two codes asked about as billed together: "can I bill 29881 with 29877", "on one claim".
PAIR_WORDS = re.compile(
    r"\b(?:bill|code|report|submit|charge)(?:ed|ing)?\b.*\b(?:with|and|alongside)\b"
    r"|\btogether\b|\bsame (?:day|date|session|claim|encounter)\b|\bone claim\b|\balongside\b"
    r"|\bboth\b.*\b(?:bill|code|report|paid)",
    re.IGNORECASE,
)


def without_non_codes(text: str) -> str:
    """`text` with the spans that are never codes blanked out (doses, dates, "E/M")."""
    text = NON_CODES.sub(" ", text)
    if RISK_WORDS.search(text):
        text = MODEL_NAME.sub(" ", text)
    return text


def modifiers_named_in(text: str) -> list[str]:
    """Modifiers the question names, upper case: "modifier 25", "the KX modifier" and, for
    the numbers of CPT modifiers or letters typed in capitals, "27447-50" and "append TC"."""
    found = []
    for pattern in (MODIFIER_AFTER, MODIFIER_BEFORE):
        for match in pattern.finditer(text):
            found += [each for each in match.groups() if each]
    plain = NON_CODES.sub(" ", text)
    for pattern in (MODIFIER_APPENDED, MODIFIER_ADDED):
        found += [match[1] for match in pattern.finditer(plain) if looks_like_modifier(match[1])]
    named = [each.upper() for each in found if each.isupper() or each.upper() not in NOT_MODIFIERS]
    for match in MODIFIERS_COMPARED.finditer(plain):
        sides = [match[1].upper(), match[2].upper()]
        if set(sides) & set(named):
            named += [side for side in sides if looks_like_modifier(side)]
    return list(dict.fromkeys(named))


def looks_like_modifier(word: str) -> bool:
    """A CPT modifier's number, or two characters typed in capitals."""
    return word in CPT_MODIFIER_CODES or word.isupper()


def bare_modifiers_in(text: str, named: list[str], level_two: set[str]) -> list[str]:
    """`named` and the modifiers a question about no code types bare: the Level II ones of
    `level_two` in capitals and, with another modifier named, CPT's numbers."""
    bare = [word for word in BARE_LETTERS.findall(text) if word in level_two - ABBREVIATIONS]
    if named or bare:
        numbers = BARE_NUMBER.findall(NON_CODES.sub(" ", text))
        bare += [number for number in numbers if number in CPT_MODIFIER_CODES]
    return list(dict.fromkeys(named + bare))


def date_of_service_in(text: str) -> date | None:
    """The day the question asks about: "3/15/2020", "October 1 2026", or the first day of a
    fiscal year ("in FY2026") or a year ("in 2023"); None when it names none (or an impossible
    day)."""
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
        if match := YEAR.search(text):
            return date(int(match[1]), 1, 1)
    except ValueError:
        return None
    return None


def subject_of(question) -> str:
    """The fact the question asks for (a name of SUBJECT_PATTERNS), "" when none."""
    text = question.text
    codes = question.subject_codes
    by_modifier = next(
        (MODIFIER_SUBJECTS[each] for each in question.modifiers if each in MODIFIER_SUBJECTS), ""
    )
    for name, pattern in COMPILED_SUBJECTS:
        if not pattern.search(text):
            continue
        if name in ("ncci-pair", "cc-exclusion") and len(codes) < 2:
            continue
        if name in GENERAL_SUBJECTS and codes and by_modifier:
            return by_modifier
        pair = len(codes) >= 2 and PAIR_WORDS.search(text) and not AMOUNT_ASKED.search(text)
        if name in GENERAL_SUBJECTS and pair:
            break  # "is 99214 payable with 20611 the same day": a question about the pair
        if name == "payment" and all(code.system.slug == "icd-10-cm" for code in codes):
            # Diagnoses are not paid by a fee: "is K21.9 payable" asks whether it is reportable.
            return "billable" if codes else name
        return name
    if codes and by_modifier:
        return by_modifier
    if len(codes) >= 2 and PAIR_WORDS.search(text):
        # An E/M visit beside a procedure: the procedure's global period says when the
        # visit is paid; two procedures: whether an edit pairs them, which we do not hold.
        visit = VISIT_WORDS.search(text) or any(is_visit(code) for code in codes)
        return "global-period" if visit else "ncci-pair"
    if codes and VISIT_WORDS.search(text) and SAME_DAY.search(text):
        return "global-period"
    if codes and question.day is not None:
        return "validity"
    if len(codes) == 1 and codes[0].system.slug == "icd-10-cm" and MAY_I_REPORT.search(text):
        return "billable"
    return ""


def is_visit(code) -> bool:
    """Whether `code` is a CPT evaluation and management visit (99202-99499)."""
    return code.system.slug == "cpt" and code.code.isdigit() and "99202" <= code.code <= "99499"
