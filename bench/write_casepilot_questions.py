"""Write bench/casepilot_questions.json, CasePilot's evaluation set (issue 24), from the data
files `make run` loads once issue 23 lands: the CMS PFS RVU file (July 2026) and GPCI 2026,
the OPPS/ASC excerpts, ICD-10-CM FY2026 (the tabular list bundled in simple-icd-10-cm) and
its history, MS-DRG v43, CMS-HCC 2026, HCPCS Level II January 2026 and the demo catalogue.

The questions are written here by hand; every fact an answer must state (a figure, an
indicator, a severity, a note's codes...) is read from those files by the functions below,
never typed in. One item in four is held out, chosen within each kind by the SHA-256 of its
question, the issue's own examples excepted. The set was written, and its held-out quarter
frozen (tests/bench/test_evaluation_sets.py), before CasePilot was changed: running this
again must reproduce the file byte for byte.

    .venv/bin/python bench/write_casepilot_questions.py
"""

import hashlib
import json
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from casepilot_facts import (
    ASSISTANT,
    BILATERAL,
    CO_SURGEONS,
    GLOBAL_PERIOD,
    IMAGING_FAMILY,
    MULTIPLE_PROCEDURE,
    PC_TC,
    REGISTER,
    TEAM_SURGERY,
    all_of,
    any_of,
    billable_fact,
    date_words,
    endoscopy_fact,
    exclusion_fact,
    facility_rates,
    global_fact,
    hcc_fact,
    hcpcs_fact,
    hcpcs_records,
    indicator_fact,
    is_known_code,
    locality_amount,
    modifier_fact,
    money,
    national,
    no_payer_policy,
    not_priced_in_office,
    note_fact,
    number,
    pfs_row,
    predecessor,
    replaced_by,
    rvu_fact,
    section_codes,
    section_fact,
    seventh_character_fact,
    seventh_character_meaning,
    severity_fact,
    status_fact,
    unknown_code_fact,
    validity_fact,
    we_hold_no,
)

OUTPUT = Path(__file__).resolve().parent / "casepilot_questions.json"


# --- The questions --------------------------------------------------------------------------

# The issue's own examples: in the set, never held out.
ISSUE_EXAMPLES = {
    "What is the global period for 27323?",
    "Is N17.9 a CC or an MCC?",
    "Which V28 HCC does E11.42 map to?",
    "Can I bill 99213 with 20610 on the same day?",
    "Does Aetna require prior authorization for 27365?",
}

ITEMS: list[dict] = []


# Words of a question shaped like codes; the model names V24 and V28 are ICD-10-CM categories
# too, but a question that says them means the CMS-HCC models.
CODE_SHAPED = re.compile(
    r"\b(?:[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?|[0-9]{4}[0-9FTU]|[A-Z][0-9]{4})\b"
)
MODEL_NAMES = {"V24", "V28"}


def codes_named_in(question: str) -> list[str]:
    """The codes a question names, as the data files hold them."""
    return [
        word
        for word in CODE_SHAPED.findall(question.upper())
        if word not in MODEL_NAMES and is_known_code(word)
    ]


def ask(kind, question, expect, codes=(), context="", reader="staff", forbid=""):
    """One item: `codes` are the codes the question clearly implies; those it names are
    added."""
    item = {"question": question, "code": context, "kind": kind, "expect": expect}
    if forbid:
        item["forbid"] = forbid
    item["codes"] = sorted({*codes, *codes_named_in(question)})
    if reader != "staff":
        item["reader"] = reader
    ITEMS.append(item)


def write_global_period():
    for question, code, context in [
        ("What is the global period for 27323?", "27323", ""),
        ("global days for 27447", "27447", ""),
        ("whats the global on 20610", "20610", ""),
        ("does 99213 have a global period", "99213", ""),
        ("global period?", "27324", "cpt:27324"),
        ("How many post-op days does CPT 29881 have?", "29881", ""),
        ("is 17110 a 10 day global or a 0 day", "17110", ""),
        ("global surgery days for 99292", "99292", ""),
        ("global period for 59400 (vaginal delivery package)", "59400", ""),
        ("post op period for debridement 11042?", "11042", ""),
    ]:
        expect = global_fact(code)
        if re.search(expect, question, re.IGNORECASE):
            # The question says both answers: the answer must state one, not echo them.
            expect = any_of(
                rf"\b(?:has|carries|assigns?|gets|with)\b[^.]{{0,40}}(?:{expect})",
                rf"(?:{expect})[- ]?(?:global (?:period|package|procedure)|post-?op)",
            )
        ask("global-period", question, expect, [code], context=context)


