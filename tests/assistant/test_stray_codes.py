"""CasePilot suggests no code the question does not name or imply (issue 24): the answer element
neither links to nor names one, outside the citations that say where a quote comes from."""

import re
from html.parser import HTMLParser

import pytest

from lookup.models import Code
from tests.assistant.conftest import ask
from tests.conftest import make_code, make_section


class AnswerElement(HTMLParser):
    """What a reader sees in the element labelled "CasePilot's answer": its words outside the
    citations and sources (which name the page quoted), and the pages it links to."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.citation_depth = 0
        self.words = ""
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if not self.depth:
            self.depth = int(attributes.get("aria-label") == "CasePilot's answer")
            return
        self.depth += 1
        href = attributes.get("href") or ""
        if tag == "a" and "#" in href and not self.citation_depth:
            self.citation_depth = self.depth
        elif tag == "a" and href:
            self.links.append(href)

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if self.citation_depth == self.depth:
            self.citation_depth = 0
        self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.citation_depth:
            self.words += f" {data}"


def answer_element(response) -> AnswerElement:
    element = AnswerElement()
    element.feed(response.content.decode())
    element.words = " ".join(element.words.split())
    return element


CODE_SHAPED = re.compile(r"\b(?:[0-9]{4}[0-9FTU]|[A-Z][0-9]{4}|[A-Z][0-9][0-9A-Z]\.?[0-9A-Z]*)\b")


def catalogue_codes_in(words: str) -> set[str]:
    held = set(Code.objects.values_list("code", flat=True))
    return set(CODE_SHAPED.findall(words)) & held


def test_a_question_naming_no_code_quotes_no_sentence_naming_one(reader, demo, cpt):
    # Codes the demo pages' sentences about guidance name, held as the full catalogue holds them.
    for number in ["10021", "76942", "77002"]:
        make_code(number, cpt)

    element = answer_element(ask(reader, "is imaging guidance billed with needle biopsies"))

    assert "Sources" in element.words  # quotes answer it...
    assert catalogue_codes_in(element.words) == set()  # ...none naming a code we hold


@pytest.mark.parametrize(
    "question",
    [
        "what is the global period of a biopsy",
        "why would a biopsy claim be denied",
        "can a biopsy and an excision be billed the same day",
    ],
)
def test_a_question_about_a_rule_in_general_offers_no_codes_matching_its_words(
    client, cpt, question
):
    make_code("27323", cpt, short_descriptor="Biopsy, soft tissue of thigh or knee area")

    element = answer_element(ask(client, question))

    assert "Our code pages do not answer this question" in element.words
    assert "27323" not in element.words
    assert not [link for link in element.links if link.startswith("/codes/")]
    # A question asking for a code is still offered the codes its words find.
    asking = answer_element(ask(client, "which code for a biopsy of the thigh"))
    assert "/codes/cpt/27323/" in asking.links


def test_a_code_offered_is_not_titled_with_other_codes(client, cpt):
    """A CPT code without descriptor is titled by its range; a descriptor may name another
    code ("if performed with ERCP, use 43265")."""
    category = make_code("0500T-0599T", cpt, short_descriptor="Codes 0500T to 0599T")
    category.level = Code.Level.RANGE
    category.save()
    make_code("0547T", cpt, short_descriptor="", long_descriptor="", parent=category)
    make_code("0599T", cpt)
    make_code("43265", cpt)
    make_code(
        "S9034",
        cpt,
        short_descriptor="Extracorporeal shockwave lithotripsy for gall stones",
        long_descriptor="Extracorporeal shockwave lithotripsy for gall stones (if performed "
        "with ercp, use 43265)",
    )

    in_range = answer_element(ask(client, "global period of 0547T"))
    described = answer_element(ask(client, "S9034 billed x2 units same day, any edits"))

    assert "CPT 0547T" in in_range.words
    assert "0599T" not in in_range.words
    assert "CPT S9034 Extracorporeal shockwave lithotripsy for gall stones" in described.words
    assert "43265" not in described.words


def test_an_editors_sentence_naming_another_code_is_quoted_only_if_its_section_is_asked_for(
    reader, cpt
):
    asked = make_code("64483", cpt)
    make_code("77003", cpt)
    make_section(
        asked,
        "guidelines",
        body="Report 64483 once per level injected. Fluoroscopic guidance is included in 64483 "
        "and is not reported with 77003.",
    )

    # The sentence naming 77003 matches best, but the question asks for no part of the page.
    unasked = answer_element(ask(reader, "is fluoroscopic guidance included in 64483"))
    # The guidelines are what this question asks for: their mention of 77003 answers it.
    asked_for = answer_element(ask(reader, "guidelines on fluoroscopic guidance with 64483"))

    assert "77003" not in unasked.words
    assert "/codes/cpt/77003/" not in unasked.links
    assert "is not reported with 77003" in asked_for.words
