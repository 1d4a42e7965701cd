"""CasePilot answers from the facts a code page shows: the fact first, in our words, citing the
part of the page that shows it; a fact the page locks is never told."""

import pytest

from assistant.indexing import rebuild_index
from assistant.models import IndexedSection
from lookup.models import Section
from tests.assistant.conftest import ask, ask_json
from tests.conftest import make_code, make_section


@pytest.fixture
def priced(cpt, fee_data):
    """CPT codes of the fee excerpts (tests/fees/data), with their fee sections."""
    return {number: make_code(number, cpt) for number in ["27323", "27324", "71046", "20206"]}


def first(payload: dict) -> tuple[str, str]:
    """The answer's first sentence and the URL it cites."""
    sentence = payload["sentences"][0]
    source = next(each for each in payload["sources"] if each["number"] == sentence["citation"])
    return sentence["text"], source["url"]


def assert_anchor_on_page(client, url: str) -> None:
    """The cited anchor is an element id on the code page the citation links to."""
    path, _, anchor = url.partition("#")
    assert f'id="{anchor}"' in client.get(path).content.decode()


@pytest.mark.parametrize(
    ("question", "fact", "url"),
    [
        (
            "What is the global period for 27323?",
            "27323 has a 10-day global period",
            "/codes/cpt/27323/#global-period",
        ),
        (
            "How much does Medicare pay for 27323?",
            "is $274.89 in an office (non-facility) and $157.65 in a facility",
            "/codes/cpt/27323/#medicare-payment",
        ),
        ("work rvu for 27324", "27324's RVUs: work 4.91", "/codes/cpt/27324/#rvus"),
        (
            "medicare rate for 27323 in alaska",
            "In the Medicare locality Alaska (AK), the physician fee schedule pays 27323 $320.59 "
            "in an office (non-facility) and $195.73 in a facility.",
            "/codes/cpt/27323/#medicare-payment",
        ),
        (
            "What's the OPPS payment for 27323?",
            "For 27323, the hospital outpatient (OPPS) rate is $1,687.37 (APC 5072, status J1).",
            "/codes/cpt/27323/#site-of-service",
        ),
        (
            "bilateral indicator 27323",
            "modifier 50 and Medicare pays 150%",
            "/codes/cpt/27323/#global-period",
        ),
        (
            "can 71046 be split with 26 and TC",
            "71046 has a professional component (modifier 26)",
            "/codes/cpt/71046/#global-period",
        ),
        (
            "does 27324 have an office rate",
            "nothing in an office (NA: no non-facility rate)",
            "/codes/cpt/27324/#medicare-payment",
        ),
    ],
)
def test_fee_question_states_the_fee_fact_first_citing_its_anchor(
    reader, priced, question, fact, url
):
    text, cited = first(ask_json(reader, question).json())

    assert fact in text
    assert cited == url
    assert_anchor_on_page(reader, cited)


def test_status_question_says_the_status_in_words(reader, cpt, fee_data):
    make_code("A4550", cpt)

    text, cited = first(ask_json(reader, "A4550 pfs status?").json())

    assert text.startswith("A4550 has physician fee schedule status B (bundled)")
    assert cited == "/codes/cpt/A4550/#rvus"


def test_cc_question_states_the_severity_citing_the_ms_drg_section(reader, icd_grouping):
    text, cited = first(ask_json(reader, "Is D66 a CC or an MCC?").json())

    assert text.startswith("D66 is an MCC (major complication or comorbidity) in MS-DRG")
    assert cited == "/codes/icd-10-cm/D66/#ms-drg"
    assert_anchor_on_page(reader, cited)


def test_principal_diagnosis_question_answers_from_the_exclusion_list(reader, icd_grouping, icd):
    make_code("A00.1", icd)

    text, cited = first(
        ask_json(reader, "Is A00.0 still a CC if the principal diagnosis is A00.1?").json()
    )

    assert text.startswith("No. With A00.1 as the principal diagnosis, A00.0 does not count")
    assert cited == "/codes/icd-10-cm/A00.0/#ms-drg"


def test_hcc_question_of_one_model_names_its_category(reader, icd_grouping):
    text, cited = first(ask_json(reader, "Which V28 HCC does C50.011 map to?").json())

    assert text.startswith("In CMS-HCC V28, C50.011 maps to HCC 22")
    assert "V24" not in text
    assert cited == "/codes/icd-10-cm/C50.011/#risk-adjustment"
    assert_anchor_on_page(reader, cited)


def test_billable_question_on_a_header_says_no(reader, icd_history):
    text, _ = first(ask_json(reader, "is H40.11 billable").json())

    assert text.startswith("No: H40.11 is a header, not billable")


def test_validity_question_answers_for_the_date_of_service(reader, icd_history):
    text, cited = first(ask_json(reader, "was U07.1 valid on 3/15/2020?").json())

    assert text == "No: U07.1 is not yet valid on March 15, 2020: it is valid from April 1, 2020."
    assert cited == "/codes/icd-10-cm/U07.1/#code-history"
    assert_anchor_on_page(reader, cited)


