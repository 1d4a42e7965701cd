"""Every question shape on the demo catalogue, asked the way a browser without JavaScript asks."""

import re

import pytest

from tests.assistant.conftest import ask, ask_json

CITATION_LINK = re.compile(r'<a class="citation" href="(/codes/[^/]+/[^/]+/#[a-z-]+)"')


def cited_urls(payload: dict) -> list[str]:
    return [source["url"] for source in payload["sources"]]


def test_what_is_a_code_quotes_its_descriptor_and_description(reader, demo):
    payload = ask_json(reader, "What is CPT code 27323?").json()

    assert payload["shape"] == "definition"
    assert cited_urls(payload) == [
        "/codes/cpt/27323/#official-heading",
        "/codes/cpt/27323/#plain-heading",
    ]
    assert payload["sentences"][0] == {
        "text": "Biopsy, soft tissue of thigh or knee area; superficial",
        "citation": 1,
    }
    assert "above the deep fascia" in payload["sentences"][1]["text"]


@pytest.mark.parametrize("spelling", ["S72.001A", "s72001a", "s72.001a"])
def test_icd_code_in_any_spelling_gets_the_same_answer(reader, demo, spelling):
    payload = ask_json(reader, f"what is {spelling}").json()

    assert cited_urls(payload)[0] == "/codes/icd-10-cm/S72.001A/#official-heading"
    assert "closed fracture" in payload["sentences"][0]["text"]


def test_guidelines_question_cites_the_guidelines_section(reader, demo):
    payload = ask_json(reader, "guidelines for s72001a").json()

    assert cited_urls(payload) == ["/codes/icd-10-cm/S72.001A/#guidelines"]
    assert payload["sentences"][0]["text"] == "Traumatic fracture only."


def test_modifiers_question_quotes_the_modifier_table(reader, demo):
    payload = ask_json(reader, "modifiers for 27323").json()

    assert cited_urls(payload)[0] == "/codes/cpt/27323/#modifiers"
    assert payload["sentences"][0]["text"] == "LT / RT: The lesion is on one side."


def test_billed_with_question_draws_on_both_codes_bundling_sections(reader, demo):
    payload = ask_json(reader, "Can 27323 be billed with 20206?").json()

    urls = cited_urls(payload)
    assert payload["shape"] == "billed_with"
    assert "/codes/cpt/27323/#ncci" in urls and "/codes/cpt/20206/#ncci" in urls
    texts = " ".join(sentence["text"] for sentence in payload["sentences"])
    assert "includes the needle biopsy" in texts


def test_rvu_question_finds_the_fee_table_that_states_the_figure(reader, demo):
    payload = ask_json(reader, "What does 8.23 RVU pay?").json()

    assert cited_urls(payload) == ["/codes/cpt/27323/#fees"]
    texts = [sentence["text"] for sentence in payload["sentences"]]
    assert any("8.23 x 33.4009 = $274.89" in text for text in texts)


def test_question_asked_on_a_code_page_is_about_that_code(reader, demo):
    payload = ask_json(reader, "Which modifiers apply?", code="cpt:27324").json()

    assert cited_urls(payload)[0] == "/codes/cpt/27324/#modifiers"


def test_question_in_lay_words_finds_the_code_that_fits(reader, demo):
    payload = ask_json(reader, "medicare coverage for gauze").json()

    assert cited_urls(payload)[0] == "/codes/hcpcs/A6402/#coverage"


def test_every_sentence_links_its_citation_to_the_code_page_section(reader, demo):
    html = ask(reader, "documentation requirements for 27324").content.decode()

    links = CITATION_LINK.findall(html)
    assert links and set(links) == {"/codes/cpt/27324/#documentation"}


def test_sources_list_code_section_title_and_edition(reader, demo):
    html = ask(reader, "documentation requirements for 27324").content.decode()

    source = 'href="/codes/cpt/27324/#documentation">CPT 27324: Documentation requirements</a>'
    assert source in html
    assert "(edition 2026)" in html


def test_cited_anchors_exist_on_the_code_pages(reader, demo):
    payload = ask_json(reader, "what is 27323").json()

    for url in cited_urls(payload):
        path, anchor = url.split("#")
        assert f'id="{anchor}"' in reader.get(path).content.decode()


def test_question_nothing_answers_says_so_and_offers_search_results(reader, demo):
    response = ask(reader, "biopsy spaceship")
    html = response.content.decode()

    assert response.status_code == 200
    assert "Our code pages do not answer this question" in html
    assert 'href="/codes/cpt/27323/"' in html  # a biopsy code from the search results
    assert 'href="/search/?q=biopsy%20spaceship"' in html


def test_question_of_codes_alone_offers_no_empty_search_link(client, demo):
    client.get("/codes/cpt/27324/")  # the guest's one view goes elsewhere

    html = ask(client, "27323 and 20206").content.decode()

    assert "Codes that may help" in html
    assert "Search Case2Code for “”" not in html and 'href="/search/?q="' not in html


def test_nothing_found_in_json_lists_search_results_and_no_sentences(reader, demo):
    payload = ask_json(reader, "biopsy spaceship").json()

    assert payload["found"] is False and payload["sentences"] == []
    assert {
        "system": "cpt",
        "code": "27323",
        "title": "Biopsy, thigh/knee soft tissue, superficial",
        "url": "/codes/cpt/27323/",
    } in payload["search_results"]


def test_answers_are_deterministic(reader, demo):
    first = ask_json(reader, "knee lump biopsy").json()
    second = ask_json(reader, "knee lump biopsy").json()

    assert first == second
