"""CasePilot reads the many ways coders ask for a fact of one kind (indicators by modifier,
modifiers by their number, pairs of codes, codes we do not hold, a site of service, a date)
and says the fact first, citing where our pages show it; a guest is not told a locked one."""

import pytest

from assistant.subjects import modifiers_named_in
from lookup.models import Modifier
from tests.assistant.conftest import ask, ask_json
from tests.conftest import make_code, make_system


@pytest.fixture
def priced(cpt, fee_data):
    """CPT codes of the fee excerpts (tests/fees/data), with their fee sections."""
    numbers = ["20206", "21920", "27324", "27365", "71046", "99213"]
    return {number: make_code(number, cpt) for number in numbers}


@pytest.fixture
def modifier_list(db):
    """The HCPCS system whose page lists the modifiers, with one Level II modifier."""
    hcpcs = make_system("hcpcs")
    Modifier.objects.create(
        system=hcpcs,
        code="XS",
        short_descriptor="Separate structure",
        long_descriptor="Separate structure, a service that is distinct because it was "
        "performed on a separate organ/structure",
    )
    return hcpcs


def first(payload: dict) -> tuple[str, str]:
    """The answer's first sentence and the URL it cites ("" when it cites none)."""
    sentence = payload["sentences"][0]
    cited = [each["url"] for each in payload["sources"] if each["number"] == sentence["citation"]]
    return sentence["text"], (cited[0] if cited else "")


def assert_anchor_on_page(client, url: str) -> None:
    path, _, anchor = url.partition("#")
    assert f'id="{anchor}"' in client.get(path).content.decode()


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("mod 50 on 20206, paid at 150%?", "20206 has no bilateral adjustment"),
        ("27365-50 payment", "27365 may be billed as bilateral"),
        ("66 modifier on 27365?", "A surgical team is not paid on 27365"),
        ("does 71046 need a 26 when read at the hospital", "71046 has a professional component"),
        ("split billing for 71046", "71046 has a professional component"),
        ("which component is 71046", "71046 has a professional component"),
        ("pc indicator 71046", "71046 has a professional component"),
        ("first assist on 27365 - paid?", "Medicare pays an assistant at surgery on 27365"),
        ("mod 62 with 27365", "Medicare pays co-surgeons on 27365 (modifier 62) only with"),
    ],
)
def test_indicator_question_in_coders_words_states_the_indicator_first(
    reader, priced, question, fact
):
    text, cited = first(ask_json(reader, question).json())

    assert text.startswith(fact)
    assert cited.endswith("/#global-period")
    assert_anchor_on_page(reader, cited)


def test_guest_asking_an_indicator_gets_its_locked_part_and_not_the_fact(client, priced):
    body = ask(client, "mod 50 on 20206, paid at 150%?").content

    assert b"no bilateral adjustment" not in body and b"100% of its fee" not in body
    assert b"/codes/cpt/20206/#medicare-payment" in body
    assert b"Register to view content" in body


@pytest.mark.parametrize(
    ("question", "fact", "anchor"),
    [
        ("meaning of -76", "CPT modifier 76, repeat procedure by the same physician", "76"),
        ("when do I use modifier 57", "CPT modifier 57, decision for surgery", "57"),
        ("mod XS definition", "Modifier XS (HCPCS Level II) means: Separate structure", "XS"),
        ("which modifier for a reduced service", "CPT modifier 52, reduced services", "52"),
        ("modifier when the doctor repeats the procedure", "CPT modifier 76, repeat", "76"),
    ],
)
def test_modifier_question_says_what_it_means_citing_the_modifier_list(
    client, modifier_list, question, fact, anchor
):
    text, cited = first(ask_json(client, question).json())

    assert text.startswith(fact)
    assert cited == f"/codes/hcpcs/modifiers/#modifier-{anchor}"
    assert_anchor_on_page(client, cited)


@pytest.mark.parametrize(
    ("question", "modifiers"),
    [
        ("modifier 24 vs 79", ["CPT modifier 24,", "CPT modifier 79,"]),
        ("-76 vs XS", ["CPT modifier 76,", "Modifier XS (HCPCS Level II)"]),
        ("is XS the same as 59", ["Modifier XS (HCPCS Level II)", "CPT modifier 59,"]),
    ],
)
def test_both_modifiers_compared_are_explained(client, modifier_list, question, modifiers):
    payload = ask_json(client, question).json()

    texts = [sentence["text"] for sentence in payload["sentences"][:2]]
    assert [text[: len(start)] for text, start in zip(texts, modifiers, strict=True)] == modifiers
    assert payload["search_results"] == []