def test_history_question_names_the_codes_that_replaced_a_header(reader, icd_history):
    text, cited = first(ask_json(reader, "what replaced M35.8").json())

    assert text.startswith("M35.8 was reported until December 31, 2020")
    assert cited == "/codes/icd-10-cm/M35.8/#code-history"


def test_history_question_names_the_codes_added_in_place_of_a_deleted_code(reader, icd_history):
    text, cited = first(ask_json(reader, "what replaced I42.0").json())

    assert text.startswith("I42.0 was deleted in FY2027: its last valid day was September 30")
    assert "That update added more specific codes under it" in text
    assert text.endswith("I42.00.")
    assert cited == "/codes/icd-10-cm/I42.0/#code-history"


def test_index_states_the_codes_added_in_place_of_a_deleted_code(icd_history):
    rebuild_index()

    history = IndexedSection.objects.get(code__code="I42.0", kind="code-history").text
    assert "That update added more specific codes under it" in history
    assert "I42.00" in history


def test_note_question_quotes_the_note_the_code_inherits(reader, icd):
    category = make_code("N17", icd, billable=False)
    code = make_code("N17.9", icd, parent=category)
    make_section(
        category, Section.Kind.EXCLUDES1, title="Excludes1", body="- post-procedural (T79.5)",
        source=Section.Source.IMPORT,
    )  # fmt: skip

    text, cited = first(ask_json(reader, "excludes1 for N17.9").json())

    assert text == "The Excludes1 note of N17, which N17.9 inherits: post-procedural (T79.5)."
    assert cited == "/codes/icd-10-cm/N17.9/#excludes1"
    assert code.pk


def test_seventh_character_question_builds_the_full_code(reader, icd):
    code = make_code("T81.41", icd, billable=False)
    make_section(
        code, Section.Kind.SEVENTH_CHARACTER, title="7th character values",
        body="- A initial encounter\n- D subsequent encounter\n- S sequela",
        source=Section.Source.IMPORT,
    )  # fmt: skip

    text, cited = first(ask_json(reader, "T81.41 initial encounter full code?").json())

    assert text == "For initial encounter, the 7th character is A: T81.41XA."
    assert cited == "/codes/icd-10-cm/T81.41/#seventh-character"


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("What is the MUE for 27323?", "We do not hold CMS's medically unlikely edits (MUEs)"),
        (
            "Is there an NCCI edit between 27323 and 27324?",
            "We do not hold the NCCI procedure-to-procedure (PTP) edits",
        ),
        ("What is CPT code 99299?", "We hold no code 99299"),
    ],
)
def test_what_we_do_not_hold_is_said_in_one_sentence(reader, priced, question, sentence):
    payload = ask_json(reader, question).json()

    assert payload["sentences"][0]["text"].startswith(sentence)
    assert payload["sentences"][0]["citation"] == 0


def test_guest_asking_a_locked_payment_gets_its_locked_citation_and_no_figure(client, priced):
    response = ask(client, "How much does Medicare pay for 27323?")

    body = response.content
    for figure in [b"274.89", b"157.65", b"4.72", b"10-day"]:
        assert figure not in body
    assert b"/codes/cpt/27323/#medicare-payment" in body
    assert b"Register to view content" in body


def test_guest_asking_a_locked_severity_is_not_told_it(client, icd_grouping):
    body = ask(client, "is D66 a cc").content

    assert b"MCC (major" not in body
    assert b"/codes/icd-10-cm/D66/#ms-drg" in body


@pytest.mark.parametrize(
    "question",
    [
        "E/M same day as 27323 - need modifier?",
        "how many units for 30 mg",
        "is F32.0 an HCC under V28",
        "what is the RVU of 27323 for FY2026",
        "4 units on the same day",
    ],
)
def test_words_that_are_not_codes_never_become_codes(reader, priced, icd, question):
    for number in ["V28", "V28.0", "B96.0"]:
        make_code(number, icd)

    payload = ask_json(reader, question).json()

    codes = {source["code"] for source in payload["sources"]}
    codes |= {each["code"] for each in payload["search_results"]}
    assert not codes & {"V28", "V28.0", "B96.0"}
    assert not [code for code in codes if "." in code and code != "F32.0"]


def test_units_question_counts_the_units_of_a_dose(reader, cpt):
    make_code("J1885", cpt, long_descriptor="Injection, ketorolac tromethamine, per 15 mg")

    text, cited = first(ask_json(reader, "how many units of J1885 for 30 mg of ketorolac").json())

    assert (
        text == "J1885 is billed per 15 mg: one unit of J1885 is 15 mg, so 30 mg is 2 billed units."
    )
    assert cited == "/codes/cpt/J1885/#official-descriptor"
    assert_anchor_on_page(reader, cited)
