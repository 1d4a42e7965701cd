"""Our own recognisers for the patient identifiers Presidio misses in coders' questions, and
the rule that keeps its name finder off codes, drugs, payers, doctors and eponyms.

Each returns (kind, start, end) spans. A pattern looks for the identifier itself, usually after
the word that introduces it ("DOB", "MRN", "pt"), never for that word alone.
"""

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

NAME = "a patient's name"
BIRTH_DATE = "a date of birth"
DATE = "a date of service"
SSN = "a Social Security number"
RECORD_NUMBER = "a medical record, account or member number"
PHONE = "a phone number"
EMAIL = "an email address"
ADDRESS = "a street address"

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:19|20)\d{2}"
# A full date in the layouts people write: 1/2/60, 01-02-1960, 1960-01-02, 2 Jan 1960,
# 02-Jan-1960, Jan. 2nd, 1960, the 2nd of January 1960.
DATE_PATTERN = (
    r"(?<![\w/.-])(?:\d{1,2}(?P<slash>[/.-])\d{1,2}(?P=slash)(?:\d{4}|\d{2})|"
    r"\d{4}(?P<dash>[/.-])\d{1,2}(?P=dash)\d{1,2}|"
    rf"{DAY}[ -]{MONTH}[ ,-]*{YEAR}|(?:the )?{DAY} of {MONTH},? {YEAR}|{MONTH} {DAY},? {YEAR})"
    r"(?![\w/-])"
)
FULL_DATE = re.compile(DATE_PATTERN, re.IGNORECASE)
BIRTH_CUE = r"\b(?:d\.?o\.?b\.?|date of birth|birth ?date|birthday|born(?: on| in)?|b\.)"
# After a birth cue a part of a date is enough (born in July 1948, birthday Jan 2), and digits
# may run together or be spaced (DOB 01021960, dob 09 09 1951).
BIRTH_DATE_PATTERN = re.compile(
    rf"{BIRTH_CUE}(?:\s*(?:is|was|[:#=(-]))*\s*(?P<date>{DATE_PATTERN}|"
    rf"{MONTH},? {YEAR}|{MONTH} {DAY}\b|\d{{2}} \d{{2}} \d{{4}}\b|\d{{8}}\b)",
    re.IGNORECASE,
)

SSN_AFTER_CUE = re.compile(
    r"\b(?:ssn|s\.s\.n\.?|social security(?: number| no\.?| #)?|social|soc\.? sec\.?"
    r"(?: number| no\.?| #)?|ss ?#)[\s:#=-]*(?:is\s+)?"
    r"(?P<id>\d{3}(?P<gap>[ .-]?)\d{2}(?P=gap)\d{4})(?!\d)",
    re.IGNORECASE,
)
SSN_SHAPED = re.compile(r"(?<![\w.-])(?P<id>\d{3}(?P<gap>[ .-])\d{2}(?P=gap)\d{4})(?![\w-])")

RECORD_AFTER_CUE = re.compile(
    r"\b(?:mrn|mr ?#|medical record(?: number| no\.?| #)?|chart(?: number| no\.?| #)?|"
    r"(?:patient )?account(?: number| no\.?| #)?|acct\.?(?: number| no\.?| #)?|"
    r"(?:member|subscriber|patient|pt|medicaid|medicare|beneficiary|insurance)"
    r"(?: id| number| no\.?| #)|policy(?: number| no\.?| #)|hicn?(?: #)?|mbi|fin|"
    r"(?:encounter|visit|claim)(?: id| number| no\.?| #))"
    r"(?:\s*(?:is|was|[:#=]))*\s*(?P<id>[A-Z0-9]+(?:[ .-][A-Z0-9]*\d[A-Z0-9]*)*)",
    re.IGNORECASE,
)
# Medicare beneficiary identifier: 11 characters, letters other than S, L, O, I, B, Z.
MBI = re.compile(
    r"\b[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d"
    r"-?[AC-HJKMNP-RT-Y]{2}\d{2}\b"
)

PHONE_SHAPED = re.compile(
    r"(?<![\w.-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]?\d{4}(?![\w-])"
    r"|(?<![\w.-])\+?1?[2-9]\d{9}(?![\w-])"
)
# Ten digits after these are a drug's, a provider's or a laboratory's number, not a phone.
NOT_PHONE_CUE = re.compile(r"\b(?:ndc|npi|clia|tin|ein|tax id)\W*$", re.IGNORECASE)
EMAIL_ADDRESS = re.compile(r"\b[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")

STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|"
    "NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY"
)
STREET_TYPES = (
    r"street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr(?-i:(?!\.? [A-Z]))|court|"
    r"ct|way|place|pl|terrace|ter|circle|cir|highway|hwy|parkway|pkwy|route|rte|trail|trl|"
    r"square|sq|plaza"
)
# Words no street name holds, though a count before them may look like a house number:
# "2 units the same way".
NOT_STREET_WORDS = r"(?:the|a|an|of|for|to|in|on|at|by|with|and|or|per|same|units?|times)\b"
# 12 Oak Street; 700 N. Main Ave Apt 2C; 9 hill rd, akron oh 44308 ("Dr" before a name is a
# doctor).
STREET_ADDRESS = re.compile(
    rf"\b\d{{1,6}}(?: (?:[NSEW]\.?|north|south|east|west))?"
    rf"(?: (?!{NOT_STREET_WORDS})[a-z0-9'-]+){{1,3}}? "
    rf"(?:{STREET_TYPES})\b\.?(?:,? (?:apt|apartment|unit|suite|ste|#) ?\w+)?"
    rf"(?:,? [a-z][a-z .'-]*?,? (?:{STATES}),? \d{{5}}(?:-\d{{4}})?\b)?",
    re.IGNORECASE,
)
PO_BOX = re.compile(
    rf"\bp\.? ?o\.? box \d+(?:,? [a-z][a-z .'-]*?,? (?:{STATES}),? \d{{5}}(?:-\d{{4}})?\b)?",
    re.IGNORECASE,
)
CITY_STATE_ZIP = re.compile(rf"\b[A-Z][a-z]+(?: [A-Z][a-z]+)?, (?:{STATES}) \d{{5}}(?:-\d{{4}})?\b")
# A zip code said to be a person's: "the patient's zip code 90210", "lives in zip 60614".
PERSONAL_ZIP = re.compile(
    r"\b(?:(?:patient|pt|her|his|their|home)(?:'s)? zip(?: code)?|lives in(?: zip(?: code)?)?)"
    r"(?: is)?:? (?P<id>\d{5})(?:-\d{4})?\b",
    re.IGNORECASE,
)

TITLES = {"mr", "mrs", "ms", "miss", "mx"}
# Words after which the next proper nouns name the patient or a relative of theirs.
PATIENT_WORDS = {"pt", "patient", "name", "named", "mother", "father", "son",
                 "daughter", "wife", "husband", "guardian", "guarantor", "baby"}  # fmt: skip
PROVIDER_WORDS = {"dr", "doctor", "np", "pa", "pa-c", "rn", "md", "do", "provider", "nurse"}
# Words a name is never made of in a coding question: payers, programmes and coding terms.
NOT_NAME_WORDS = {"medicare", "medicaid", "advantage", "part", "plan", "modifier",
                  "modifiers", "units", "unit", "vs", "versus", "code", "codes",
                  "cpt", "hcpcs", "icd", "lcd", "ncd", "drg", "dx", "proc", "x",
                  # Words that introduce another identifier: "pt id", "patient account", "pt ph:".
                  "id", "account", "acct", "chart", "record", "number", "member",
                  "claim", "visit", "ph", "phone", "cell", "tel", "fax", "mobile",
                  "email", "address", "zip", "home", "dob", "born", "birthday",
                  "mrn", "ssn", "social"}  # fmt: skip
# Nouns that make the name before them an eponym: Parkinson disease, Baker cyst.
EPONYM_NOUNS = {"disease", "diseases", "syndrome", "disorder", "palsy", "cyst",
                "esophagus", "catheter", "procedure", "surgery", "operation",
                "fracture", "tear", "tumor", "tumour", "sarcoma", "lymphoma",
                "contracture", "thyroiditis", "virus", "proteinuria", "foot",
                "score", "scale", "criteria", "sign", "test", "maneuver",
                "manoeuvre", "method", "classification", "stage", "staging"}  # fmt: skip
NAME_TAGS = {"NNP", "NNPS"}
# What spaCy takes for a nationality or place is not the name after "patient"; what it takes
# for an organisation may be (the small model reads some people's names so).
NOT_PERSON_ENTITIES = {"NORP", "GPE", "LOC", "LANGUAGE"}


def find_identifiers(text: str, doc: "Doc") -> list[tuple[str, int, int]]:
    """Every identifier our patterns see in `text` (`doc`: spaCy's reading of it), dates of
    service aside (`find_dates`)."""
    spans = []
    for match in BIRTH_DATE_PATTERN.finditer(text):
        spans.append((BIRTH_DATE, *match.span("date")))
    for pattern in (SSN_AFTER_CUE, SSN_SHAPED):
        for match in pattern.finditer(text):
            if is_possible_ssn(match.group("id")):
                spans.append((SSN, *match.span("id")))
    for match in RECORD_AFTER_CUE.finditer(text):
        if sum(char.isdigit() for char in match.group("id")) >= 5:
            spans.append((RECORD_NUMBER, *match.span("id")))
    spans += [(RECORD_NUMBER, *match.span()) for match in MBI.finditer(text)]
    spans += [(PHONE, *m.span()) for m in PHONE_SHAPED.finditer(text) if is_phone(text, m.start())]
    spans += [(EMAIL, *match.span()) for match in EMAIL_ADDRESS.finditer(text)]
    for pattern in (STREET_ADDRESS, PO_BOX, CITY_STATE_ZIP):
        spans += [(ADDRESS, *match.span()) for match in pattern.finditer(text)]
    spans += [(ADDRESS, *match.span("id")) for match in PERSONAL_ZIP.finditer(text)]
    spans += [(NAME, span.start_char, span.end_char) for span in names_after_cues(doc)]
    return spans


