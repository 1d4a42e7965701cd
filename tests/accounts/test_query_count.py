"""The meter's cost in queries, for each kind of reader (budgets: guest 6, account 8), on the
real pages: each is asserted to be the page it should be, so that an error page can't pass."""

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
            response = client.get(url)
        assert response.status_code == 200
        assert "Body of the fees section of 27323." in response.content.decode()
    for code in others[:5]:
        client.get(url_of(code))
    with django_assert_max_num_queries(8):
        response = client.get(url_of(others[5]))
    html = response.content.decode()

    assert "Upgrade" in html
    assert response.status_code == 200
    assert '<span class="code-page__code">80005' in html
    assert "0 code page views remaining." in html and "Gated fees of 80005." not in html


def test_guest_pages_cost_at_most_six_queries_first_again_and_walled(
    client, cpt, icd, django_assert_max_num_queries
):
    build_busy_code(cpt, icd, related_count=20)
    other = make_codes(1, cpt)[0]

    pages = []
    for url in ["/codes/cpt/27323/", "/codes/cpt/27323/", url_of(other)]:
        with django_assert_max_num_queries(6):
            pages.append(client.get(url))

    assert [page.status_code for page in pages] == [200, 200, 200]
    opened, again, walled = (page.content.decode() for page in pages)
    # The code's own page (its related codes), then the other code's page behind the wall.
    assert 'href="/codes/icd-10-cm/D19.1/"' in opened and 'href="/codes/icd-10-cm/D19.1/"' in again
    assert '<span class="code-page__code">80000' in walled
    assert "0 code page views remaining." in walled and "Open guidance of 80000." not in walled
