"""CasePilot's own page: what its search fallback searches for and what it tells a reader
whom nothing answers."""

from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string

from assistant.questions import read_question
from tests.assistant.conftest import ask


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("What's the difference between a biopsy and an excision?",
         ["difference", "between", "biopsy", "excision"]),
        ("What\u2019s the patient\u2019s biopsy?", ["patient", "biopsy"]),
        ("Why doesn't the biopsy count?", ["biopsy", "count"]),
    ],
)  # fmt: skip
def test_contractions_and_possessives_are_read_as_their_words(db, text, words):
    assert read_question(text).words == words


def test_search_fallback_never_searches_for_a_contractions_ending(reader, demo):
    html = ask(reader, "What's biopsy spaceship?").content.decode()

    assert 'href="/search/?q=biopsy%20spaceship"' in html
    assert "“s " not in html


@pytest.mark.parametrize(
    ("locked", "wording"),
    [
        ([], "Our code pages do not answer this question."),
        ([SimpleNamespace(url="/codes/cpt/27323/#guidelines", title="Guidelines")],
         "Nothing you can read on our code pages answers this question"),
    ],
)  # fmt: skip
def test_unanswered_wording_speaks_of_what_is_locked_only_when_something_is(locked, wording):
    # A code named but not answered, as for staff, who read everything (nothing locked).
    question = SimpleNamespace(text="27323 on the moon?", subject_codes=["27323"], words=[])
    answer = SimpleNamespace(question=question, found=False, notices=[], locked=locked)

    html = render_to_string("assistant/answer.html", {"answer": answer})

    assert wording in html
    assert ("you can read" in html) == bool(locked)