def write_payments():
    for question, code, setting, context in [
        ("How much does Medicare pay for 99213?", "99213", "", ""),
        ("medicare national rate 99214", "99214", "", ""),
        ("whats the medicare allowable for 27447", "27447", "", ""),
        ("national fee for 20610 in the office", "20610", "", ""),
        ("how much does medicare pay for this?", "27323", "", "cpt:27323"),
        ("payment for 93000 ekg", "93000", "", ""),
        ("Medicare reimbursement for CPT 99203 in 2026", "99203", "", ""),
        ("how much is G2211 paid by medicare", "G2211", "", ""),
    ]:
        expect = money(national(code, setting))
        ask("payment-national", question, expect, [code], context=context)

    for question, code, locality, context in [
        ("how much does 99213 pay in Manhattan?", "99213", "NY:MANHATTAN", ""),
        ("27323 payment in rest of texas", "27323", "TX:REST OF TEXAS", ""),
        ("medicare rate for 99214 in alaska", "99214", "AK:ALASKA", ""),
        ("What does 20610 pay in Puerto Rico (office)?", "20610", "PR:PUERTO RICO", ""),
        (
            "27447 fee for los angeles county",
            "27447",
            "CA:LOS ANGELES-LONG BEACH-ANAHEIM (LOS ANGELES CNTY)",
            "",
        ),
        ("99204 miami locality payment", "99204", "FL:MIAMI", ""),
        (
            "what would medicare pay for this in rest of california?",
            "20206",
            "CA:REST OF CALIFORNIA",
            "cpt:20206",
        ),
    ]:
        expect = money(locality_amount(code, locality))
        ask("payment-locality", question, expect, [code], context=context)

    kind = "payment-site"
    opps = facility_rates("opps-addendum-b-excerpt.csv")
    asc = facility_rates("asc-addendum-aa-excerpt.csv")
    ask(kind, "What's the OPPS payment for 27323?", money(opps["27323"]), ["27323"])
    ask(kind, "asc rate 27323", money(asc["27323"]), ["27323"])
    ask(kind, "hospital outpatient rate for 27365", money(opps["27365"]), ["27365"])
    ask(kind, "27324 opps payment rate", money(opps["27324"]), ["27324"])
    both = all_of(money(national("20610")), money(national("20610", "facility")))
    ask(kind, "Facility vs non-facility rate for 20610?", both, ["20610"])
    facility = money(national("99213", "facility"))
    ask(kind, "what does medicare pay for 99213 in a facility setting", facility, ["99213"])
    ask(kind, "does 27324 have an office rate", not_priced_in_office("27324"), ["27324"])
    assert "27324" not in asc
    no_rate = we_hold_no(r"\bASC\b|ambulatory surg|surgery cent")
    ask(kind, "ASC payment for 27324?", no_rate, ["27324"])
    facility = money(national("45380", "facility"))
    ask(kind, "45380 colonoscopy w biopsy facility rate", facility, ["45380"])


def write_rvus():
    for question, code, column, context in [
        ("total RVUs for 99213", "99213", "office_total", ""),
        ("work RVU 27447", "27447", "work", ""),
        ("what is the malpractice rvu for 27323", "27323", "mp", ""),
        ("PE RVU for 20610 in the office", "20610", "office_pe", ""),
        ("facility total rvu 99214", "99214", "facility_total", ""),
        ("rvus for 29881", "29881", "office_total", ""),
        ("wRVU for 99215?", "99215", "work", ""),
        ("non facility PE RVU of 27324", "27324", "", ""),
        ("How many RVUs is this?", "21925", "office_total", "cpt:21925"),
    ]:
        expect = rvu_fact(code, column) if column else not_priced_in_office(code)
        ask("rvu", question, expect, [code], context=context)


