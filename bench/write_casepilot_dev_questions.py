"""Write bench/casepilot_dev_questions.json: CasePilot's development questions of the kinds
its held-out figure misses most (billable, the PFS indicators, modifiers, NCCI pairs, codes
we do not hold, payment by site of service, validity and history, words that are not codes).

Written after the evaluation set was frozen, in new wordings, to tune on instead of it; the
facts each answer must state are read from the data files by casepilot_facts.py, as for the
evaluation set. Nothing here is held out: tune on it freely.

    .venv/bin/python bench/write_casepilot_dev_questions.py
"""

import json
from datetime import date
from pathlib import Path

from casepilot_facts import (
    ASSISTANT,
    BILATERAL,
    CO_SURGEONS,
    GLOBAL_PERIOD,
    MULTIPLE_PROCEDURE,
    PC_TC,
    REGISTER,
    TEAM_SURGERY,
    all_of,
    any_of,
    billable_fact,
    facility_rates,
    hcc_fact,
    hcpcs_fact,
    indicator_fact,
    modifier_fact,
    money,
    national,
    not_priced_in_office,
    replaced_by,
    severity_fact,
    unknown_code_fact,
    validity_fact,
    we_hold_no,
)
from write_casepilot_questions import ITEMS, ask

OUTPUT = Path(__file__).resolve().parent / "casepilot_dev_questions.json"
NCCI_PAIRS = r"\bNCCI\b|\bPTP\b|procedure-to-procedure|\bpairs?\b|\bedits?\b"


def write_billable():
    for question, code in [
        ("M54.5 billable?", "M54.5"),
        ("can I code J45.90 or do I need more digits", "J45.90"),
        ("is K21.9 a billable dx code", "K21.9"),
        ("S72.001 ok to bill without a 7th character?", "S72.001"),
        ("header or billable: F32.A", "F32.A"),
        ("is Z00.0 reportable on a claim", "Z00.0"),
        ("does E66.0 need another digit", "E66.0"),
    ]:
        ask("billable", question, billable_fact(code))
    ask(
        "billable",
        "can this dx be billed as is?",
        billable_fact("I50.22"),
        context="icd-10-cm:I50.22",
    )


def write_indicators():
    for question, code in [
        ("64483 both sides, how is it paid", "64483"),
        ("bilateral payment rule for 69436", "69436"),
        ("is 73565 already a bilateral code", "73565"),
        ("mod 50 with 27130 - paid at 150?", "27130"),
        ("bilat surgery indicator 63047", "63047"),
        ("how does medicare pay 29881 done on both knees", "29881"),
    ]:
        ask("indicator-bilateral", question, indicator_fact(BILATERAL, "bilateral", code))
    for question, code in [
        ("does 72148 have a professional component", "72148"),
        ("can i append TC to 93010", "93010"),
        ("professional vs technical split for 76700", "76700"),
        ("is modifier 26 allowed on 99213", "99213"),
        ("93005 - technical only?", "93005"),
        ("pc/tc indicator 93000", "93000"),
    ]:
        ask("indicator-pc-tc", question, indicator_fact(PC_TC, "pctc", code))
    for question, code in [
        ("will medicare pay modifier 80 on 27130", "27130"),
        ("assistant surgeon allowed for 29881?", "29881"),
        ("can a PA assist on 63047 and get paid (AS modifier)", "63047"),
        ("asst at surgery indicator 20610", "20610"),
        ("is modifier 82 payable for 47562", "47562"),
    ]:
        ask("indicator-assistant", question, indicator_fact(ASSISTANT, "assistant", code))
    for question, code in [
        ("co-surgeons on 22633 - paid?", "22633"),
        ("can two surgeons bill 62 on 61510", "61510"),
        ("cosurgery indicator 27130", "27130"),
        ("mod 62 allowed for 33405?", "33405"),
        ("does medicare pay co-surgery for 20610", "20610"),
    ]:
        ask("indicator-co-surgeon", question, indicator_fact(CO_SURGEONS, "co_surgeons", code))
    for question, code in [
        ("is team surgery paid on 27447", "27447"),
        ("66 modifier with 61581", "61581"),
        ("team surg indicator 33362", "33362"),
        ("can a surgical team bill 22818", "22818"),
    ]:
        ask("indicator-team-surgery", question, indicator_fact(TEAM_SURGERY, "team", code))
    ask(
        "gate",
        "bilateral indicator 64483",
        REGISTER,
        reader="guest",
        forbid=indicator_fact(BILATERAL, "bilateral", "64483"),
    )


