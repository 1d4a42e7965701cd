"""Database queries of the commonest requests, with sessions in the shared cache as production
keeps them (Redis): flat however much the catalogue and the meter's ledger hold."""

import pytest
from django.test import Client

from accounts.models import Unlock
from tests.conftest import make_code, make_section, make_user
from tests.pages.test_code_page_query_count import build_busy_code


@pytest.fixture(autouse=True)
def sessions_in_the_cache(settings):
    settings.SESSION_ENGINE = "accounts.sessions"


@pytest.fixture
def busy_code(cpt, icd, fee_data):
    return build_busy_code(cpt, icd, related_count=30)


def fill_the_ledger(codes: int, cpt) -> None:
    """Other readers' unlocks, so that the reader's own are a few rows among many."""
    others = [make_user(f"other{number}@example.org") for number in range(codes)]
    for number, other in enumerate(others):
        code = make_code(f"9{number:04d}", cpt)
        Unlock.objects.create(user=other, code=code, period="lifetime", slot=1)


def test_a_member_re_reading_an_unlocked_code_costs_no_query(
    busy_code, cpt, django_assert_num_queries
):
    fill_the_ledger(20, cpt)
    member = Client()
    member.force_login(make_user("member@example.org"))
    member.get("/codes/cpt/27323/")  # the view is spent
    member.get("/codes/cpt/27323/")  # the reader and its unlocks remembered, the page cached

    with django_assert_num_queries(0):
        html = member.get("/codes/cpt/27323/").content.decode()

    assert 'class="panel code-section"' in html and "$274.89" in html


def test_a_walled_guest_costs_at_most_one_query(busy_code, cpt, django_assert_max_num_queries):
    other = make_code("27324", cpt)
    make_section(other, "documentation", gated=True)
    guest = Client()
    guest.get("/codes/cpt/27324/")
    guest.get("/codes/cpt/27323/")  # walled; its unlocks remembered, the page cached

    with django_assert_max_num_queries(1):
        html = guest.get("/codes/cpt/27323/").content.decode()

    assert "0 code page views remaining" in html


def test_the_home_page_costs_no_query_once_cached(busy_code, django_assert_num_queries):
    Client().get("/")

    with django_assert_num_queries(0):
        html = Client().get("/").content.decode()

    assert "Code systems" in html


def test_a_guests_first_view_writes_in_one_transaction(
    busy_code, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    Client().get("/codes/cpt/27323/")  # another guest caches the page for first views

    with django_assert_max_num_queries(4) as context:
        html = Client().get("/codes/cpt/27323/").content.decode()

    assert "0 code page views remaining" in html
    statements = [query["sql"].split()[0].upper() for query in context.captured_queries]
    assert statements.count("INSERT") == 2  # the network's daily count and the unlock