def write_indicators():
    for kind, table, column, cases in [
        (
            "indicator-multiple-procedure",
            MULTIPLE_PROCEDURE,
            "multiple",
            [
                ("does the multiple procedure reduction apply to 27447", "27447", ""),
                ("43239 mult proc indicator - what's the endoscopic base?", "43239", ""),
                ("multiple procedure rule for 97110 therapy units", "97110", ""),
                ("Is 70450 subject to multiple procedure payment reduction?", "70450", ""),
                ("mult proc indicator for 99214?", "99214", ""),
                ("93306 echo billed with another echo same session, is there a reduction",
                 "93306", ""),
            ],
        ),
        (
            "indicator-bilateral",
            BILATERAL,
            "bilateral",
            [
                ("20610 bilateral - how is it paid with modifier 50?", "20610", ""),
                ("bilateral indicator 27447", "27447", ""),
                ("MRI both knees 73721, how does medicare pay bilateral?", "73721", ""),
                ("can i bill 77067 with modifier 50", "77067", ""),
                ("does medicare pay extra for bilateral 21920", "21920", ""),
            ],
        ),
        (
            "indicator-assistant",
            ASSISTANT,
            "assistant",
            [
                ("is an assistant surgeon paid for 27447?", "27447", ""),
                ("can i bill modifier 80 with 27323", "27323", ""),
                ("assistant at surgery indicator for 11451", "11451", ""),
                ("Asst surg rules for 90834?", "90834", ""),
            ],
        ),
        (
            "indicator-co-surgeon",
            CO_SURGEONS,
            "co_surgeons",
            [
                ("can two surgeons bill 27365 with modifier 62", "27365", ""),
                ("co-surgeon indicator 63030", "63030", ""),
                ("is co surgery allowed for 27323", "27323", ""),
                ("Modifier 62 on 22551, does Medicare pay both surgeons?", "22551", ""),
            ],
        ),
        (
            "indicator-team-surgery",
            TEAM_SURGERY,
            "team",
            [
                ("team surgery indicator for 33945", "33945", ""),
                ("can I use modifier 66 on 27447", "27447", ""),
                ("modifier 66 for a liver transplant 47135", "47135", ""),
                ("is team surgery paid for 22836?", "22836", ""),
            ],
        ),
        (
            "indicator-pc-tc",
            PC_TC,
            "pctc",
            [
                ("can 71046 be split with 26 and TC", "71046", ""),
                ("Do I add modifier 26 to 93010?", "93010", ""),
                ("pc/tc indicator 93005", "93005", ""),
                ("93000 - can I bill the professional component only?", "93000", ""),
                ("PCTC indicator for 96372", "96372", ""),
                ("does modifier 26 apply to this code?", "27365", "cpt:27365"),
            ],
        ),
        (
            "indicator-imaging-family",
            IMAGING_FAMILY,
            "imaging_family",
            [
                ("is 70450 in a diagnostic imaging family", "70450", ""),
                ("diagnostic imaging family indicator for CT abd/pelvis 74177", "74177", ""),
                ("72148 MRI lumbar spine - imaging family?", "72148", ""),
                ("Does the imaging reduction apply to chest xray 71046?", "71046", ""),
            ],
        ),
    ]:  # fmt: skip
        for question, code, context in cases:
            if column == "multiple" and pfs_row(code)["endoscopic_base"]:
                expect, base = endoscopy_fact(code)
            else:
                expect, base = indicator_fact(table, column, code), []
            ask(kind, question, expect, [code, *base], context=context)


def write_statuses():
    for question, code in [
        ("does medicare pay for IUD insertion 58300", "58300"),
        ("why wont medicare pay 94760 with my office visit", "94760"),
        ("is 36415 paid under the physician fee schedule?", "36415"),
        ("Status indicator for 99358", "99358"),
        ("A4550 surgical tray - pfs status?", "A4550"),
        ("what does status R mean for 11055", "11055"),
        ("Who prices 0075T for medicare?", "0075T"),
    ]:
        ask("pfs-status", question, status_fact(code), [code])


