"""An answer that quotes a code opens it: one view, through the meter, exactly as its page."""

from accounts.models import Unlock
from tests.assistant.conftest import ask, ask_json
from tests.conftest import make_user


def unlocked_codes() -> list[str]:
    return sorted(Unlock.objects.values_list("code__code", flat=True))


def test_answer_quoting_a_code_uses_one_view_once(client, demo):
    ask_json(client, "What is CPT code 27323?")
    ask_json(client, "What does 27323 mean?")

    assert unlocked_codes() == ["27323"]


def test_guest_who_asked_about_a_code_reads_its_page_and_meets_the_wall_on_another(client, demo):
    ask(client, "What is CPT code 27323?")

    assert "An open biopsy of a lump" in client.get("/codes/cpt/27323/").content.decode()
    walled = client.get("/codes/cpt/27324/").content.decode()
    assert "An open biopsy of a lesion in the thigh or knee region" not in walled
    assert unlocked_codes() == ["27323"]


def test_answer_quoting_two_codes_uses_a_view_for_each(client, demo):
    client.force_login(make_user())
    payload = ask_json(client, "Can 27323 be billed with 20206?").json()

    assert {source["code"] for source in payload["sources"]} == {"27323", "20206"}
    assert unlocked_codes() == ["20206", "27323"]


def test_out_of_views_answer_leaves_the_code_out_and_says_so(client, demo):
    client.get("/codes/cpt/27323/")  # the guest's one view

    payload = ask_json(client, "What is CPT code 27324?").json()

    assert payload["sentences"] == [] and payload["sources"] == []
    assert "no code page views left" in payload["notices"][0]
    assert payload["locked"][0]["url"] == "/codes/cpt/27324/"
    assert "lesion in the thigh or knee region" not in ask(client, "what is 27324").content.decode()
    assert unlocked_codes() == ["27323"]


def test_out_of_views_answer_still_quotes_codes_already_opened(client, demo):
    client.get("/codes/cpt/27323/")

    payload = ask_json(client, "What is CPT code 27323?").json()

    assert payload["sources"][0]["url"] == "/codes/cpt/27323/#official-heading"


def test_codes_offered_as_search_results_use_no_view(client, demo):
    payload = ask_json(client, "biopsy spaceship").json()

    assert payload["search_results"]
    assert unlocked_codes() == []


def test_invalid_or_rate_limited_questions_use_no_view(client, demo, settings):
    settings.ASSISTANT_QUESTIONS_PER_MINUTE = 0
    ask_json(client, "")
    ask_json(client, "What is CPT code 27323?")

    assert unlocked_codes() == []


def test_prefetched_answer_uses_no_view(client, demo):
    response = ask(client, "What is CPT code 27323?", HTTP_SEC_PURPOSE="prefetch")

    assert response.status_code == 403
    assert unlocked_codes() == []


def test_staff_answers_are_never_counted(client, demo):
    client.force_login(make_user("staff@example.org", is_staff=True))
    ask_json(client, "Can 27323 be billed with 20206?")

    assert unlocked_codes() == []


def test_answer_fetched_by_our_own_script_opens_the_code_it_quotes(client, demo):
    payload = ask_json_from(client, "What is CPT code 27323?", site="same-origin").json()

    assert payload["sources"][0]["url"] == "/codes/cpt/27323/#official-heading"
    assert unlocked_codes() == ["27323"]


def test_answer_requested_by_another_site_opens_no_code(client, demo):
    """An <img> or fetch() on a hostile page must not spend the reader's or network's views."""
    response = ask_json_from(client, "What is CPT code 27323?", site="cross-site")

    assert response.status_code == 403
    assert b"An open biopsy of a lump" not in response.content
    assert unlocked_codes() == []


def ask_json_from(client, question: str, site: str):
    """Ask as a browser's fetch() does, with its fetch metadata headers."""
    return ask(
        client,
        question,
        HTTP_ACCEPT="application/json",
        HTTP_SEC_FETCH_DEST="empty",
        HTTP_SEC_FETCH_MODE="cors",
        HTTP_SEC_FETCH_SITE=site,
    )
