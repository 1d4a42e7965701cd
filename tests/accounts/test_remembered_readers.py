"""The signed-in reader the cache keeps (accounts/readers.remembered_reader) never outlives a
change to the account: a verified address, a granted plan or views, a chosen locality and a
deactivated account are seen on the very next request, even by a request that read the
account before the change and cached it after. Without the cache (no Redis, the default),
each request reads the reader from the database, and the same changes show at once."""

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts import readers
from accounts.membership import membership_grant
from accounts.metering import meter_grant
from accounts.models import MembershipRequest, Unlock, User
from accounts.unlocks import unlocks_key
from tests.accounts.conftest import make_codes, url_of
from tests.conftest import make_user


@pytest.fixture
def codes(cpt):
    return make_codes(8, cpt)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_address_verified_after_the_reader_was_cached_counts_at_once(codes, reader_cache):
    user = make_user(verified=False)
    client = signed_in(user)
    assert "Gated fees of 80000." not in client.get(url_of(codes[0])).content.decode()

    EmailAddress.objects.filter(user=user).get().set_verified(commit=True)

    html = client.get(url_of(codes[1])).content.decode()
    assert "Gated fees of 80001." in html and "Verify your email address" not in html


def test_a_granted_premium_plan_is_unlimited_at_once(codes, reader_cache):
    user = make_user()
    client = signed_in(user)
    for code in codes[:6]:
        client.get(url_of(code))
    assert "Gated fees of 80006." not in client.get(url_of(codes[6])).content.decode()

    membership_grant(membership_request=MembershipRequest.objects.create(user=user, note=""))

    html = client.get(url_of(codes[6])).content.decode()
    assert "Gated fees of 80006." in html and "with your Premium plan" in html


def test_views_granted_by_staff_count_at_once(codes, reader_cache):
    user = make_user()
    client = signed_in(user)
    for code in codes[:6]:
        client.get(url_of(code))
    assert "0 code page views remaining." in client.get(url_of(codes[0])).content.decode()

    meter_grant(user=user, views=2)

    html = client.get(url_of(codes[6])).content.decode()
    assert "Gated fees of 80006." in html and "1 code page view remaining." in html


def test_a_deactivated_account_is_signed_out_at_once(codes, reader_cache):
    user = make_user()
    client = signed_in(user)
    client.get(url_of(codes[0]))

    user.is_active = False
    user.save()

    html = client.get(url_of(codes[0])).content.decode()
    assert "Gated fees of 80000." not in html and "Register free account" in html


def test_a_reader_read_before_a_change_and_cached_after_it_is_never_served(
    codes, monkeypatch, django_capture_on_commit_callbacks
):
    user = make_user(verified=False)
    client = signed_in(user)
    read_the_account = readers.load_reader

    def read_then_see_the_address_verified(user_id):
        before = read_the_account(user_id)
        # Another request verifies the address between this read and this cache write.
        with django_capture_on_commit_callbacks(execute=True):
            EmailAddress.objects.filter(user=user).update(verified=True)
            readers.forget_reader(user.pk)
        return before

    monkeypatch.setattr(readers, "load_reader", read_then_see_the_address_verified)
    client.get(url_of(codes[0]))  # caches the reader as it was before the change
    monkeypatch.undo()
    assert cache.get(readers.reader_keys(user.pk)[1])[1]["has_verified_email"] is False

    html = client.get(url_of(codes[1])).content.decode()
    assert "Gated fees of 80001." in html


def test_the_cache_holds_what_pages_need_and_never_the_password_hash(codes):
    user = make_user()
    signed_in(user).get(url_of(codes[0]))

    remembered = repr(cache.get(readers.reader_keys(user.pk)[1]))

    assert user.email in remembered
    assert user.password not in remembered and "pbkdf2" not in remembered


@pytest.mark.parametrize("how", ["update", "save"])
def test_a_premium_plan_taken_away_meters_the_reader_at_once(codes, how, reader_cache):
    user = make_user(plan=User.Plan.PREMIUM)
    client = signed_in(user)
    assert "with your Premium plan" in client.get(url_of(codes[0])).content.decode()

    if how == "update":
        User.objects.filter(pk=user.pk).update(plan=User.Plan.FREE)
    else:
        user.plan = User.Plan.FREE
        user.save()

    html = client.get(url_of(codes[1])).content.decode()
    assert "with your Premium plan" not in html and "5 code page views remaining." in html


def test_a_password_changed_elsewhere_signs_other_sessions_out_at_once(codes, reader_cache):
    user = make_user()
    elsewhere = signed_in(user)
    assert "Gated fees of 80000." in elsewhere.get(url_of(codes[0])).content.decode()

    user.set_password("a new long passphrase")
    user.save()

    html = elsewhere.get(url_of(codes[0])).content.decode()
    assert "Gated fees of 80000." not in html and "Register free account" in html


def test_without_the_shared_cache_every_request_reads_the_reader_from_the_database(codes, settings):
    settings.CACHE_READERS = False  # the default without REDIS_URL (tests/config/test_settings)
    user = make_user()
    client = signed_in(user)
    client.get(url_of(codes[0]))

    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url_of(codes[0])).content.decode()
        statements = [query["sql"] for query in captured.captured_queries]
        assert "Gated fees of 80000." in html
        assert sum(f'FROM "{User._meta.db_table}" u' in sql for sql in statements) == 1
        assert sum(f'FROM "{Unlock._meta.db_table}"' in sql for sql in statements) == 1

    assert cache.get(readers.reader_keys(user.pk)[1]) is None
    assert cache.get(unlocks_key("lifetime", user.pk, None)) is None