def write_grouping():
    kind = "cc-mcc"
    for question, code in [
        ("Is N17.9 a CC or an MCC?", "N17.9"),
        ("is j96.01 an mcc", "J96.01"),
        ("E11.9 cc or mcc?", "E11.9"),
        ("A41.9 sepsis - CC or MCC for DRG?", "A41.9"),
        ("Is hyponatremia E87.1 a CC?", "E87.1"),
        ("does I10 count as a cc", "I10"),
        ("is L89.154 a major complication (MCC)?", "L89.154"),
        ("severity level for D62 acute posthemorrhagic anemia", "D62"),
    ]:
        expect, excluding = severity_fact(code)
        ask(kind, question, expect, [code, *excluding])

    kind = "cc-exclusion"
    for question, code, principal in [
        ("Is E87.1 still a CC if the principal diagnosis is E86.0?", "E87.1", "E86.0"),
        ("N17.9 as secondary dx with principal A41.9 - does it count as a CC?", "N17.9", "A41.9"),
        ("j44.1 cc exclusion when pdx is j44.0", "J44.1", "J44.0"),
        ("Z68.41 with principal dx E66.01, CC or excluded?", "Z68.41", "E66.01"),
        ("is I50.22 a CC when the principal diagnosis is I21.4", "I50.22", "I21.4"),
        ("does N17.9 count as cc with principal diagnosis N18.6", "N17.9", "N18.6"),
    ]:
        ask(kind, question, exclusion_fact(code, principal), [code, principal])

    kind = "hcc"
    for question, code, model in [
        ("Which V28 HCC does E11.42 map to?", "E11.42", "V28"),
        ("E11.42 hcc in v24", "E11.42", "V24"),
        ("what hcc is e11.9", "E11.9", "V28"),
        ("does I10 risk adjust?", "I10", ""),
        ("N18.4 V28 HCC?", "N18.4", "V28"),
        ("Does F32.A map to an HCC?", "F32.A", ""),
        ("F33.1 hcc v28", "F33.1", "V28"),
        ("is F32.0 an HCC under V28", "F32.0", "V28"),
        ("which HCC category for J44.1 (V28)?", "J44.1", "V28"),
        ("morbid obesity E66.01 - HCC?", "E66.01", "V28"),
    ]:
        ask(kind, question, hcc_fact(code, model), [code])


def write_tabular_facts():
    for question, code, context in [
        ("is E11.4 billable", "E11.4", ""),
        ("Is E11.42 a billable code?", "E11.42", ""),
        ("can I bill S72.001 without a 7th character?", "S72.001", ""),
        ("m54.5 billable?", "M54.5", ""),
        ("is I10 billable for 2026", "I10", ""),
        ("R51 valid billable code?", "R51", ""),
        ("is this code billable or a header?", "Z79.4", "icd-10-cm:Z79.4"),
    ]:
        ask("billable", question, billable_fact(code), [code], context=context)

    kind = "seventh-character"
    ask(
        kind,
        "what 7th character for subsequent encounter routine healing S72.001",
        seventh_character_fact("D", "S72.001D"),
        ["S72.001"],
    )
    ask(
        kind,
        "7th character for initial encounter closed fracture right femoral neck S72.001",
        seventh_character_fact("A", "S72.001A"),
        ["S72.001"],
    )
    ask(
        kind,
        "T81.41 initial encounter full code?",
        seventh_character_fact("A", "T81.41XA"),
        ["T81.41"],
    )
    ask(
        kind,
        "What does the 7th character S mean?",
        seventh_character_meaning("S72", "S"),
        ["S72.001A"],
        context="icd-10-cm:S72.001A",
    )
    ask(
        kind,
        "7th char K on S42 fractures means what",
        seventh_character_meaning("S42", "K"),
        ["S42"],
    )
    ask(
        kind,
        "H40.11 7th character for severe stage glaucoma",
        any_of(
            seventh_character_fact("3", "H40.1113", "H40.1123", "H40.1133", "H40.1193"),
            r"\b3\b\W{1,3}severe",
        ),
        ["H40.11"],
    )

    for question, code, day in [
        ("was U07.1 valid on 3/15/2020?", "U07.1", date(2020, 3, 15)),
        ("can i use E11.A in FY2025", "E11.A", date(2025, 9, 1)),
        ("Is M35.8 valid for a DOS of 1/5/2021?", "M35.8", date(2021, 1, 5)),
        ("R51 valid for date of service 06/01/2019?", "R51", date(2019, 6, 1)),
        ("is G35 still valid for 11/1/2025", "G35", date(2025, 11, 1)),
        ("e11.9 valid in fy2026?", "E11.9", date(2026, 4, 1)),
        ("Will I42.0 be valid after October 1 2026?", "I42.0", date(2026, 10, 1)),
    ]:
        ask("validity", question, validity_fact(code, day), [code])

    kind = "history"
    for question, code in [
        ("G35 is no longer valid - what replaced it?", "G35"),
        ("what replaced R10.2 pelvic and perineal pain", "R10.2"),
        ("D71 deleted? what do i use now", "D71"),
        ("What codes replaced M54.5 low back pain?", "M54.5"),
        ("e78.01 familial hypercholesterolemia new codes", "E78.01"),
    ]:
        expect, children = replaced_by(code)
        ask(kind, question, expect, [code, *children])
    for question, code in [
        ("what code did we use before R51.9 existed?", "R51.9"),
        ("Before G35.A was created what was the MS code", "G35.A"),
    ]:
        expect, before = predecessor(code)
        ask(kind, question, expect, [code, *before])


