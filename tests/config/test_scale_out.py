"""Two gunicorn instances over one database agree on every allowance, as one instance would.

Each instance is a separate process with its own local-memory cache (no Redis), so
whatever they agree on comes from the database: sessions, unlocks, network counts.
"""

import http.cookiejar
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from accounts.models import Unlock
from tests.accounts.conftest import make_codes, url_of
from tests.conftest import make_user

PROJECT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True)


def database_url() -> str:
    """The URL of the database this test run uses, for the gunicorn processes."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    return (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn_instances(count: int):
    """Start `count` gunicorn instances on their own ports; yields their base URLs."""
    ports = [free_port() for _ in range(count)]
    environment = {
        "PATH": os.environ["PATH"],
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "DATABASE_URL": database_url(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "WHITENOISE_USE_FINDERS": "1",
        "GUNICORN_WORKERS": "2",
        "LOG_LEVEL": "WARNING",
    }
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=PROJECT,
            env=environment | {"GUNICORN_BIND": f"127.0.0.1:{port}"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url in urls:
            wait_until_healthy(url)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def wait_until_healthy(url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/healthz", timeout=2).status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"gunicorn at {url} did not start")


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


def test_guest_allowance_holds_across_two_instances(cpt):
    first, second = make_codes(2, cpt)

    with gunicorn_instances(2) as (instance_a, instance_b):
        guest = Browser()
        opened = guest.open(instance_a + url_of(first))
        walled = guest.open(instance_b + url_of(second))
        reopened = guest.open(instance_b + url_of(first))

    assert "Gated fees" not in opened and "Open guidance of 80000." in opened
    assert "0 code page views remaining." in walled
    assert "Open guidance of 80001." not in walled
    assert "Open guidance of 80000." in reopened
    assert Unlock.objects.filter(user=None).count() == 1


def test_account_allowance_holds_across_two_instances_even_when_requests_race(cpt):
    codes = make_codes(10, cpt)
    user = make_user()
    login = Client()
    login.force_login(user)
    session = {settings.SESSION_COOKIE_NAME: login.cookies[settings.SESSION_COOKIE_NAME].value}

    with gunicorn_instances(2) as instances:
        account = Browser(session)
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
