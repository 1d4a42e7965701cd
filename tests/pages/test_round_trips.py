"""Cache round trips and queries of the commonest requests over a real Redis, as gunicorn
serves them: a member re-reading a code makes one (the session, the reader, their unlocks
and the gate together), the home page none, a walled guest one, then none. Whatever each
process keeps of its own, a change reaches the very next request: an editor's save, a
logout, a password or plan change."""

import contextlib

import pytest
import redis
from allauth.account.models import EmailAddress
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import Unlock, User
from accounts.sessions import SIGNED_IN_HINT_COOKIE
from accounts.visitors import WALL_COOKIE
from lookup.models import Section
from lookup.selectors import CATALOGUE_GENERATION
from tests.accounts.conftest import make_codes, url_of
from tests.config.conftest import redis_url  # noqa: F401  (a fixture: a Redis of its own)
from tests.conftest import make_user

pytestmark = pytest.mark.server


@pytest.fixture(autouse=True)
def served_as_gunicorn_serves(settings, redis_url):  # noqa: F811
    """Redis for the cache, readers and sessions; this process listening to it."""
    settings.CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": redis_url}
    }
    settings.CACHE_READERS = True
    settings.SESSION_ENGINE = "accounts.sessions"
    CATALOGUE_GENERATION.heard()  # gives up an earlier test's subscription, to a Redis now gone
    assert CATALOGUE_GENERATION.heard() is not None


@pytest.fixture
def codes(cpt):
    return make_codes(3, cpt)


@contextlib.contextmanager
def counted(monkeypatch):
    """Count the Redis round trips (commands and pipelines) and the queries made inside."""
    trips = {"count": 0}
    command, pipeline = redis.Redis.execute_command, redis.client.Pipeline.execute

    def counted_command(self, *args, **kwargs):
        trips["count"] += 1
        return command(self, *args, **kwargs)

    def counted_pipeline(self, *args, **kwargs):
        trips["count"] += 1
        return pipeline(self, *args, **kwargs)

    with monkeypatch.context() as patch, CaptureQueriesContext(connection) as queries:
        patch.setattr(redis.Redis, "execute_command", counted_command)
        patch.setattr(redis.client.Pipeline, "execute", counted_pipeline)
        trips["queries"] = queries
        yield trips


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_member_re_reading_a_code_makes_one_round_trip_and_no_query(codes, monkeypatch):
    member = signed_in(make_user())
    member.get(url_of(codes[0]))  # the view is spent
    member.get(url_of(codes[0]))

    with counted(monkeypatch) as trips:
        html = member.get(url_of(codes[0])).content.decode()

    assert "Gated fees of 80000." in html
    assert len(trips["queries"]) == 0 and trips["count"] == 1


def test_a_member_without_the_hint_cookie_reads_as_before_in_two_round_trips(codes, monkeypatch):
    member = signed_in(make_user())
    member.get(url_of(codes[0]))
    member.get(url_of(codes[0]))
    del member.cookies[SIGNED_IN_HINT_COOKIE]

    with counted(monkeypatch) as trips:
        html = member.get(url_of(codes[0])).content.decode()

    assert "Gated fees of 80000." in html
    assert len(trips["queries"]) == 0 and trips["count"] == 2
    assert member.cookies[SIGNED_IN_HINT_COOKIE].value.isdigit()  # set again


def test_a_hint_naming_another_account_never_lends_its_access(codes, settings):
    settings.METER_FREE_VIEWS = 1  # a free account walled after two codes
    premium = signed_in(make_user("premium@example.org", plan=User.Plan.PREMIUM))
    premium.get(url_of(codes[0]))
    walled = signed_in(make_user("walled@example.org"))
    for code in codes:
        walled.get(url_of(code))
    assert "0 code page views remaining." in walled.get(url_of(codes[2])).content.decode()

    walled.cookies[SIGNED_IN_HINT_COOKIE] = premium.cookies[SIGNED_IN_HINT_COOKIE].value
    html = walled.get(url_of(codes[2])).content.decode()

    assert "0 code page views remaining." in html and "Gated fees of 80002." not in html
    assert "with your Premium plan" not in html


def test_a_hint_without_a_session_reads_as_a_guest_and_is_dropped(codes):
    member = signed_in(make_user())
    member.get(url_of(codes[0]))
    guest = Client()
    guest.cookies[SIGNED_IN_HINT_COOKIE] = member.cookies[SIGNED_IN_HINT_COOKIE].value

    response = guest.get(url_of(codes[1]))

    html = response.content.decode()
    assert "Gated fees of 80001." not in html and "Register free account" in html
    assert response.cookies[SIGNED_IN_HINT_COOKIE].value == ""  # deleted