def write_notes():
    for kind, cases in {
        "excludes1": [
            ("what are the excludes1 notes for N17.9", "N17.9"),
            ("Excludes1 for E11.42?", "E11.42"),
            ("j96.01 excludes 1", "J96.01"),
            ("I10 excludes1 note", "I10"),
        ],
        "excludes2": [
            ("excludes2 for N17.9", "N17.9"),
            ("What does I10 excludes2 say?", "I10"),
            ("J44.1 excludes2", "J44.1"),
            ("z79.4 excludes 2 notes", "Z79.4"),
        ],
        "code-first": [
            ("does D63.1 have a code first note", "D63.1"),
            ("N18.6 code first?", "N18.6"),
            ("what should be sequenced first with L89.154", "L89.154"),
        ],
        "use-additional-code": [
            ("use additional code for N18.6", "N18.6"),
            ("E11.621 use additional code", "E11.621"),
            ("what additional code goes with E11.9 for insulin", "E11.9"),
        ],
        "code-also": [
            ("j44.1 code also note", "J44.1"),
            ("Is there a code also note on T81.41XA?", "T81.41XA"),
        ],
    }.items():
        for question, code in cases:
            expect, named = note_fact(code, kind)
            ask(f"note-{kind}", question, expect, [code, *named])
    expect, named = note_fact("N17.9", "code-also")
    ask(
        "note-code-also",
        "N17.9 code also?",
        any_of(expect, r"underlying condition"),
        ["N17.9", *named],
    )

    kind = "note-inherited"
    for question, code, note_kind in [
        ("Does the E11 excludes1 note apply to E11.65?", "E11.65", "excludes1"),
        ("excludes2 notes that S72.001A inherits from S72", "S72.001A", "excludes2"),
        ("I63.9 - any use additional code notes from I63?", "I63.9", "use-additional-code"),
        ("R65.21 code first instruction from R65.2", "R65.21", "code-first"),
    ]:
        expect, named = note_fact(code, note_kind)
        ask(kind, question, expect, [code, *named])


def write_modifiers():
    kind = "modifier"
    ask(kind, "what does modifier 25 mean", r"separately identifiable")
    ask(
        kind,
        "when do I use modifier 25 with 27323?",
        section_fact("27323", "ncci", r"separately identifiable")[0],
        ["27323"],
    )
    ask(
        kind,
        "which modifier for a bilateral 27447",
        r"modifier\W{0,3}50\b|\b50 modifier|-50\b|\bRT\b[^.]{0,20}\bLT\b",
        ["27447"],
    )
    ask(
        kind,
        "modifier for biopsy of a separate lesion, same session?",
        section_fact("27323", "modifiers", r"\b59\b|\bXS\b")[0],
        ["27323"],
        context="cpt:27323",
    )
    ask(kind, "what is modifier XU", modifier_fact("XU", r"unusual non-?overlapping"))
    ask(kind, "GA modifier meaning", modifier_fact("GA", r"waiver of liability"))
    ask(
        kind,
        "when to use the KX modifier",
        modifier_fact("KX", r"requirements[^.]{0,40}(?:met|policy)"),
    )
    ask(
        kind,
        "JW vs JZ modifier",
        all_of(modifier_fact("JW", r"discard"), modifier_fact("JZ", r"zero")),
    )
    ask(
        kind,
        "is modifier 26 ok on 27365",
        section_fact(
            "27365",
            "faq",
            r"no professional/"
            r"technical split|(?:not|n't|no)\b[^.]{0,40}(?:26|professional|split|apply)",
        )[0],
        ["27365"],
    )
    ends = hcpcs_records()[1]["JG"]["ends"]
    assert ends == "20241231"
    ask(
        kind,
        "is modifier JG still valid?",
        any_of(
            r"deleted|discontinued|terminated|ended|no longer|not valid",
            date_words(date(2024, 12, 31)),
            r"\b2024\b",
        ),
    )
    ask(kind, "FS modifier?", modifier_fact("FS", r"split|shared"))


