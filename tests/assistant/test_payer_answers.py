"""CasePilot's answers to payer questions, from the payer policy records we hold."""

import pytest

from assistant.answers import answer_for, mail_asker
from assistant.questions import read_question
from consultant.drafting import draft_of
from tests.assistant.conftest import ask, ask_json
from tests.conftest import make_code, make_user
from tests.payers.conftest import make_policy_version

QUESTION = "Does Aetna require prior authorization for 27365?"


@pytest.fixture
def resection(cpt):
    return make_code("27365", cpt)


@pytest.fixture
def aetna_policy(resection):
    return make_policy_version("Aetna", "Bone tumor surgery", prior_authorization="required")


def test_a_payer_question_cites_the_record_and_its_verified_date(client, coder, aetna_policy):
    client.force_login(coder)

    payload = ask_json(client, QUESTION).json()

    texts = " ".join(sentence["text"] for sentence in payload["sentences"])
    assert "Aetna requires prior authorization for 27365" in texts
    assert "COVERAGE-CRITERIA-OF-Bone tumor surgery" in texts
    [source] = payload["sources"]
    assert source["title"] == "Aetna policy POL-1: Bone tumor surgery (verified Nov 2, 2026)"
    assert source["url"] == f"/codes/cpt/27365/payers/#policy-{aetna_policy.pk}"
    assert {sentence["citation"] for sentence in payload["sentences"]} == {1}


def test_a_payer_question_without_a_record_says_none_is_held(client, coder, aetna_policy):
    client.force_login(coder)

    payload = ask_json(client, "Does Humana require prior authorization for 27365?").json()

    assert [sentence["text"] for sentence in payload["sentences"]] == [
        "We hold no Humana policy for 27365."
    ]
    assert payload["sources"][0]["url"] == "/codes/cpt/27365/payers/"


def test_a_guest_asking_a_payer_question_gets_no_policy_text(client, aetna_policy):
    response = ask(client, QUESTION)

    body = response.content
    assert response.status_code == 200
    assert b"COVERAGE-CRITERIA-OF" not in body
    assert b"requires prior authorization" not in body
    assert b"Aetna policy on the payer overview" in body


def test_a_sample_record_is_never_given_as_the_payers_rule(client, coder, aetna_policy):
    aetna_policy.policy.is_sample = True
    aetna_policy.policy.save()
    client.force_login(coder)

    payload = ask_json(client, QUESTION).json()

    texts = [sentence["text"] for sentence in payload["sentences"]]
    assert texts[0] == "We hold no Aetna policy for 27365."
    assert "sample Aetna record for 27365, written for the demo" in texts[1]
    assert not any("requires prior authorization" in text for text in texts)
    assert payload["sources"][1]["title"].startswith("Sample record, not Aetna's policy")


def test_caseconsultant_drafts_from_the_record_for_an_account_that_reads_it(aetna_policy):
    staff = make_user("staff@example.org", is_staff=True)

    draft = draft_of(answer_for(mail_asker(staff), read_question(QUESTION)))

    assert draft["found"]
    assert "verified Nov 2, 2026" in draft["sources"][0]["title"]
    assert any("requires prior authorization" in each["text"] for each in draft["sentences"])


def test_caseconsultant_gives_no_policy_text_for_a_code_the_account_has_not_opened(
    aetna_policy, coder
):
    draft = draft_of(answer_for(mail_asker(coder), read_question(QUESTION)))

    assert draft["sentences"] == []
    assert draft["locked"][0]["title"] == "Aetna policy on the payer overview"
