"""The autocomplete's answers are kept in the shared cache until the catalogue changes
(lookup/search/suggestions.py)."""

from lookup.selectors import catalogue_changed
from tests.conftest import make_code

from .test_search import catalogue, suggestions  # noqa: F401 (a fixture)


def test_the_same_letters_again_are_answered_without_a_search(
    client, catalogue, django_assert_num_queries  # noqa: F811
):
    first = suggestions(client, q="biopsy thig")

    with django_assert_num_queries(0):
        assert suggestions(client, q="biopsy thig") == first
    assert "27323" in [item["code"] for item in first]


def test_suggestions_follow_a_catalogue_change(client, catalogue, cpt):  # noqa: F811
    assert "27399" not in [item["code"] for item in suggestions(client, q="biopsy thig")]

    make_code("27399", cpt, short_descriptor="Biopsy thigh deep tissue")
    catalogue_changed()  # as the committed save does

    assert "27399" in [item["code"] for item in suggestions(client, q="biopsy thig")]


def test_each_system_keeps_its_own_suggestions(client, catalogue):  # noqa: F811
    assert suggestions(client, q="fracture")

    assert suggestions(client, q="fracture", system="cpt") == []