def find_dates(text: str) -> list[tuple[str, int, int]]:
    """Full dates: only for a question that identifies its patient, since alone "DOS
    06/01/25, was G35 valid?" identifies no one."""
    return [(DATE, *match.span()) for match in FULL_DATE.finditer(text)]


def is_phone(text: str, start: int) -> bool:
    """Whether the number at `start` can be a phone number, given the words before it."""
    return not NOT_PHONE_CUE.search(text[max(0, start - 12) : start])


def is_possible_ssn(digits_and_separators: str) -> bool:
    """The Social Security Administration never issues area 000, 666 or 9xx, group 00 or
    serial 0000."""
    digits = re.sub(r"\D", "", digits_and_separators)
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return area not in {"000", "666"} and area[0] != "9" and group != "00" and serial != "0000"


def names_after_cues(doc: "Doc") -> list["Span"]:
    """Names after a title (Mrs. GARCIA, mr jim hayes) or after "pt", "patient", "name" or a
    relative (pt john smith, Pt name: Smith, Robert), in any case."""
    names = []
    for token in doc:
        word = token.lower_.rstrip(".")
        if word in TITLES and (token.text[0].isupper() or token.text.islower()):
            name = name_from(doc, token.i + 1, after_title=True)
        elif word in PATIENT_WORDS:
            name = name_from(doc, token.i + 1, after_title=False)
        else:
            continue
        if name is not None:
            names.append(name)
    return names


def name_from(doc: "Doc", start: int, *, after_title: bool) -> "Span | None":
    """The name starting at token `start` (past a ":", "is" or "'s name is"), if one does."""
    while start < len(doc) and (
        doc[start].text in {":", ",", "'s", "."} or doc[start].lower_ in {"is", "name", "named"}
    ):
        start += 1
    end = start
    while end < len(doc) and is_name_word(doc[end], after_title=after_title and end == start):
        end += 1
        # Joined parts (Martinez-Lopez, O'Brien) and "Surname, Given".
        if end + 1 < len(doc) and doc[end].text in {"-", "'", ","} and doc[end + 1].is_alpha:
            joined = doc[end].text != "," and not doc[end - 1].whitespace_
            if joined or (doc[end].text == "," and is_name_word(doc[end + 1], after_title=False)):
                end += 1
    if end > start and doc[end - 1].text in {"-", ",", "'"}:
        end -= 1
    if end == start:
        return None
    if not after_title and (
        doc[start].ent_type_ in NOT_PERSON_ENTITIES
        or (end < len(doc) and doc[end].pos_ == "NOUN" and doc[end].is_lower)
    ):
        return None  # a Hispanic patient, a Patient Portal message
    return doc[start:end]


def is_name_word(token, *, after_title: bool) -> bool:
    """Whether `token` can be part of a person's name: a proper noun that is no coding term.
    Right after a title any word but a function word is."""
    text = token.text
    if (
        not re.fullmatch(r"[A-Za-z][A-Za-z'\u2019]+|[A-Z]\.", text)
        or token.lower_ in NOT_NAME_WORDS
    ):
        return False  # a word of two letters or more, or an initial
    if text.isalpha() and text.isupper() and len(text) <= 3 and not after_title:
        return False  # an abbreviation: CKD, PT, DX
    if after_title:
        return token.pos_ not in {"ADP", "CCONJ", "DET", "PRON", "AUX", "VERB", "PART"}
    return token.tag_ in NAME_TAGS or (
        text[0].isupper() and token.pos_ in {"PROPN", "NOUN", "ADJ"} and not text.isupper()
    )


def patient_name(doc: "Doc", start: int, end: int) -> tuple[int, int] | None:
    """The part of a name spaCy found (characters `start` to `end`) that can be a patient's:
    two words of a name or more, not a doctor's and no eponym (Parkinson disease)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    words = []
    for token in span:
        if not words and token.lower_.rstrip(".") in TITLES:
            continue  # the title stays: Mrs. [name]
        if token.tag_ == "POS" or not re.fullmatch(r"[A-Za-z][A-Za-z'\u2019-]*\.?", token.text):
            break  # Bob Henderson - 99233, Harold Pickett's
        if token.lower_ in NOT_NAME_WORDS or re.fullmatch(r"[A-Z]{2}", token.text):
            if len(words) < 2:
                return None  # a term beside it: Modifier GA, Novitas JL, Ohio Medicaid
            break  # Isaac Levi DOB
        words.append(token)
    if len(words) < 2:
        return None
    before = doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
    after = doc[words[-1].i + 1] if words[-1].i + 1 < len(doc) else None
    if after is not None and after.tag_ == "POS" and after.i + 1 < len(doc):
        after = doc[after.i + 1]
    if (
        before in PROVIDER_WORDS
        or (after is not None and after.lower_ in EPONYM_NOUNS)
        or any(token.lower_ in EPONYM_NOUNS for token in words)
    ):
        return None
    return words[0].idx, words[-1].idx + len(words[-1])
