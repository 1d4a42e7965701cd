"""Gated text never reaches a guest through CasePilot: not quoted, not ranked, not hinted at."""

import pytest

from lookup.models import Section
from tests.assistant.conftest import ask, ask_json

QUESTIONS = [
    ("What is CPT code 27323?", ""),
    ("modifiers for 27323", ""),
    ("guidelines for 27324", ""),
    ("documentation requirements", "cpt:27324"),
    ("Can 27323 be billed with 20206?", ""),
    ("What does 8.23 RVU pay?", ""),
    ("denial reasons for A6402", ""),
    ("crosswalks for s72001a", ""),
    ("registered readers only", ""),
    ("knee lump biopsy documentation", ""),
]


@pytest.mark.parametrize(("question", "code"), QUESTIONS)
def test_no_guest_answer_holds_gated_text_in_html_or_json(client, marked_demo, question, code):
    page, payload = ask(client, question, code), ask_json(client, question, code)
    html, json_body = page.content.decode(), payload.content.decode()

    # The answers looked at are the intended ones: answered, to this question.
    assert page.status_code == 200 and 'class="casepilot-answer' in html
    assert payload.status_code == 200 and payload.json()["question"] == question
    for marker in marked_demo:
        assert marker not in html
        assert marker not in json_body
    assert "This fact is for registered readers" not in html + json_body


def test_registered_reader_gets_the_gated_text_the_guest_does_not(client, coder, marked_demo):
    guest = ask_json(client, "modifiers for 27323").json()
    client.force_login(coder)
    reader = ask_json(client, "modifiers for 27323").json()

    assert guest["sentences"] == []
    assert reader["sentences"][0]["text"] == "LT / RT: The lesion is on one side."


def test_guest_sees_a_locked_citation_with_a_register_link(client, demo):
    html = ask(client, "modifiers for 27323").content.decode()

    assert 'href="/codes/cpt/27323/#modifiers">CPT 27323: Modifiers</a>' in html
    assert 'href="/account/signup/?next=/codes/cpt/27323/%23modifiers"' in html
    assert "LT / RT" not in html


def test_locked_citation_in_json_names_the_section_but_holds_no_text(client, demo):
    payload = ask_json(client, "modifiers for 27323").json()

    assert payload["locked"] == [
        {
            "system": "cpt",
            "code": "27323",
            "title": "Modifiers",
            "url": "/codes/cpt/27323/#modifiers",
            "needs_account": True,
        }
    ]


def test_gated_words_do_not_steer_a_guest_answer(client, demo):
    """A guest probing for a word that only a gated section holds learns nothing of it."""
    section = Section.objects.get(code__code="27365", kind="coverage")
    section.body += "\n\nThe quokkaphrase rule applies."
    section.save()

    payload = ask_json(client, "quokkaphrase").json()

    assert payload["found"] is False
    assert payload["sources"] == [] and payload["locked"] == []
    assert "27365" not in ask(client, "quokkaphrase").content.decode().split("<main")[1]


def test_ungated_sections_answer_guests(client, demo):
    payload = ask_json(client, "guidelines for s72001a").json()

    assert payload["sentences"][0]["text"] == "Traumatic fracture only."


def test_a_gate_closed_by_a_bulk_update_holds_before_the_index_catches_up(client, biopsy):
    """The index's copy of a gate may lag behind a bulk write; answers obey the section's own."""
    Section.objects.filter(code=biopsy, kind="guidelines").update(gated=True)

    body = ask_json(client, "what guidelines apply?", code="cpt:27323").content.decode()

    assert "UNGATED-GUIDELINE-TEXT" not in body
