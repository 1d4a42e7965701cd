"""The fact sections of a page (fees, MS-DRG, CMS-HCC, history, 7th characters) are in
CasePilot's index: quoted a sentence per table row, cited to their anchor, locked as on the
page, and rebuilt only where they changed."""

import re

from assistant.indexing import rebuild_index
from assistant.models import IndexedSection
from fees.models import FacilityRate, PhysicianFee
from lookup.models import Code, CodeHistory, Section
from tests.assistant.conftest import ask, ask_json
from tests.conftest import make_code, make_section

# Rows of a table run together: "58: ... 76: ...".
RUN_TOGETHER = re.compile(r"\b\w{2}: [^.]*\b\w{2}: ")


def fact_row(code: str, kind: str) -> IndexedSection:
    return IndexedSection.objects.get(code__code=code, kind=kind)


def test_a_fact_only_the_code_history_holds_is_quoted_with_its_anchor(client, coder, icd_grouping):
    # The history importer writes in bulk; the rebuild after it indexes the page's history.
    CodeHistory.objects.filter(code="I21.4").update(
        title_changes=[
            {"edition": 2025, "previous_edition": 2024, "before": "Subendocardial infarction",
             "after": "Non-ST elevation (NSTEMI) myocardial infarction"},
        ],
        title_revised_in=2025,
    )  # fmt: skip
    rebuild_index()
    client.force_login(coder)

    payload = ask_json(client, "Was the title of I21.4 changed, and what was it before?").json()

    quoted = [
        sentence
        for sentence in payload["sentences"]
        if "changed from “Subendocardial infarction”" in sentence["text"]
    ]
    assert quoted, payload["sentences"]
    source = payload["sources"][quoted[0]["citation"] - 1]
    assert source["url"] == "/codes/icd-10-cm/I21.4/#code-history"


def test_each_table_row_is_indexed_as_a_sentence_of_its_own(demo):
    rules = fact_row("27323", "fee-rules").text.splitlines()

    assert len(rules) >= 9  # status, global period and the seven payment indicators
    assert "27323 has a 10-day global period" in "\n".join(rules)
    for sentence in rules:
        assert sentence.endswith("."), sentence
        assert not RUN_TOGETHER.search(sentence), sentence
    assert fact_row("27323", "fee-rules").anchor == "global-period"
    payment = fact_row("27323", "fee-payment")
    assert payment.anchor == "medicare-payment"
    assert [line.split(" ", 1)[0] for line in payment.text.splitlines()] == [
        "Medicare's",
        "27323's",
    ]


def test_grouping_facts_are_indexed_one_sentence_per_model(icd_grouping):
    rebuild_index()
    hcc = fact_row("E11.9", "risk-adjustment")

    assert (hcc.anchor, hcc.gated) == ("risk-adjustment", True)
    lines = hcc.text.splitlines()
    assert [line.split(",")[0] for line in lines] == ["In CMS-HCC V28", "In CMS-HCC V24"]
    assert "E11.9 maps to HCC" in lines[0]
    assert "MS-DRG" in fact_row("I21.4", "ms-drg").text


def make_fracture_codes(icd) -> Section:
    """S72 with its 7th character note, and a code under it that takes one; the note."""
    category = make_code("S72", icd, billable=False, description="")
    note = make_section(
        category,
        Section.Kind.SEVENTH_CHARACTER,
        body="- A initial encounter for closed fracture\n- D subsequent encounter",
        gated=False,
    )
    header = make_code("S72.001", icd, billable=False, parent=category, description="")
    make_code("S72.001A", icd, parent=header, description="")
    return note


def test_a_code_taking_a_7th_character_has_each_value_with_its_full_code(icd):
    make_fracture_codes(icd)
    rebuild_index()

    row = fact_row("S72.001", "seventh-characters")

    assert row.anchor == "seventh-character"
    assert row.text.splitlines() == [
        "For initial encounter for closed fracture, the 7th character is A: S72.001A.",
        "For subsequent encounter, the 7th character is D: S72.001D.",
    ]


FEE_QUESTIONS = [
    "What is the global period for 27323?",
    "27323 rvus and national payment",
    "bilateral surgery indicator 27323",
]
GROUPING_QUESTIONS = [
    "Is I21.4 a CC or an MCC?",
    "I21.4 major complication secondary diagnosis",
    "Which HCC does E11.9 map to in V28?",
    "E11.9 risk adjustment model",
]


def assert_guest_never_told(client, questions: list[str], locked: list[str]) -> None:
    for question in questions:
        body = ask(client, question).content + ask_json(client, question).content
        for sentence in locked:
            assert sentence.encode() not in body, (question, sentence)


def test_an_editor_changing_a_7th_character_note_updates_the_codes_under_it(icd):
    note = make_fracture_codes(icd)
    rebuild_index()

    note.body = "- A initial encounter for closed fracture\n- S sequela"
    note.save()

    assert fact_row("S72.001", "seventh-characters").text.splitlines()[1] == (
        "For sequela, the 7th character is S: S72.001S."
    )


def test_a_guests_answer_holds_none_of_the_fee_facts_the_page_locks(client, demo):
    kinds = ["fee-rules", "fee-payment"]
    locked = [line for kind in kinds for line in fact_row("27323", kind).text.splitlines()]

    assert_guest_never_told(client, FEE_QUESTIONS, locked)


def test_a_guests_answer_holds_none_of_the_grouping_facts_the_page_locks(client, icd_grouping):
    rebuild_index()
    locked = [
        *fact_row("I21.4", "ms-drg").text.splitlines(),
        *fact_row("E11.9", "risk-adjustment").text.splitlines(),
    ]

    assert_guest_never_told(client, GROUPING_QUESTIONS, locked)
    assert_guest_never_told(client, GROUPING_QUESTIONS, ["is an MCC", "maps to HCC"])


def test_a_second_rebuild_writes_nothing_and_a_changed_fee_one_row(demo):
    rebuild_index()
    assert IndexedSection.objects.filter(kind="fee-rules").exists()

    again = rebuild_index()
    assert (again.added, again.updated, again.removed) == (0, 0, 0)

    PhysicianFee.objects.filter(hcpcs="27323", modifier="").update(global_days="090")
    changed = rebuild_index()

    assert (changed.added, changed.updated, changed.removed) == (0, 1, 0)
    assert "27323 has a 90-day global period" in fact_row("27323", "fee-rules").text


def test_a_code_that_is_no_longer_priced_loses_its_fee_rows(demo):
    PhysicianFee.objects.filter(hcpcs="27323").delete()
    FacilityRate.objects.filter(hcpcs="27323").delete()
    rebuild_index()

    code = Code.objects.get(system__slug="cpt", code="27323")
    assert not IndexedSection.objects.filter(code=code, kind__startswith="fee-").exists()
