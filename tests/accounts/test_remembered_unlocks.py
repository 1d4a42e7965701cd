"""The unlocks the meter keeps in the cache (accounts/unlocks.remembered_unlocks) never let a
reader past the ledger: a reset is seen at once, and an unlock the cache missed is found
before a view is spent. Without the cache (no Redis, the default) a reset shows at once too."""

import pytest
from django.core.cache import cache
from django.test import Client

from accounts.metering import meter_reset
from accounts.models import Unlock
from accounts.unlocks import unlocks_key
from tests.accounts.conftest import make_codes, url_of
from tests.conftest import make_user


@pytest.fixture
def codes(cpt):
    return make_codes(8, cpt)


def test_a_reset_meter_is_not_undone_by_remembered_unlocks(codes, reader_cache):
    user = make_user()
    client = Client()
    client.force_login(user)
    for code in codes[:6]:
        client.get(url_of(code))
    assert "0 code page views remaining." in client.get(url_of(codes[0])).content.decode()

    meter_reset(user=user)
    html = client.get(url_of(codes[6])).content.decode()

    assert "Gated fees of 80006." in html and "5 code page views remaining." in html


def test_an_unlock_the_cache_missed_is_found_before_a_view_is_spent(codes):
    user = make_user()
    client = Client()
    client.force_login(user)
    client.get(url_of(codes[0]))
    client.get(url_of(codes[0]))  # the ledger read once more and remembered
    # Another process unlocks five codes, and this one caches the ledger as it was before.
    key = unlocks_key("lifetime", user.pk, None)
    remembered = cache.get(key)
    for slot, code in enumerate(codes[1:6], start=2):
        Unlock.objects.create(user=user, code=code, period="lifetime", slot=slot)
    cache.set(key, remembered)

    walled = client.get(url_of(codes[6])).content.decode()
    reopened = client.get(url_of(codes[3])).content.decode()

    assert "Gated fees of 80006." not in walled and "0 code page views remaining." in walled
    assert "Gated fees of 80003." in reopened
    assert Unlock.objects.filter(user=user).count() == 6


def test_deleting_a_guests_unlock_gives_its_view_back_at_once(codes, reader_cache):
    guest = Client()
    guest.get(url_of(codes[0]))
    guest.get(url_of(codes[0]))

    Unlock.objects.filter(user=None).delete()

    html = guest.get(url_of(codes[1])).content.decode()
    assert "Open guidance of 80001." in html and "0 code page views remaining." in html
