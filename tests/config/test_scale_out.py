"""Two gunicorn instances over one database agree on every allowance, as one instance would.

Without Redis each instance is a separate process with its own local-memory cache, so
whatever they agree on comes from the database: sessions, unlocks, network counts. With
Redis they share the cache, readers included: a change made through one is seen by the other.
"""

import http.cookiejar
import threading
import urllib.parse
import urllib.request

import pytest
from django.conf import settings
from django.test import Client
from django_redis.cache import RedisCache

from accounts.models import Unlock, User
from accounts.readers import reader_keys
from tests.accounts.conftest import make_codes, url_of
from tests.config.conftest import gunicorn_instances
from tests.conftest import make_user

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.server]


class Browser:
    """One visitor's cookies, sent to whichever instance a request goes to."""

    def __init__(self, cookies: dict[str, str] | None = None):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.extra_cookies = cookies or {}

    def open(self, url: str) -> str:
        request = urllib.request.Request(url)
        if self.extra_cookies:
            request.add_header(
                "Cookie", "; ".join(f"{key}={value}" for key, value in self.extra_cookies.items())
            )
        return self.opener.open(request, timeout=30).read().decode()

    def submit(self, url: str, fields: dict[str, object]) -> str:
        """Post `fields` to the form at `url`, with the CSRF token that opening it set."""
        self.open(url)
        cookies = self.extra_cookies | {cookie.name: cookie.value for cookie in self.jar}
        body = {"csrfmiddlewaretoken": cookies[settings.CSRF_COOKIE_NAME]} | fields
        request = urllib.request.Request(url, urllib.parse.urlencode(body, doseq=True).encode())
        request.add_header("Cookie", "; ".join(f"{key}={value}" for key, value in cookies.items()))
        return self.opener.open(request, timeout=30).read().decode()


def session_cookie(user) -> dict[str, str]:
    """The cookie of a session signed in as `user`, as a login would set it."""
    login = Client()
    login.force_login(user)
    return {settings.SESSION_COOKIE_NAME: login.cookies[settings.SESSION_COOKIE_NAME].value}


def test_guest_allowance_holds_across_two_instances(cpt, static_root):
    first, second = make_codes(2, cpt)

    with gunicorn_instances(2, static_root) as (instance_a, instance_b):
        guest = Browser()
        opened = guest.open(instance_a + url_of(first))
        walled = guest.open(instance_b + url_of(second))
        reopened = guest.open(instance_b + url_of(first))

    assert "Gated fees" not in opened and "Open guidance of 80000." in opened
    assert "0 code page views remaining." in walled
    assert "Open guidance of 80001." not in walled
    assert "Open guidance of 80000." in reopened
    assert Unlock.objects.filter(user=None).count() == 1


def test_account_allowance_holds_across_two_instances_even_when_requests_race(cpt, static_root):
    codes = make_codes(10, cpt)
    user = make_user()

    with gunicorn_instances(2, static_root) as instances:
        account = Browser(session_cookie(user))
        # Three codes one after another, alternating instances...
        pages = [account.open(instances[index % 2] + url_of(codes[index])) for index in range(3)]
        # ...then seven at once, spread over both instances: only three views are left.
        racing: list[str] = [""] * 7

        def open_code(index: int) -> None:
            racing[index] = account.open(instances[index % 2] + url_of(codes[3 + index]))

        threads = [threading.Thread(target=open_code, args=(index,)) for index in range(7)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert all("Gated fees of" in page for page in pages)
    assert sum("Gated fees of" in page for page in racing) == 3
    assert sum("Upgrade" in page and "Gated fees of" not in page for page in racing) == 4
    assert Unlock.objects.filter(user=user).count() == 6


def test_views_granted_through_one_instance_count_at_once_on_the_other_over_redis(
    cpt, static_root, redis_url
):
    codes = make_codes(7, cpt)
    reader = make_user()
    staff = make_user("staff@example.org", is_staff=True, is_superuser=True)
    shared_cache = RedisCache(redis_url, {})

    with gunicorn_instances(2, static_root, {"REDIS_URL": redis_url}) as (instance_a, instance_b):
        account = Browser(session_cookie(reader))
        for code in codes[:6]:
            account.open(instance_b + url_of(code))
        walled = account.open(instance_b + url_of(codes[6]))
        cached_on_b = shared_cache.get(reader_keys(reader.pk)[0])
        # Staff grant two views through instance A's admin...
        Browser(session_cookie(staff)).submit(
            f"{instance_a}/admin/accounts/user/",
            {"action": "grant_views", "views": "2", "_selected_action": reader.pk, "index": "0"},
        )
        # ...and the reader's next request to instance B, which had cached the reader, counts them.
        granted = account.open(instance_b + url_of(codes[6]))

    assert cached_on_b is not None  # instance B kept the reader in the shared Redis
    assert "Gated fees of 80006." not in walled and "0 code page views remaining." in walled
    assert User.objects.get(pk=reader.pk).extra_views == 2
    assert "Gated fees of 80006." in granted and "1 code page view remaining." in granted


def test_an_editors_save_shows_on_the_next_request_to_every_instance_over_redis(
    cpt, static_root, redis_url, settings
):
    code = make_codes(1, cpt)[0]
    member = Browser(session_cookie(make_user()))
    guest = Browser()

    with gunicorn_instances(2, static_root, {"REDIS_URL": redis_url}) as instances:
        # Every worker of both instances keeps its own copy of the pages and of the gate.
        before = [
            reader.open(instance + path)
            for _ in range(6)
            for instance in instances
            for reader, path in [(member, url_of(code)), (guest, "/")]
        ]
        # An editor saves a section, from a process of its own sharing the Redis.
        settings.CACHES = {
            "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": redis_url}
        }
        section = code.sections.get(gated=False)
        section.body = "FRESHLY-EDITED-GUIDANCE"
        section.save()
        after = [member.open(instance + url_of(code)) for _ in range(6) for instance in instances]

    assert not any("FRESHLY-EDITED-GUIDANCE" in html for html in before)
    assert all("FRESHLY-EDITED-GUIDANCE" in html for html in after)
