"""The /assistant/ page without JavaScript, its JSON answers, headers, and the code page's box."""

import pytest

from tests.assistant.conftest import ask, ask_json


def test_assistant_page_shows_the_form_and_example_questions(client, db):
    html = client.get("/assistant/").content.decode()

    assert '<form class="casepilot-form" method="get" action="/assistant/"' in html
    assert '<label for="casepilot-q">Your question</label>' in html
    assert 'href="/assistant/?q=Can%2027323%20be%20billed%20with%2020206%3F"' in html
    assert "Ask about:" in html and "NCCI edits" in html and "Medicare coverage" in html


def test_answer_is_a_plain_get_page_that_can_be_linked(client, biopsy):
    response = client.get("/assistant/?q=what+is+27323")
    html = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert 'value="what is 27323"' in html
    assert "Biopsy, soft tissue of thigh or knee area; superficial" in html
    assert '<script src="/static/js/casepilot.js" defer></script>' in html
    assert "<script>" not in html  # no inline script: the site's CSP forbids it


def test_json_answer_carries_sentences_sources_and_the_html_fragment(client, biopsy):
    response = ask_json(client, "what is 27323")
    payload = response.json()

    assert response["Content-Type"] == "application/json"
    assert payload["found"] is True
    assert payload["sources"][0] == {
        "system": "cpt",
        "code": "27323",
        "number": 1,
        "title": "Official descriptor",
        "url": "/codes/cpt/27323/#official-heading",
        "edition": "2026",
    }
    assert payload["html"].lstrip().startswith('<section class="casepilot-answer"')


def test_format_parameter_also_asks_for_json(client, biopsy):
    response = client.get("/assistant/", {"q": "what is 27323", "format": "json"})

    assert response.json()["question"] == "what is 27323"


def test_answers_are_private_and_vary_by_cookie_and_accept(client, biopsy):
    response = ask(client, "what is 27323")

    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert {"Accept", "Cookie"} <= {part.strip() for part in response["Vary"].split(",")}
    assert '<meta name="robots" content="noindex">' in response.content.decode()


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "Type a question"),
        ("x" * 501, "use at most 500 characters"),
        ("what is 27323\x00", "characters we could not read"),
        ("what is 2732\u202e3", "invisible control characters"),
    ],
)
def test_bad_question_gets_a_clear_message_and_keeps_the_form(client, db, question, message):
    response = ask(client, question)
    html = response.content.decode()

    assert response.status_code == 400
    assert message in html
    assert 'aria-invalid="true"' in html


def test_bad_question_in_json_is_an_error_with_its_message(client, db):
    response = ask_json(client, "x" * 501)

    assert response.status_code == 400
    assert "use at most 500 characters" in response.json()["error"]


def test_undecodable_query_bytes_get_a_clear_message(client, db):
    response = client.get("/assistant/?q=what%20is%20%ff%fe27323")

    assert response.status_code == 400
    assert "characters we could not read" in response.content.decode()


def test_header_links_to_casepilot(client, db):
    html = client.get("/").content.decode()

    assert '<a href="/assistant/"><strong>CasePilot</strong>' in html


def test_code_page_question_box_asks_casepilot_about_that_code(client, biopsy):
    html = client.get("/codes/cpt/27323/").content.decode()

    assert "Have a question about CPT code 27323?" in html
    assert 'action="/assistant/"' in html
    assert '<input type="hidden" name="code" value="cpt:27323">' in html
    assert "Ask about:" in html
    assert 'href="/assistant/?q=What%20is%2027323%3F&amp;code=cpt%3A27323"' in html


def test_question_from_the_code_page_box_is_answered_about_that_code(client, biopsy):
    payload = ask_json(client, "what guidelines apply?", code="cpt:27323").json()

    assert payload["sources"][0]["url"] == "/codes/cpt/27323/#guidelines"
    assert payload["sentences"][0]["text"] == "UNGATED-GUIDELINE-TEXT"
