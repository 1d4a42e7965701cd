from tests.assistant.conftest import ask_json
from tests.conftest import make_code, make_section

KINDS = ["guidelines", "documentation", "modifiers", "crosswalks", "ncci", "coverage", "fees"]


def add_codes(cpt, start: int, count: int) -> None:
    for number in range(start, start + count):
        code = make_code(f"3{number:04d}", cpt, long_descriptor=f"Biopsy of site {number}")
        for kind in KINDS:
            make_section(code, kind, body=f"Biopsy {kind} note {number}.", gated=False)


def queries_for(client, question, django_assert_max_num_queries, limit) -> None:
    with django_assert_max_num_queries(limit):
        assert ask_json(client, question).status_code == 200


def test_answer_costs_a_bounded_number_of_queries_however_big_the_catalogue(
    client, coder, cpt, django_assert_max_num_queries
):
    client.force_login(coder)
    add_codes(cpt, 0, 3)
    for question in ["what is 30001", "biopsy site modifiers", "can 30001 be billed with 30002"]:
        queries_for(client, question, django_assert_max_num_queries, 16)
    add_codes(cpt, 3, 40)
    for question in ["what is 30001", "biopsy site modifiers", "can 30001 be billed with 30002"]:
        queries_for(client, question, django_assert_max_num_queries, 16)
