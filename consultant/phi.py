"""Screen a coder's question for patient identifiers before anything stores it.

Coders must never send us protected health information. Each pattern looks for an
identifier itself (a date, a number, a name), not for the word that names it: "where does
the DOB go on the claim?" is a coding question, "DOB 03/14/1956" is a patient's birth date.
"""

import re
from dataclasses import dataclass

MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|"
    rf"{MONTH} \d{{1,2}},? \d{{4}})"
)
STREET_TYPES = (
    r"street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|"
    r"terrace|circle|cir|highway|hwy|parkway|pkwy"
)
# Capitalised words that follow "patient" in coding questions and are not names.
NOT_NAMES = frozenset(
    " ".join(
        [
            "medicare medicaid advantage part presents presented has had is was with who",
            "history encounter visit status returns returned underwent received requires",
            "required the a an hcpcs cpt icd",
        ]
    ).split()
)


@dataclass(frozen=True)
class Finding:
    kind: str  # what was found, as the asker reads it: "a date of birth"


PATTERNS = [
    (
        "a date of birth",
        re.compile(
            rf"\b(?:d\.?o\.?b\.?|date of birth|birth ?date|born(?: on)?)\b[\s:#-]*{DATE}",
            re.IGNORECASE,
        ),
    ),
    ("a Social Security number", re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")),
    (
        "a Social Security number",
        re.compile(r"\b(?:ssn|social security(?: number| no\.?)?)\b[\s:#-]*\d{9}\b", re.I),
    ),
    (
        "a medical record, account or member number",
        re.compile(
            r"\b(?:mrn|mr\s?#|medical record(?: number| no\.?| #)?|chart(?: number| no\.?| #)|"
            r"account(?: number| no\.?| #)|acct\.?(?: number| no\.?| #)?|member id|"
            r"subscriber id|policy(?: number| no\.?| #)|hicn|mbi)\b[\s:#-]*"
            r"(?=[A-Z0-9-]*\d[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,}",
            re.IGNORECASE,
        ),
    ),
    (
        # Medicare beneficiary identifier: 11 characters, letters other than S, L, O, I, B, Z.
        "a Medicare beneficiary identifier",
        re.compile(
            r"\b[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d"
            r"-?[AC-HJKMNP-RT-Y]{2}\d{2}\b"
        ),
    ),
    (
        "a phone number",
        re.compile(
            r"(?<![\w.-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w-])"
        ),
    ),
    (
        "a street address",
        re.compile(rf"\b\d{{1,6}}(?: [A-Z][a-z]+){{1,3}} (?i:{STREET_TYPES})\b\.?"),
    ),
    ("a street address", re.compile(r"\b[A-Z][a-z]+, [A-Z]{2} \d{5}(?:-\d{4})?\b")),
    (
        "a patient's name",
        re.compile(
            r"\b(?i:patient(?:'?s)?(?: name)?|pt\.?)[\s:,]+(?:is |named )?"
            r"([A-Z][a-z'-]+) ([A-Z][a-z'-]+)\b"
        ),
    ),
    ("a patient's name", re.compile(r"\b(?:Mr|Mrs|Ms|Miss)\.? [A-Z][a-z'-]+\b")),
]


def find_phi(text: str) -> list[Finding]:
    """The kinds of patient identifier `text` seems to hold, each once, in a stable order."""
    kinds: list[str] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if kind == "a patient's name" and match.groups() and is_not_a_name(match):
                continue
            if kind not in kinds:
                kinds.append(kind)
            break
    return [Finding(kind) for kind in kinds]


def is_not_a_name(match: re.Match) -> bool:
    return any(word.lower() in NOT_NAMES for word in match.groups())


def refusal_reason(findings: list[Finding]) -> str:
    """What the asker reads: which identifiers we saw (never the text itself) and what to do."""
    kinds = [finding.kind for finding in findings]
    named = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " and " + kinds[-1]
    return (
        f"Your question seems to contain {named}. Patient identifiers must never be sent to "
        "us, so we have not kept it. Ask again about the coding alone: describe the case "
        'without names, dates of birth, record numbers or contact details ("a 67-year-old '
        'with a superficial thigh biopsy" is fine).'
    )