def write_modifiers():
    ask("modifier", "what's the meaning of modifier 59", r"separate|distinct")
    ask("modifier", "mod XS definition", modifier_fact("XS", "separate (?:organ|structure)"))
    ask("modifier", "what is the GA modifier for", modifier_fact("GA", "waiver of liability"))
    ask("modifier", "explain modifier 76", r"repeat")
    ask("modifier", "-LT modifier meaning", modifier_fact("LT", "left side"))
    ask("modifier", "GZ mod?", modifier_fact("GZ", "expected to be denied"))
    ask(
        "modifier",
        "what does the 91 modifier mean",
        any_of(r"(?:\b(?:no|not|never|none|neither|cannot)\b|n't\b)[^.]{0,80}\b91\b", r"repeat"),
    )


def write_ncci_pairs():
    for question in [
        "are 20610 and 76942 an ncci pair",
        "does 11042 bundle with 97597",
        "43239 and 43235 together - ncci edit?",
        "column 1 / column 2 edit for 99214 and 36415",
        "can 29881 and 29877 be billed together",
        "is 97140 bundled into 97530",
    ]:
        ask("ncci", question, we_hold_no(NCCI_PAIRS))


def write_unknown_codes():
    for question, code in [
        ("is Z99.99 a valid code", "Z99.99"),
        ("cpt 99999 description", "99999"),
        ("what is K21.99", "K21.99"),
        ("M54.53 billable?", "M54.53"),
        ("look up icd code R69.95", "R69.95"),
    ]:
        # A code under the same category is close enough to offer for an ICD-10-CM typo.
        category = [code[:3]] if "." in code else []
        ask("unknown-code", question, unknown_code_fact(code), category)


def write_payments_by_site():
    ask(
        "payment-site",
        "facility vs non facility rate 20610",
        any_of(money(national("20610", "facility")), money(national("20610"))),
    )
    ask("payment-site", "what does 99214 pay in the office", money(national("99214")))
    ask("payment-site", "11042 non-facility payment", money(national("11042")))
    ask("payment-site", "does 27447 have a non-facility price", not_priced_in_office("27447"))
    ask("payment-site", "27130 pays what in a facility", money(national("27130", "facility")))
    ask(
        "payment-site",
        "OPPS APC payment 27365 hospital outpatient",
        money(facility_rates("opps-addendum-b-excerpt.csv")["27365"]),
    )
    ask(
        "payment-site",
        "ambulatory surgery center payment for 27324",
        r"(?:\b(?:no|not|never|none|neither|cannot)\b|n't\b)[^.]{0,80}(?:\bASC\b|surgery center)",
    )


def write_validity_and_history():
    for question, code, day in [
        ("was M54.5 valid on 10/15/2021", "M54.5", date(2021, 10, 15)),
        ("is K21.0 ok to use for dos 2019-06-01", "K21.0", date(2019, 6, 1)),
        ("F32.A for a date of service of March 3, 2021?", "F32.A", date(2021, 3, 3)),
        ("can i still use I48.1 for DOS 1/2/2025", "I48.1", date(2025, 1, 2)),
    ]:
        ask("validity", question, validity_fact(code, day))
    for question, code in [
        ("what replaced N18.3", "N18.3"),
        ("R05 was deleted - which codes now", "R05"),
        ("E78.0 got expanded, what are the new codes", "E78.0"),
    ]:
        expect, successors = replaced_by(code)
        ask("history", question, expect, successors)


def write_words_that_are_not_codes():
    ask("not-a-code", "V24 hcc for I50.22", hcc_fact("I50.22", "V24"))
    expect, excluding = severity_fact("J96.01")
    ask("not-a-code", "FY2026 mcc status of J96.01", expect, excluding)
    ask(
        "not-a-code",
        "E&M on same day as 11042 debridement - do I need a modifier",
        any_of(
            r"modifier\W{0,3}25|-25\b|\b25 modifier|separately identifiable", GLOBAL_PERIOD["000"]
        ),
    )
    ask("not-a-code", "99214 rate in 2026, 2 units", money(national("99214")))


