"""The facts CasePilot's evaluation set asks for, read from the data files `make run` loads
once issue 23 lands, and the regular expressions that find each fact in an answer however it
is worded. Used by write_casepilot_questions.py; no fact here is typed in by hand.
"""

import csv
import json
import re
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
CONVERSION_FACTOR = Decimal("33.4009")
# The day the catalogue's ICD-10-CM edition (April 1, 2026) speaks for.
EDITION_DAY = date(2026, 4, 1)

# --- The data files -----------------------------------------------------------------------

PFS_COLUMNS = [
    "code",
    "modifier",
    "description",
    "status",
    "not_used",
    "work",
    "office_pe",
    "office_na",
    "facility_pe",
    "facility_na",
    "mp",
    "office_total",
    "facility_total",
    "pctc",
    "global",
    "pre",
    "intra",
    "post",
    "multiple",
    "bilateral",
    "assistant",
    "co_surgeons",
    "team",
    "pricing",
    "endoscopic_base",
    "conversion_factor",
    "physician_supervision",
    "calculation_flag",
    "imaging_family",
    "opps_office_pe",
    "opps_facility_pe",
    "opps_mp",
]


@cache
def pfs() -> dict[str, dict]:
    """The PFS rows without a modifier, by code (the file's 9 title and 2 header lines)."""
    path = SHARED / "cms" / "PPRRVU2026_Jul_nonQPP.nodesc.csv"
    with path.open(encoding="latin-1") as handle:
        rows = list(csv.reader(handle))[10:]
    return {row[0]: dict(zip(PFS_COLUMNS, row, strict=True)) for row in rows if row and not row[1]}


@cache
def localities() -> dict[str, tuple[Decimal, Decimal, Decimal]]:
    """(work, PE, MP) GPCIs by "STATE:LOCALITY NAME"."""
    found = {}
    with (SHARED / "cms" / "GPCI2026.csv").open(encoding="latin-1") as handle:
        for row in csv.reader(handle):
            if len(row) >= 7 and len(row[1]) == 2 and row[2].isdigit():
                name = row[3].rstrip("*")
                found[f"{row[1]}:{name}"] = (Decimal(row[4]), Decimal(row[5]), Decimal(row[6]))
    return found


@cache
def facility_rates(name: str) -> dict[str, Decimal]:
    """Payment rates of an OPPS or ASC excerpt in fixtures/fees/, by code."""
    with (ROOT / "fixtures" / "fees" / name).open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = next(index for index, row in enumerate(rows) if row and row[0] == "HCPCS Code")
    rate = next(i for i, column in enumerate(rows[header]) if column.endswith("Payment Rate"))
    return {
        row[0]: Decimal(row[rate].replace("$", "").replace(",", ""))
        for row in rows[header + 1 :]
        if row and row[0]
    }


@cache
def tabular() -> dict[str, tuple[ElementTree.Element, str | None]]:
    """Each ICD-10-CM diag element of the bundled tabular list and its parent's code."""
    data = next((ROOT / ".venv" / "lib").glob("python3*/site-packages/simple_icd_10_cm/data"))
    root = ElementTree.parse(next(data.glob("icd10c*-tabular-*.xml"))).getroot()
    found = {}

    def walk(element, parent):
        for diag in element.findall("diag"):
            code = diag.findtext("name")
            found[code] = (diag, parent)
            walk(diag, code)

    for section in root.iter("section"):
        walk(section, None)
    return found


@cache
def validity() -> dict[str, dict]:
    path = SHARED / "icd10cm" / "history" / "icd10cm_validity.tsv"
    with path.open(encoding="utf-8") as handle:
        return {row["code"]: row for row in csv.DictReader(handle, delimiter="\t")}


def valid_on(code: str, day: date) -> bool:
    row = validity().get(code)
    if row is None:
        return False
    ends = date.fromisoformat(row["valid_to"]) if row["valid_to"] else date.max
    return date.fromisoformat(row["valid_from"]) <= day <= ends


@cache
def complications() -> dict[str, dict]:
    path = SHARED / "cms" / "msdrg" / "v43" / "cc_mcc_v43.tsv"
    with path.open(encoding="utf-8") as handle:
        return {row["code"]: row for row in csv.DictReader(handle, delimiter="\t")}