def test_a_walled_guest_without_the_wall_cookie_makes_one_round_trip_and_no_query(
    codes, monkeypatch
):
    guest = Client()
    guest.get(url_of(codes[0]))
    guest.get(url_of(codes[1]))  # walled
    del guest.cookies[WALL_COOKIE]  # a browser that dropped it: its unlocks are read

    with counted(monkeypatch) as trips:
        html = guest.get(url_of(codes[1])).content.decode()

    assert "0 code page views remaining." in html and "Open guidance of 80001." not in html
    assert "Gated fees of 80001." not in html
    assert len(trips["queries"]) == 0 and trips["count"] == 1


def test_a_walled_guest_makes_no_round_trip_and_no_query_once_walled(codes, monkeypatch):
    guest = Client()
    guest.get(url_of(codes[0]))
    guest.get(url_of(codes[1]))  # walled: the wall cookie is set

    with counted(monkeypatch) as trips:
        html = guest.get(url_of(codes[1])).content.decode()

    assert "0 code page views remaining." in html and "Open guidance of 80001." not in html
    assert "Gated fees of 80001." not in html
    assert len(trips["queries"]) == 0 and trips["count"] == 0


def test_the_home_page_makes_no_round_trip_and_no_query_once_served(codes, monkeypatch):
    Client().get("/")

    with counted(monkeypatch) as trips:
        html = Client().get("/").content.decode()

    assert "Code systems" in html
    assert len(trips["queries"]) == 0 and trips["count"] == 0


@pytest.mark.django_db(transaction=True)  # outside a transaction, as a request runs
def test_a_guests_first_view_spends_exactly_one_view(codes, monkeypatch):
    Client().get(url_of(codes[0]))  # another guest: the gate and the page are kept

    with counted(monkeypatch) as trips:
        html = Client().get(url_of(codes[0])).content.decode()

    assert "Open guidance of 80000." in html and "Gated fees of 80000." not in html
    assert Unlock.objects.filter(user=None).count() == 2
    writes = [query["sql"] for query in trips["queries"].captured_queries]
    if connection.vendor == "postgresql":
        # The network's count and the unlock: one statement, its own transaction.
        assert len(writes) == 1 and writes[0].startswith("WITH counted AS")
        assert trips["count"] == 0
    assert trips["count"] <= 2  # SQLite: its cached unlocks forgotten, now and on commit


def test_an_editors_save_shows_on_the_next_request_despite_this_processs_copy(
    codes, django_capture_on_commit_callbacks
):
    member = signed_in(make_user())
    member.get(url_of(codes[0]))
    Client().get("/")

    section = Section.objects.get(code=codes[0], gated=False)
    section.body = "FRESHLY-EDITED-GUIDANCE"
    with django_capture_on_commit_callbacks(execute=True):
        section.save()

    assert "FRESHLY-EDITED-GUIDANCE" in member.get(url_of(codes[0])).content.decode()


def test_a_logout_ends_a_copied_session_at_once(codes):
    member = signed_in(make_user())
    copy = Client()
    copy.cookies["sessionid"] = member.cookies["sessionid"].value
    assert "Gated fees of 80000." in copy.get(url_of(codes[0])).content.decode()
    copy.get(url_of(codes[0]))

    member.post("/account/logout/")

    html = copy.get(url_of(codes[0])).content.decode()
    assert "Gated fees of 80000." not in html and "Register free account" in html


def test_a_password_changed_elsewhere_signs_the_reader_out_at_once(codes):
    user = make_user()
    member = signed_in(user)
    member.get(url_of(codes[0]))
    assert "Gated fees of 80000." in member.get(url_of(codes[0])).content.decode()

    user.set_password("a new long passphrase")
    user.save()

    html = member.get(url_of(codes[0])).content.decode()
    assert "Gated fees of 80000." not in html and "Register free account" in html


@pytest.mark.parametrize("how", ["update", "save"])
def test_a_premium_plan_granted_counts_at_once(codes, how):
    user = make_user()
    member = signed_in(user)
    for code in codes[:2]:
        member.get(url_of(code))
    member.get(url_of(codes[0]))
    assert "with your Premium plan" not in member.get(url_of(codes[0])).content.decode()

    change_plan(user, User.Plan.PREMIUM, how)

    html = member.get(url_of(codes[0])).content.decode()
    assert "with your Premium plan" in html and "Gated fees of 80000." in html


@pytest.mark.parametrize("how", ["update", "save"])
def test_a_premium_plan_taken_away_meters_the_reader_at_once(codes, how):
    user = make_user(plan=User.Plan.PREMIUM, verified=False)
    member = signed_in(user)
    member.get(url_of(codes[0]))
    assert "Gated fees of 80000." in member.get(url_of(codes[0])).content.decode()

    change_plan(user, User.Plan.FREE, how)

    html = member.get(url_of(codes[0])).content.decode()
    assert "with your Premium plan" not in html and "Gated fees of 80000." not in html
    assert EmailAddress.objects.filter(user=user, verified=True).count() == 0


def change_plan(user: User, plan: str, how: str) -> None:
    if how == "update":
        User.objects.filter(pk=user.pk).update(plan=plan)
    else:
        user.plan = plan
        user.save()