def write_second_batch():
    """Written after the first round of changes, in new wordings, to check that they hold
    beyond the questions they were made on."""
    for question, code, context in [
        ("I25.10 - billable or do I need to go further", "I25.10", ""),
        ("is R10.1 codeable", "R10.1", ""),
        ("E11 by itself ok?", "E11", ""),
        ("can R51 be used as a dx or is it a category", "R51", ""),
        ("billable status of Z79.899", "Z79.899", ""),
        ("H40.11 - is it a valid billing code", "H40.11", ""),
        ("is it billable?", "M79.6", "icd-10-cm:M79.6"),
    ]:
        ask("billable", question, billable_fact(code), context=context)
    for question, code in [
        ("radiologist reading 71046 - which modifier", "71046"),
        ("global billing 73030 or split?", "73030"),
        ("does 93306 need a 26 when read in the hospital", "93306"),
        ("is 88305 split into professional and technical", "88305"),
        ("interpretation only for 93010", "93010"),
        ("TC for 77067?", "77067"),
    ]:
        ask("indicator-pc-tc", question, indicator_fact(PC_TC, "pctc", code))
    ask("indicator-bilateral", "27447-50 payment", indicator_fact(BILATERAL, "bilateral", "27447"))
    ask(
        "indicator-bilateral",
        "20552 right and left",
        indicator_fact(BILATERAL, "bilateral", "20552"),
    )
    ask(
        "indicator-team-surgery",
        "61581 team of surgeons",
        indicator_fact(TEAM_SURGERY, "team", "61581"),
    )
    ask(
        "indicator-assistant",
        "first assist on 47562 covered?",
        indicator_fact(ASSISTANT, "assistant", "47562"),
    )
    ask(
        "indicator-multiple-procedure",
        "is 20552 reduced with mod 51",
        indicator_fact(MULTIPLE_PROCEDURE, "multiple", "20552"),
    )
    ask("modifier", "when should I use modifier 57", r"decision (?:for|to do)")
    ask("modifier", "modifier 24 vs 79", all_of(r"\bunrelated\b", r"\b24\b", r"\b79\b"))
    ask("modifier", "XE vs XP modifiers", modifier_fact("XE", "separate encounter"))
    ask("modifier", "what's mod 95 for", r"audio and video|telemedicine")
    ask("modifier", "JZ modifier?", modifier_fact("JZ", "zero drug amount"))
    ask("modifier", "meaning of -78", r"return to the operating")
    ncci = we_hold_no(NCCI_PAIRS)
    for question in [
        "will 11721 and G0127 get denied if billed together",
        "can you report 36415 and 36416 on the same claim",
        "is 64483 inclusive of 77003",
        "CCI edit 20552 20553",
    ]:
        ask("ncci", question, ncci)
    ask("ncci", "do 97110 and 97140 need modifier 59", any_of(ncci, r"distinct|separate"))
    for question, code in [
        ("describe code 0000T", "0000T"),
        ("is 1234F a real code", "1234F"),
        ("R69.9 dx", "R69.9"),
    ]:
        category = [code[:3]] if "." in code else []
        ask("unknown-code", question, unknown_code_fact(code), category)
    ask("not-a-code", "J1100 4 mg how many units", r"\b4 (?:billed )?units|per 1 ?mg")
    ask("not-a-code", "units for 10 mg J3301", hcpcs_fact("J3301", "10 mg"))
    ask("not-a-code", "HCC V28 for E11.9", hcc_fact("E11.9", "V28"))
    ask(
        "not-a-code",
        "E/M and 20552 on the same date",
        any_of(r"modifier\W{0,3}25|separately identifiable", GLOBAL_PERIOD["000"]),
    )
    expect, excluding = severity_fact("N17.9")
    ask("not-a-code", "what's the FY 2026 DRG severity for N17.9", expect, excluding)
    ask("validity", "was E66.811 around in 2023", validity_fact("E66.811", date(2023, 1, 1)))
    ask("validity", "can I use M54.5 after 10/1/2021", validity_fact("M54.5", date(2021, 10, 1)))
    ask("validity", "Z68.55 ok for DOS 12/2/2025?", validity_fact("Z68.55", date(2025, 12, 2)))
    expect, successors = replaced_by("R10.2")
    ask("history", "which codes took over from R10.2", expect, successors)
    expect, successors = replaced_by("M54.5")
    ask("history", "M54.5 successor codes", expect, successors)
    ask(
        "payment-site",
        "27323 ASC vs hospital outpatient",
        money(facility_rates("asc-addendum-aa-excerpt.csv")["27323"]),
    )
    ask("payment-site", "99213 POS 11 vs POS 22 payment", money(national("99213")))
    ask(
        "payment-site",
        "what is the APC rate for 27324",
        money(facility_rates("opps-addendum-b-excerpt.csv")["27324"]),
    )
    ask("payment-site", "office-based rate for 20611", money(national("20611")))
    ask(
        "payment-site",
        "hopd payment for 99214",
        r"(?:\b(?:no|not|never|none|neither|cannot)\b|n't\b)[^.]{0,80}(?:OPPS|outpatient)",
    )
    ask(
        "gate",
        "is 27447 paid bilaterally",
        REGISTER,
        reader="guest",
        forbid=indicator_fact(BILATERAL, "bilateral", "27447"),
    )