@cache
def exclusion_collections() -> dict[str, set[str]]:
    collections = defaultdict(set)
    path = SHARED / "cms" / "msdrg" / "v43" / "pdx_collections_v43.tsv"
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            collections[row["pdx_collection"]].add(row["code"])
    return collections


@cache
def hcc_rows() -> dict[str, list[dict]]:
    rows = defaultdict(list)
    with (SHARED / "cms" / "hcc" / "hcc_2026.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            rows[row["code"]].append(row)
    return rows


@cache
def hcpcs_records() -> tuple[dict[str, str], dict[str, dict]]:
    """Long descriptors of HCPCS codes, and modifiers with their descriptor and end date
    (positions from HCPC2026_recordlayout.txt, as lookup/importers/hcpcs.py reads them)."""
    path = SHARED / "cms" / "hcpcs" / "HCPC2026_JAN_ANWEB_01122026.txt"
    codes, modifiers, current = {}, {}, None
    for line in path.read_text(encoding="cp1252").splitlines():
        kind, text = line[10:11], line[11:91].strip()
        if kind == "3":
            current = codes[line[:5]] = [text]
        elif kind == "7":
            modifiers[line[3:5]] = {"text": [text], "ends": line[284:292].strip()}
            current = modifiers[line[3:5]]["text"]
        elif kind in "48" and current is not None:
            current.append(text)
    return (
        {code: " ".join(parts) for code, parts in codes.items()},
        {
            code: {"text": " ".join(each["text"]), "ends": each["ends"]}
            for code, each in modifiers.items()
        },
    )


@cache
def demo_sections() -> dict[tuple[str, str], str]:
    """Editors' section bodies of the demo catalogue, by (code, kind)."""
    bodies = {}
    for slug in ["cpt", "hcpcs", "icd-10-cm"]:
        rows = json.loads((ROOT / "fixtures" / "demo" / f"{slug}.json").read_text())
        for row in rows:
            for section in row["sections"]:
                bodies[(row["code"], section["kind"])] = section["body"]
    return bodies


def is_known_code(code: str) -> bool:
    """A CPT or HCPCS code of the PFS or HCPCS file, or an ICD-10-CM code of any edition."""
    return code in pfs() or code in hcpcs_records()[0] or code in tabular() or code in validity()


# --- Regular expressions that state a fact in any reasonable wording ----------------------

NEGATION = r"\b(?:no|not|never|none|neither|cannot)\b|n't\b"
REGISTER = r"register|sign up|create .*account"


def money(amount: Decimal) -> str:
    """$1,159.35 written with or without the dollar sign and the thousands comma."""
    whole, cents = f"{amount:.2f}".split(".")
    if len(whole) > 3:
        whole = f"{whole[:-3]},?{whole[-3:]}"
    return rf"\$?\b{whole}\.{cents}\b"


def number(value: str) -> str:
    """An RVU such as 0.30 also written 0.3 or .30."""
    whole, _, decimals = value.partition(".")
    decimals = decimals.rstrip("0")
    whole_part = "0?" if whole == "0" else whole
    return rf"(?<![\d.]){whole_part}\.{decimals or '0'}0?(?!\d)"


def code_pattern(code: str) -> str:
    return re.escape(code).replace(r"\.", r"\.?")


def exact_code(code: str) -> str:
    """The code itself, or one under it, but not a longer sibling: G35 matches "G35",
    "G35." and "G35.A" only where G35.A is asked for."""
    return code_pattern(code) + r"(?!\w)"


def any_of(*patterns: str) -> str:
    return "|".join(f"(?:{pattern})" for pattern in patterns if pattern)


def all_of(*patterns: str) -> str:
    """Every pattern somewhere in the text, in any order."""
    return "(?s)^" + "".join(f"(?=.*?(?:{pattern}))" for pattern in patterns)


def we_hold_no(subject: str) -> str:
    """An honest "we hold no <subject>" in a sentence, however it is worded."""
    return any_of(
        rf"(?:{NEGATION})[^.]{{0,60}}(?:{subject})",
        rf"(?:{subject})[^.]{{0,60}}(?:{NEGATION})[^.]{{0,30}}\b(?:hold|held|have|list|listed"
        r"|carry|include|publish|record)",
    )


def no_payer_policy(payer: str) -> str:
    return any_of(
        rf"\b(?:no|not hold|not have|n't hold|n't have)\b[^.]{{0,40}}(?:{payer})[^.]{{0,40}}polic",
        rf"hold no (?:{payer})",
    )


# --- Facts, each returning what an item needs: expect and the codes it implies -------------


def pfs_row(code: str) -> dict:
    return pfs()[code]


def national(code: str, setting: str = "") -> Decimal:
    """The national payment: office (non-facility) unless asked, or unless CMS prices no
    office rate (NA), as the summary card shows it."""
    row = pfs_row(code)
    office = setting != "facility" and row["office_na"] != "NA"
    total = row["office_total"] if office else row["facility_total"]
    return (Decimal(total) * CONVERSION_FACTOR).quantize(Decimal("0.01"), ROUND_HALF_UP)


def locality_amount(code: str, locality: str, setting: str = "") -> Decimal:
    """(work x work GPCI + PE x PE GPCI + MP x MP GPCI) x CF, ../shared/data/README.md."""
    row = pfs_row(code)
    work, pe, mp = localities()[locality]
    office = setting != "facility" and row["office_na"] != "NA"
    practice = row["office_pe"] if office else row["facility_pe"]
    adjusted = Decimal(row["work"]) * work + Decimal(practice) * pe + Decimal(row["mp"]) * mp
    return (adjusted * CONVERSION_FACTOR).quantize(Decimal("0.01"), ROUND_HALF_UP)


GLOBAL_PERIOD = {
    "000": r"\b(?:0|zero)[- ]day|\bno (?:global |post-?operative )?(?:follow-?up )?days\b",
    "010": r"\b10[- ]day",
    "090": r"\b90[- ]day",
    "XXX": r"global[^.]{0,60}(?:does not|doesn't|not) apply|\bno global|\bXXX\b|not (?:a )?"
    r"surgical package",
    "ZZZ": r"add-?on|\bZZZ\b",
    "YYY": r"contractor|carrier|\bYYY\b",
    "MMM": r"maternity|obstetric|\bMMM\b",
}
MULTIPLE_PROCEDURE = {
    "0": r"\bno (?:multiple[- ]procedure )?(?:payment )?reduction|not (?:subject to|reduced)|"
    r"(?:reduction|multiple[- ]procedure (?:rule|concept))[^.]{0,30}(?:does not|doesn't) apply",
    "2": r"\b50 ?%|\bhalf\b|standard (?:multiple[- ]procedure )?(?:payment )?(?:rule|reduction)",
    "3": r"endoscop",
    "4": r"imaging[^.]{0,80}reduc|reduc[^.]{0,80}imaging",
    "5": r"therap[^.]{0,80}(?:reduc|practice expense)|practice expense[^.]{0,60}reduc",
    "6": r"cardio[^.]{0,80}reduc|reduc[^.]{0,80}cardio",
    "7": r"ophthalm[^.]{0,80}reduc|reduc[^.]{0,80}ophthalm",
}
BILATERAL = {
    "0": r"no bilateral (?:payment )?adjustment|bilateral[^.]{0,60}(?:does not|doesn't|not|no)"
    r"[^.]{0,30}(?:apply|adjust|increase|raise|150)|(?:not|n't)[^.]{0,50}150 ?%|\b50\b[^.]{0,40}"
    r"(?:does not|doesn't|not)[^.]{0,20}(?:raise|increase|change|apply)",
    "1": r"\b150 ?%",
    "2": r"(?:already|inherently|by definition)[^.]{0,30}bilateral|bilateral (?:by definition|"
    r"already)|\b100 ?%",
    "3": r"each side[^.]{0,40}100 ?%|100 ?% (?:for|of|on) each",
}
ASSISTANT = {
    "0": r"(?:with|requires?|needs?|only with|only if|if|when)[^.]{0,60}(?:documentation|"
    r"documented|medical necessity)",
    "1": r"(?:never|not|n't|no)\b[^.]{0,40}(?:paid|pay|payable|allowed)|statutory|restricted",
    "2": r"(?:may|can) be paid|\bis (?:payable|allowed|paid)|\bmay pay|\bpays? (?:for )?an "
    r"assistant",
    "9": r"(?:does not|doesn't|not) apply",
}
CO_SURGEONS = {
    "0": r"not (?:be )?(?:paid|allowed|permitted)|\bno co-?surg|never paid",
    "1": r"(?:with|requires?|needs?|if|when|only)[^.]{0,60}(?:documentation|documented|"
    r"medical necessity)",
    "2": r"(?:different|two) specialt|without (?:supporting |additional )?documentation|"
    r"(?:may|can) be paid|permitted",
}
TEAM_SURGERY = {
    "0": r"not (?:be )?(?:paid|allowed|permitted)|\bno team|never paid",
    "1": r"(?:with|requires?|needs?|if|when|only)[^.]{0,60}(?:documentation|documented|"
    r"medical necessity)",
    "2": r"(?:may|can) be paid|case[- ]by[- ]case|by report|individual(?:ly)? (?:priced|basis)",
}
PC_TC = {
    "0": rf"(?:{NEGATION})[^.]{{0,50}}(?:professional|technical|split|component|\b26\b|\bTC\b)"
    r"|physician service",
    "1": r"professional (?:and|or|\W) ?technical|professional component|technical component|"
    r"\b26\b[^.]{0,60}\binterpret",
    "2": r"professional[^.]{0,30}(?:only|alone|itself)|only[^.]{0,30}professional",
    "3": r"technical[^.]{0,30}(?:only|alone|itself)|only[^.]{0,30}technical",
    "4": r"global (?:test|service)[^.]{0,20}only|separate codes|(?:not|n't|no)\b[^.]{0,30}"
    r"(?:\b26\b|\bTC\b)",
    "5": r"incident[- ]to|supervision",
    "7": r"therap",
}
IMAGING_FAMILY = {
    "88": r"(?:multiple|imaging)[^.]{0,80}reduc|reduc[^.]{0,80}imaging|\b88\b",
    "99": r"(?:does not|doesn't|not) (?:apply|subject)|\bno (?:imaging )?(?:family|reduction)|"
    r"\b99\b",
}
STATUS = {
    "B": r"bundle|not (?:paid )?separately|never paid separately|included in",
    "C": r"contractor|carrier[- ]priced|priced by",
    "E": r"exclu|regulation|not (?:paid )?under the (?:physician )?fee schedule",
    "I": r"not valid for medicare|another code|not (?:recognized|valid)",
    "J": r"anesthesia",
    "N": r"not covered|non-?covered",
    "R": r"restricted",
    "T": r"only (?:if|when) no other|no other (?:fee[- ]schedule |physician )?service|"
    r"same day",
    "X": r"statut|exclu|not (?:paid )?under the (?:physician )?fee schedule",
}


def status_fact(code: str) -> str:
    return STATUS[pfs_row(code)["status"]]


def global_fact(code: str) -> str:
    return GLOBAL_PERIOD[pfs_row(code)["global"]]


def indicator_fact(table: dict[str, str], column: str, code: str) -> str:
    return table[pfs_row(code)[column]]


def endoscopy_fact(code: str) -> tuple[str, list[str]]:
    base = pfs_row(code)["endoscopic_base"]
    return any_of(MULTIPLE_PROCEDURE["3"] + rf"[^.]{{0,120}}\b{base}\b", rf"\b{base}\b"), [base]


def rvu_fact(code: str, column: str) -> str:
    value = pfs_row(code)[column]
    return number(value)


def not_priced_in_office(code: str) -> str:
    assert pfs_row(code)["office_na"] == "NA", code
    return (
        r"\bNA\b|not applicable|no (?:office|non-?facility)|(?:not|n't)[^.]{0,40}(?:office|"
        r"non-?facility)|facility (?:rate|setting)s? only"
    )


def stated_severity(code: str, severity: str) -> str:
    """The code stated to be a CC (or an MCC), not the question "a CC or an MCC?" echoed."""
    other = "MCC" if severity == "CC" else "CC"
    return (
        rf"(?:\b(?:is|as|remains)\s+an?\s+{severity}\b|\bseverity\W+{severity}\b|"
        rf"{code_pattern(code)}\W{{1,3}}{severity}\b)(?!\s*(?:or|/|and)\s*(?:an?\s+)?{other})"
    )


def severity_fact(code: str) -> tuple[str, list[str]]:
    """CC, MCC or neither, and the principal diagnoses that exclude it (an answer may name
    some: by their categories when the collection is large)."""
    row = complications().get(code)
    if row is None:
        return any_of(r"\bneither\b", rf"(?:{NEGATION})[^.]{{0,30}}\b(?:CC|MCC)\b"), []
    excluding = sorted(exclusion_collections().get(row["pdx_collection"], set()))
    if len(excluding) > 30:
        excluding = sorted({each[:3] for each in excluding})
    return stated_severity(code, row["severity"]), excluding


def exclusion_fact(code: str, principal: str) -> str:
    row = complications()[code]
    excluded = principal in exclusion_collections()[row["pdx_collection"]]
    if excluded:
        return any_of(
            rf"(?:{NEGATION})[^.]{{0,60}}(?:count|\bCC\b|\bMCC\b)",
            r"\b(?:is|it's|are) excluded|on (?:its|the) (?:CC )?exclusion list",
        )
    return any_of(r"\byes\b", rf"\b(?:still )?counts as an? {row['severity']}\b")


def hcc_fact(code: str, model: str = "") -> str:
    rows = [row for row in hcc_rows().get(code, []) if not model or row["model"] == model]
    if not rows:
        subject = rf"\b{model}\b" if model else r"HCC|risk[- ]adjust|CMS-HCC"
        return any_of(
            rf"(?:{NEGATION})[^.]{{0,60}}(?:HCC|risk[- ]adjust|categor|map)",
            rf"(?:{subject})[^.]{{0,40}}(?:{NEGATION})",
        )
    numbers = sorted({row["hcc"] for row in rows}, key=int)
    return rf"(?:HCC|categor(?:y|ies))(?:\W{{0,12}}V2[48])?\W{{0,12}}(?:{'|'.join(numbers)})\b"


def billable_fact(code: str) -> str:
    if valid_on(code, EDITION_DAY):
        return r"\byes\b|\bis (?:an? )?(?:valid|billable|reportable)|can be (?:billed|reported)"
    assert code in tabular(), code
    return any_of(
        r"\bheader\b|non-?billable|more specific",
        rf"(?:{NEGATION})[^.]{{0,40}}\b(?:billable|reportable|reported|billed|valid)",
    )


def seventh_character_fact(character: str, *full_codes: str) -> str:
    """The character, or a full code ending in it (each checked against the valid codes)."""
    for full_code in full_codes:
        assert valid_on(full_code, EDITION_DAY) and full_code.endswith(character), full_code
    return any_of(
        *[code_pattern(full_code) + r"\b" for full_code in full_codes],
        rf"(?:character|extension)[^.]{{0,15}}[\"'“]?\b{character}\b",
    )


def seventh_character_meaning(category: str, character: str) -> str:
    """The meaning of a 7th character as the category's sevenChrDef gives it, or the word
    that sets it apart from the others (nonunion, sequela)."""
    diag, _ = tabular()[category]
    for extension in diag.iter("extension"):
        if extension.get("char") == character:
            words = extension.text.strip().split()
            return any_of(r"\W+".join(re.escape(word) for word in words), re.escape(words[-1]))
    raise KeyError((category, character))


def date_words(day: date) -> str:
    """A day as an answer may write it: April 1, 2020, 2020-04-01 or 4/1/2020."""
    return any_of(
        rf"{day.strftime('%B')} 0?{day.day},? {day.year}",
        day.isoformat(),
        rf"0?{day.month}/0?{day.day}/{day.year}",
    )


def validity_fact(code: str, day: date) -> str:
    row = validity()[code]
    if valid_on(code, day):
        return r"\byes\b|\b(?:is|was|remains|stays) (?:still )?valid|valid (?:since|from)"
    bound = (
        date.fromisoformat(row["valid_from"])
        if day < date.fromisoformat(row["valid_from"])
        else date.fromisoformat(row["valid_to"])
    )
    return any_of(
        date_words(bound),
        r"\b(?:not|n't) (?:yet )?(?:valid|reportable|billable|in use)|\binvalid\b",
    )


def replaced_by(code: str) -> tuple[str, list[str]]:
    """The codes that took a deleted code's place: the more specific codes added under it
    in the year it stopped being reportable."""
    year = validity()[code]["fy_deleted"]
    children = sorted(
        other
        for other, row in validity().items()
        if other != code and other.startswith(code) and row["fy_added"] == year
    )
    assert children, code
    return "|".join(code_pattern(child) for child in children), children


def predecessor(code: str) -> tuple[str, list[str]]:
    """The code used before `code` existed: its parent, reportable until `code` was added."""
    row = validity()[code]
    parent = tabular()[code][1]
    added = date.fromisoformat(row["valid_from"])
    assert valid_on(parent, date.fromordinal(added.toordinal() - 1)), code
    return code_pattern(parent) + r"(?!\.?\w)", [parent]


NOTE_TAGS = {
    "excludes1": "excludes1",
    "excludes2": "excludes2",
    "code-first": "codeFirst",
    "use-additional-code": "useAdditionalCode",
    "code-also": "codeAlso",
}
NOTE_CODE = re.compile(r"\b([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)(?:-([A-Z][0-9][0-9A-Z]))?")


def in_tabular(code: str) -> str:
    """The code itself, or for a code the tabular list builds (a 7th character, placeholder
    Xs) the nearest code above it that the list holds."""
    while code not in tabular():
        code = code[:-1].rstrip("X.")
    return code


def notes_of(code: str, kind: str, inherited: bool = True) -> list[tuple[str, str]]:
    """(where, note) of a kind at the code and, as the tabular list is read, above it."""
    found, current = [], in_tabular(code)
    while current is not None:
        diag, parent = tabular()[current]
        for element in diag.findall(NOTE_TAGS[kind]):
            found += [(current, note.text.strip()) for note in element.iter("note")]
        if not inherited:
            break
        current = parent
    assert found, (code, kind)
    return found


def codes_in_notes(notes: list[tuple[str, str]]) -> list[str]:
    """Codes the notes name: "E08.-" as E08, a range "I60-I69" as each category in it."""
    codes = []
    for _, note in notes:
        for first, last in NOTE_CODE.findall(note):
            if not last:
                codes.append(first)
                continue
            letter, start, end = first[0], int(first[1:3]), int(last[1:3])
            codes += [f"{letter}{number:02d}" for number in range(start, end + 1)]
    return sorted(set(codes))


def note_fact(code: str, kind: str, inherited: bool = True) -> tuple[str, list[str]]:
    """Any of the codes the notes name; for a note that names none, its words."""
    notes = notes_of(code, kind, inherited)
    named = codes_in_notes(notes)
    words = [
        r"\W+".join(re.escape(word) for word in note.strip(" ,").split())
        for _, note in notes
        if not NOTE_CODE.search(note) and not note.endswith(":")
    ]
    return any_of(*[exact_code(each) for each in named], *words), named


def section_codes(code: str, kind: str) -> list[str]:
    """The codes an editors' section names: an answer quoting it names them too."""
    body = demo_sections()[(code, kind)]
    return sorted(
        set(re.findall(r"\b(?:[0-9]{5}|[A-Z][0-9]{4}|[A-Z][0-9]{2}\.[0-9A-Z]{1,4})\b", body))
    )


def section_fact(code: str, kind: str, *phrases: str) -> tuple[str, list[str]]:
    """Phrases an editors' section states (each checked against its body)."""
    body = demo_sections()[(code, kind)]
    for phrase in phrases:
        assert re.search(phrase, body, re.IGNORECASE), (code, kind, phrase)
    return any_of(*phrases), section_codes(code, kind)


def modifier_fact(modifier: str, *phrases: str) -> str:
    """Phrases of the HCPCS file's descriptor of a Level II modifier (checked against it)."""
    text = hcpcs_records()[1][modifier]["text"]
    for phrase in phrases:
        assert re.search(phrase, text, re.IGNORECASE), (modifier, phrase)
    return any_of(*phrases)


def hcpcs_fact(code: str, *phrases: str) -> str:
    text = hcpcs_records()[0][code]
    for phrase in phrases:
        assert re.search(phrase, text, re.IGNORECASE), (code, phrase)
    return any_of(*phrases)


def unknown_code_fact(code: str) -> str:
    assert code not in pfs() and code not in validity() and code not in hcpcs_records()[0]
    assert code not in tabular(), code
    pattern = code_pattern(code)
    return any_of(
        rf"(?:{NEGATION})[^.]{{0,60}}{pattern}",
        rf"{pattern}[^.]{{0,80}}(?:{NEGATION}|does ?n[o']t exist|\bunknown\b)",
    )