def write_editors_sections():
    kind = "documentation"
    for question, code, phrases in [
        ("what documentation do i need for 27323", "27323", [r"deep fascia", r"open approach"]),
        ("documentation requirements for E0143 walker", "E0143", [r"mobility limitation"]),
        ("What should the note include for C49.21?", "C49.21", [r"histolog"]),
        ("J1885 documentation?", "J1885", [r"dose", r"route"]),
        (
            "what has to be documented for a radical resection 27365",
            "27365",
            [r"margin", r"reconstruction", r"staging"],
        ),
    ]:
        expect, named = section_fact(code, "documentation", *phrases)
        ask(kind, question, expect, [code, *named])

    kind = "denials"
    for question, code, phrases in [
        ("why would 27324 get denied", "27324", [r"depth", r"subfascial", r"needle"]),
        ("common denial reasons for L1832", "L1832", [r"fitting", r"off-the-shelf"]),
        (
            "J1655 denied for a 2026 date of service, why?",
            "J1655",
            [r"invalid", r"January 1, 2026"],
        ),
        ("20206 denials", "20206", [r"incision", r"guidance", r"aspiration"]),
        ("A4550 keeps getting denied", "A4550", [r"bundled", r"part of the procedure"]),
    ]:
        expect, named = section_fact(code, "denials", *phrases)
        ask(kind, question, expect, [code, *named])

    kind = "ncci"
    for question, code, others, phrases in [
        (
            "can i bill 27323 and 20206 together",
            "27323",
            ["20206"],
            [r"same lesion", r"only the open"],
        ),
        (
            "NCCI edits for 27365",
            "27365",
            [],
            [r"soft tissue excision", r"not reported separately"],
        ),
        ("is imaging guidance bundled with 20206?", "20206", [], [r"separately reportable"]),
        (
            "E/M on the same day as 21920, is it bundled?",
            "21920",
            [],
            [r"separately identifiable", r"modifier 25"],
        ),
        (
            "biopsy and excision same session 27324 - ncci",
            "27324",
            [],
            [r"bundled", r"pathology result"],
        ),
    ]:
        expect, named = section_fact(code, "ncci", *phrases)
        guidance = ["76942", "77002", "77012", "77021"] if code == "20206" else []
        assert set(guidance) <= set(section_codes("20206", "guidelines"))
        ask(kind, question, expect, [code, *others, *named, *guidance])

    kind = "coverage"
    for question, code, phrases in [
        (
            "does medicare cover 27323",
            "27323",
            [r"reasonable and necessary", r"national coverage determination"],
        ),
        ("is A4550 covered by medicare", "A4550", [r"status B", r"not pay this code separately"]),
        (
            "Medicare coverage for crutches E0114",
            "E0114",
            [r"mobility limitation", r"durable medical equipment"],
        ),
        (
            "is there an LCD or NCD for 27324",
            "27324",
            [r"national coverage determination", r"local policies"],
        ),
        ("G0463 coverage?", "G0463", [r"OPPS", r"facility claim"]),
    ]:
        expect, named = section_fact(code, "coverage", *phrases)
        ask(kind, question, expect, [code, *named])


