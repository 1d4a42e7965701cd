"""An answer that quotes a code opens it, once, through the meter's own decide_access."""

import pytest

from accounts import metering
from accounts.metering import Access, AccessLevel
from tests.assistant.conftest import ask_json


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """The codes decide_access was asked about, in order, each call recorded."""
    calls = []
    real = metering.decide_access

    def recording(request, code):
        calls.append(code.code)
        return real(request, code)

    monkeypatch.setattr("assistant.answers.decide_access", recording)
    return calls


def test_answer_quoting_a_code_opens_it_once(client, demo, opened):
    ask_json(client, "What is CPT code 27323?")

    assert opened == ["27323"]


def test_answer_quoting_two_codes_opens_each_once(client, coder, demo, opened):
    client.force_login(coder)
    payload = ask_json(client, "Can 27323 be billed with 20206?").json()

    assert {source["code"] for source in payload["sources"]} == {"27323", "20206"}
    assert sorted(opened) == ["20206", "27323"]


def test_codes_offered_as_search_results_are_not_opened(client, demo, opened):
    payload = ask_json(client, "biopsy spaceship").json()

    assert payload["search_results"]
    assert opened == []


def test_invalid_or_rate_limited_questions_open_nothing(client, demo, opened, settings):
    settings.ASSISTANT_QUESTIONS_PER_MINUTE = 0
    ask_json(client, "")
    ask_json(client, "What is CPT code 27323?")

    assert opened == []


def test_out_of_allowance_answer_leaves_the_code_out_and_says_so(client, demo, monkeypatch):
    """Past the allowance the meter lets nothing of an unopened code be read (the wall)."""

    class Wall(Access):
        def can_read(self, section) -> bool:
            return False

    monkeypatch.setattr(
        "assistant.answers.decide_access", lambda request, code: Wall(AccessLevel.TEASER)
    )
    payload = ask_json(client, "What is CPT code 27323?").json()

    assert payload["sentences"] == []
    assert "no code page views left" in payload["notices"][0]
    assert payload["locked"][0]["url"] == "/codes/cpt/27323/"
