"""The meter's cost in queries, for each kind of reader (budgets: guest 6, account 8)."""

from tests.accounts.conftest import make_codes, url_of
from tests.conftest import make_user
from tests.pages.test_code_page_query_count import build_busy_code


def test_metered_account_pages_cost_at_most_eight_queries_first_again_and_walled(
    client, cpt, icd, fee_data, django_assert_max_num_queries
):
    build_busy_code(cpt, icd, related_count=20)
    others = make_codes(6, cpt)
    client.force_login(make_user())

    for url in ["/codes/cpt/27323/", "/codes/cpt/27323/"]:
        with django_assert_max_num_queries(8):
            client.get(url)
    for code in others[:5]:
        client.get(url_of(code))
    with django_assert_max_num_queries(8):
        html = client.get(url_of(others[5])).content.decode()

    assert "Upgrade" in html


def test_guest_pages_cost_at_most_six_queries_first_again_and_walled(
    client, cpt, icd, django_assert_max_num_queries
):
    build_busy_code(cpt, icd, related_count=20)
    other = make_codes(1, cpt)[0]

    for url in ["/codes/cpt/27323/", "/codes/cpt/27323/", url_of(other)]:
        with django_assert_max_num_queries(6):
            client.get(url)