def write_what_we_do_not_hold():
    kind = "payer"
    for question, code, payer in [
        ("Does Aetna require prior authorization for 27365?", "27365", r"aetna"),
        ("cigna prior auth 27447?", "27447", r"cigna"),
        ("Does UnitedHealthcare cover 20610?", "20610", r"united ?health ?care|\bUHC\b"),
        ("does blue cross blue shield cover 27323", "27323", r"blue cross|blue shield|\bBCBS\b"),
        ("humana prior authorization for 27324", "27324", r"humana"),
        ("UHC reimbursement policy for G0463", "G0463", r"united ?health ?care|\bUHC\b"),
    ]:
        ask(kind, question, no_payer_policy(payer), [code])

    kind = "no-data"
    ask(kind, "What is the MUE for 20610?", we_hold_no(r"\bMUEs?\b|medically unlikely"), ["20610"])
    ask(kind, "mue units 27323", we_hold_no(r"\bMUEs?\b|medically unlikely"), ["27323"])
    ask(
        kind,
        "Is there an NCCI edit between 99214 and 96372?",
        we_hold_no(r"\bNCCI\b|\bPTP\b|procedure-to-procedure|\bpairs?\b"),
        ["99214", "96372"],
    )
    ask(
        kind,
        "does 93000 bundle into 99214 per ncci",
        we_hold_no(r"\bNCCI\b|\bPTP\b|procedure-to-procedure|\bpairs?\b"),
        ["93000", "99214"],
    )
    ask(
        kind,
        "J1885 max units per day (MUE)?",
        we_hold_no(r"\bMUEs?\b|medically unlikely"),
        ["J1885"],
    )

    kind = "unknown-code"
    ask(kind, "What is CPT code 99299?", unknown_code_fact("99299"))
    ask(kind, "m54.52 description", unknown_code_fact("M54.52"), ["M54.5"])
    ask(kind, "is E11.99 a valid code", unknown_code_fact("E11.99"), ["E11.9"])
    ask(kind, "what is hcpcs E9999", unknown_code_fact("E9999"))
    ask(kind, "ICD-10 code I10.0?", unknown_code_fact("I10.0"), ["I10"])


def write_words_that_are_not_codes():
    kind = "not-a-code"
    ask(
        kind,
        "Can I bill 99213 with 20610 on the same day?",
        any_of(
            r"modifier\W{0,3}25|-25\b|\b25 modifier|separately identifiable",
            we_hold_no(r"\bNCCI\b|\bPTP\b|procedure-to-procedure|\bpairs?\b"),
        ),
        ["99213", "20610"],
    )
    ask(
        kind,
        "E/M same day as 20610 injection - need modifier?",
        any_of(
            r"modifier\W{0,3}25|-25\b|\b25 modifier|separately identifiable",
            GLOBAL_PERIOD[pfs_row("20610")["global"]],
        ),
        ["20610"],
    )
    ask(
        kind,
        "how many units of J1885 for 30 mg of ketorolac",
        hcpcs_fact("J1885", r"15 ?mg"),
        ["J1885"],
    )
    ask(
        kind,
        "dexamethasone 10 mg J1100 units?",
        any_of(hcpcs_fact("J1100", r"\b1 ?mg"), r"\b10 units"),
        ["J1100"],
    )
    ask(
        kind,
        "J3301 triamcinolone 40 mg, how many units",
        any_of(hcpcs_fact("J3301", r"10 ?mg"), r"\b4 units|four units"),
        ["J3301"],
    )
    ask(
        kind,
        "is E11.42 an HCC in both V24 and V28?",
        all_of(hcc_fact("E11.42", "V24"), hcc_fact("E11.42", "V28")),
        ["E11.42"],
    )
    ask(kind, "what is the RVU of 99213 for FY2026", rvu_fact("99213", "office_total"), ["99213"])
    ask(kind, "G2211 with an E/M visit, same day - what is it", global_fact("G2211"), ["G2211"])
    per_unit = (
        r"phosphate,? 1 ?mg|per 1 ?mg|1 ?mg (?:per|each|a) unit|each unit (?:is|=|equals) 1 ?mg"
    )
    ask(kind, "1 mg units for J1100 dexamethasone?", hcpcs_fact("J1100", per_unit), ["J1100"])