def write_third_batch():
    """Written after the second round of changes, in new wordings again."""
    for question, code in [
        ("Can I submit I10 on a claim", "I10"),
        ("is N18 specific enough to bill", "N18"),
        ("R10 - valid dx?", "R10"),
        ("Does M17.1 require a 6th character", "M17.1"),
        ("is Z51.11 a complete code", "Z51.11"),
    ]:
        ask("billable", question, billable_fact(code))
    for question, code in [
        ("can the hospital bill the technical portion of 71046", "71046"),
        ("who bills 26 vs TC on 74177", "74177"),
        ("split billing for 93306", "93306"),
        ("is 93000 a global-only code", "93000"),
    ]:
        ask("indicator-pc-tc", question, indicator_fact(PC_TC, "pctc", code))
    ask("modifier", "when do you append modifier 22", r"substantially greater|increased")
    ask("modifier", "what are modifiers 54 and 55", all_of(r"surgical care only", r"postoperative"))
    ask("modifier", "-25 on a preventive visit?", r"separately identifiable")
    ask("modifier", "what does RT mean", modifier_fact("RT", "right side"))
    ask("modifier", "KX modifier requirements", modifier_fact("KX", "requirements specified"))
    ncci = we_hold_no(NCCI_PAIRS)
    for question in [
        "20610 + 76942 same day ok?",
        "is 36415 bundled with 99214",
        "97530 and 97140 together",
        "can I code 11042 and 97597 for the same wound",
    ]:
        ask("ncci", question, ncci)
    ask("not-a-code", "J1885 30mg", r"15 ?mg")
    ask("not-a-code", "V24 vs V28 HCC for E11.42", hcc_fact("E11.42"))
    ask("not-a-code", "is E/M 99214 payable with a 25", money(national("99214")))


def write_fourth_batch():
    """Written after the third round of changes: modifiers asked for by what they do, codes
    asked about with a plain verb, components named in words."""
    ask("modifier", "what modifier for a repeat procedure by the same doctor", r"\b76\b")
    ask("modifier", "which modifier means reduced services", r"\b52\b")
    ask("modifier", "modifier for a discontinued procedure", r"\b53\b")
    ask("modifier", "telehealth video modifier", r"\b95\b")
    for question, code in [
        ("can D64.9 be used as a diagnosis", "D64.9"),
        ("can I code E11.6", "E11.6"),
        ("does R10.1 have more specific codes", "R10.1"),
    ]:
        ask("billable", question, billable_fact(code))
    for question, code in [
        ("which component does 93010 represent", "93010"),
        ("does 71046 split", "71046"),
        ("can a radiologist bill 72148-26", "72148"),
    ]:
        ask("indicator-pc-tc", question, indicator_fact(PC_TC, "pctc", code))


def write_fifth_batch():
    """Written after the fourth round of changes, in new wordings again."""
    for question, code in [
        ("is K21.9 payable as a primary diagnosis", "K21.9"),
        ("do I need to go to a higher level of specificity for E11.3", "E11.3"),
        ("is S72.001A complete or do I need more", "S72.001A"),
        ("M79.60 - OK to report?", "M79.60"),
    ]:
        ask("billable", question, billable_fact(code))
    for question, code in [
        ("pc indicator 76536", "76536"),
        ("77080 - 26 or TC?", "77080"),
        ("who gets paid the technical part of 93880", "93880"),
    ]:
        ask("indicator-pc-tc", question, indicator_fact(PC_TC, "pctc", code))
    ask("modifier", "what's the 33 modifier", r"preventive")
    ask("modifier", "modifier -GY", modifier_fact("GY", "statutorily excluded"))
    ask(
        "not-a-code",
        "is 99214 separately payable with 20611 same day",
        any_of(r"modifier\W{0,3}25|separately identifiable", GLOBAL_PERIOD["000"]),
    )
    ask("ncci", "11042 and 11045 - can both be billed", we_hold_no(NCCI_PAIRS))
    ask("ncci", "any edit between 27130 and 20610?", we_hold_no(NCCI_PAIRS))
    ask("unknown-code", "what is code Z00.999", unknown_code_fact("Z00.999"), ["Z00"])
    ask("payment-site", "27447 facility vs office payment", not_priced_in_office("27447"))
    ask("validity", "E66.811 valid in FY2024?", validity_fact("E66.811", date(2023, 10, 1)))


def main() -> None:
    write_billable()
    write_indicators()
    write_modifiers()
    write_ncci_pairs()
    write_unknown_codes()
    write_payments_by_site()
    write_validity_and_history()
    write_words_that_are_not_codes()
    write_second_batch()
    write_third_batch()
    write_fourth_batch()
    write_fifth_batch()
    items = [item | {"held_out": False} for item in ITEMS]
    OUTPUT.write_text(json.dumps(items, indent=1) + "\n")
    print(f"{OUTPUT.name}: {len(items)} questions")


if __name__ == "__main__":
    main()