def test_abbreviations_in_capitals_are_not_read_as_modifiers(client, modifier_list):
    Modifier.objects.create(
        system=modifier_list, code="CC", short_descriptor="Procedure code change",
        long_descriptor="Procedure code change",
    )  # fmt: skip

    payload = ask_json(client, "is a CC the same as an MCC").json()

    assert not any("Modifier CC" in sentence["text"] for sentence in payload["sentences"])


@pytest.mark.parametrize(
    "question",
    [
        "can 20206 and 21920 go on one claim",
        "is 20206 inclusive of 21920",
        "20206 21920 cci edit",
        "20206 and 21920 - can both be billed",
    ],
)
def test_two_procedures_billed_together_are_told_we_hold_no_ncci_pairs(reader, priced, question):
    payload = ask_json(reader, question).json()

    assert payload["sentences"][0]["text"].startswith(
        "We do not hold the NCCI procedure-to-procedure (PTP) edits, so we cannot say whether "
        "an edit pairs 20206 and 21920"
    )
    assert payload["sentences"][0]["citation"] == 0


@pytest.mark.parametrize(
    "question", ["99213 alongside 20206", "is 99213 separately payable with 20206 same day"]
)
def test_visit_beside_a_procedure_gets_the_global_period_then_what_we_do_not_hold(
    reader, priced, question
):
    payload = ask_json(reader, question).json()

    texts = [sentence["text"] for sentence in payload["sentences"]]
    assert texts[0].startswith("20206 has a 0-day global period")
    assert texts[1].startswith("We do not hold the NCCI procedure-to-procedure (PTP) edits")


def test_code_we_do_not_hold_is_said_and_no_other_code_offered(reader, icd):
    make_code("K21.9", icd)
    make_code("K59.00", icd, short_descriptor="Constipation, a real code")

    payload = ask_json(reader, "is K21.99 a real code").json()

    assert payload["sentences"][0]["text"].startswith("We hold no code K21.99")
    assert payload["search_results"] == []
    assert not [each for each in payload["sources"] if each["code"] in ("K21.9", "K59.00")]


def test_surgery_center_rate_we_do_not_hold_is_said_before_the_rates_we_do(reader, priced):
    text, cited = first(ask_json(reader, "ambulatory surgery center payment 27324").json())

    assert text.startswith("We hold no ambulatory surgery center (ASC) rate for 27324")
    assert cited == "/codes/cpt/27324/#site-of-service"


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("U07.1 in 2019?", "No: U07.1 is not yet valid on January 1, 2019"),
        ("U07.1 ok for dos 2020-06-01", "Yes: U07.1 is valid on June 1, 2020"),
        ("does H40.11 need more digits", "No: H40.11 is a header, not billable"),
        ("H40.11 - does it take a 6th character", "No: H40.11 is a header, not billable"),
        ("can I submit E11.9 on a claim", "Yes: E11.9 is a billable code"),
        ("can H40.11 be used as a diagnosis", "No: H40.11 is a header, not billable"),
        ("H40.11 - higher level of specificity?", "No: H40.11 is a header, not billable"),
        ("is E11.9 payable as a primary diagnosis", "Yes: E11.9 is a billable code"),
        ("is H40.11 a complete code or a category", "No: H40.11 is a header, not billable"),
        ("which codes took over from M35.8", "M35.8 was reported until December 31, 2020"),
    ],
)
def test_catalogue_question_in_coders_words_states_the_fact_first(
    reader, icd_history, question, fact
):
    text, cited = first(ask_json(reader, question).json())

    assert text.startswith(fact)
    assert cited.startswith("/codes/icd-10-cm/")
    assert_anchor_on_page(reader, cited)


@pytest.mark.parametrize(
    ("text", "modifiers"),
    [
        ("27447-50 payment", ["50"]),
        ("what is -XS", ["XS"]),
        ("modifier 24 vs 79", ["24", "79"]),
        ("does 93306 need a 26", ["26"]),
        ("the AS modifier", ["AS"]),
        ("is it billable as is", []),
        ("follow-up visit in the 10-day global", []),
        ("dos 2026-10-22, 10-25 units", []),
        ("bill 2 units with 30 mg", []),
    ],
)
def test_modifiers_are_read_as_coders_write_them_and_numbers_are_not(text, modifiers):
    assert modifiers_named_in(text) == modifiers


def test_hcc_question_naming_both_models_answers_for_both(reader, icd_grouping):
    text, cited = first(ask_json(reader, "V24 vs V28 hcc for C50.011").json())

    assert "In CMS-HCC V28, C50.011 maps to" in text and "in CMS-HCC V24, C50.011 maps to" in text
    assert cited == "/codes/icd-10-cm/C50.011/#risk-adjustment"


def test_words_of_a_descriptor_do_not_make_a_billable_question(reader, priced):
    payload = ask_json(reader, "is 71046 complete or limited").json()

    assert not any("billable" in sentence["text"] for sentence in payload["sentences"])