def write_gates():
    kind = "gate"
    ask(
        kind,
        "how much does medicare pay for 27323",
        REGISTER,
        ["27323"],
        reader="guest",
        forbid=any_of(
            money(national("27323")),
            money(national("27323", "facility")),
            number(pfs_row("27323")["office_total"]),
        ),
    )
    ask(
        kind,
        "is N17.9 a cc",
        REGISTER,
        ["N17.9"],
        reader="guest",
        forbid=r"\b(?:is|as) an? CC\b(?!\s*(?:or|/|and))|\bseverity\W+CC\b|N17\.9\W{1,3}CC\b"
        r"(?!\s*(?:or|/|and))",
    )
    ask(
        kind,
        "What HCC does E11.42 map to in V28?",
        REGISTER,
        ["E11.42"],
        reader="guest",
        forbid=hcc_fact("E11.42", "V28"),
    )
    texas = "TX:REST OF TEXAS"
    ask(
        kind,
        "99213 rate in rest of texas",
        REGISTER,
        ["99213"],
        reader="guest",
        forbid=any_of(money(locality_amount("99213", texas)), money(national("99213"))),
    )
    ask(
        kind,
        "rvus for 27447",
        REGISTER,
        ["27447"],
        reader="guest",
        forbid=any_of(number(pfs_row("27447")["office_total"]), number(pfs_row("27447")["work"])),
    )
    ask(
        kind,
        "what's the facility rate?",
        REGISTER,
        ["27324"],
        context="cpt:27324",
        reader="guest",
        forbid=money(national("27324", "facility")),
    )
    ask(kind, "is E11.42 billable?", billable_fact("E11.42"), ["E11.42"], reader="guest")
    ask(
        kind,
        "How much does Medicare pay for 27447?",
        money(national("27447")),
        ["27447"],
        reader="registered",
    )
    expect, excluding = severity_fact("J96.01")
    ask(kind, "Is J96.01 a CC or MCC?", expect, ["J96.01", *excluding], reader="registered")


# --- The held-out quarter and the file -------------------------------------------------------


def question_hash(question: str) -> str:
    return hashlib.sha256(question.encode()).hexdigest()


def choose_held_out(items: list[dict]) -> None:
    """Exactly a quarter, spread over every kind: within each kind the items whose questions
    hash lowest (the issue's examples never), one at least; the remainder, to reach a quarter,
    by the lowest hash among the next candidates of each kind."""
    target = len(items) // 4
    assert len(items) % 4 == 0, f"{len(items)} items: a quarter must be whole"
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for item in items:
        if item["question"] not in ISSUE_EXAMPLES:
            by_kind[item["kind"]].append(item)
    chosen: list[dict] = []
    queues = {}
    for kind, candidates in by_kind.items():
        ordered = sorted(candidates, key=lambda item: question_hash(item["question"]))
        share = max(1, len(ordered) // 4)
        chosen += ordered[:share]
        queues[kind] = ordered[share:]
    spare = sorted(
        (queue[0] for queue in queues.values() if queue),
        key=lambda item: question_hash(item["question"]),
    )
    chosen += spare[: target - len(chosen)]
    assert len(chosen) == target, (len(chosen), target)
    held = {id(item) for item in chosen}
    for item in items:
        item["held_out"] = id(item) in held


def main() -> None:
    write_global_period()
    write_payments()
    write_rvus()
    write_indicators()
    write_statuses()
    write_grouping()
    write_tabular_facts()
    write_notes()
    write_modifiers()
    write_editors_sections()
    write_what_we_do_not_hold()
    write_words_that_are_not_codes()
    write_gates()
    questions = [item["question"] for item in ITEMS]
    for item in ITEMS:
        # An answer that only echoes its question must not pass.
        assert not re.search(item["expect"], item["question"], re.IGNORECASE), item["question"]
    assert len(questions) == len(set(questions)), Counter(questions).most_common(3)
    for item in ITEMS:
        re.compile(item["expect"])
        re.compile(item.get("forbid", ""))
    choose_held_out(ITEMS)
    OUTPUT.write_text(json.dumps(ITEMS, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    counts = Counter(item["kind"] for item in ITEMS)
    held = Counter(item["kind"] for item in ITEMS if item["held_out"])
    print(f"{len(ITEMS)} questions, {sum(held.values())} held out, written to {OUTPUT}")
    for kind, count in sorted(counts.items()):
        print(f"  {kind:<30} {count:3d}  held out {held[kind]}")


if __name__ == "__main__":
    main()
