"""The "Index terms" section of ICD-10-CM code pages: public CDC text, cached with the page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lookup.models import Code, IndexTerm


def code_page(client, code: str) -> str:
    response = client.get(f"/codes/icd-10-cm/{code}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_code_page_lists_the_index_terms_that_lead_to_it(client, index_catalogue):
    html = code_page(client, "N20.0")
    assert '<h2 id="index-terms-heading">Index terms</h2>' in html
    assert "<li>Calculus \u203a kidney</li>" in html
    assert "<li>Stone \u203a kidney</li>" in html
    assert "CDC National Center for Health Statistics, public domain" in html


def test_terms_leading_to_a_header_show_on_the_codes_under_it(client, index_catalogue):
    html = code_page(client, "L02.414")
    assert "Abscess \u203a arm" in html
    assert "(see Abscess, upper limb)" in html
    assert '→ <a href="/codes/icd-10-cm/L02.41/">L02.41-</a>' in html


def test_index_terms_are_read_once_per_cached_page_not_per_request(client, index_catalogue):
    code_page(client, "N20.0")
    with CaptureQueriesContext(connection) as context:
        html = code_page(client, "N20.0")
    assert "Stone \u203a kidney" in html
    assert not [query for query in context.captured_queries if "lookup_indexterm" in query["sql"]]


def test_many_index_terms_cost_no_more_queries(
    client, index_catalogue, django_assert_max_num_queries
):
    kidney = Code.objects.get(code="N20.0")
    IndexTerm.objects.bulk_create(
        IndexTerm(code=kidney, source="main", path=f"Nephrolithiasis \u203a form {number}",
                  index_code="N20.0", terms=f"nephrolithiasis | form {number}",
                  position=5000 + number)
        for number in range(300)
    )  # fmt: skip
    # As for any ICD-10-CM code page: a guest's view and its records, the catalogue part.
    with django_assert_max_num_queries(7):
        html = code_page(client, "N20.0")
    assert html.count("Nephrolithiasis \u203a form") == 40 - 2  # the page lists forty
