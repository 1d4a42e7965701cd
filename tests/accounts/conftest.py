"""Helpers for the metering tests: codes with markers, visitor cookies, every byte sent."""

import threading
import uuid
from collections.abc import Callable
from typing import TypeVar

import pytest
from django.db import connection
from django.http import HttpResponse

from accounts.visitors import SIGNING_SALT, VISITOR_COOKIE
from tests.conftest import make_code, make_section


@pytest.fixture(params=[True, False], ids=["readers cached", "readers not cached"])
def reader_cache(request, settings):
    """Each test twice: with readers and unlocks cached, as over Redis, and without, as by
    default on a site with no Redis (CACHE_READERS off), where every request reads them."""
    settings.CACHE_READERS = request.param
    return request.param


def make_codes(count: int, system, prefix: str = "8") -> list:
    """`count` CPT-like codes, each with an ungated and a gated section."""
    codes = []
    for number in range(count):
        code = make_code(f"{prefix}{number:04d}", system)
        make_section(code, "guidelines", gated=False, body=f"Open guidance of {code.code}.")
        make_section(code, "fees", gated=True, body=f"Gated fees of {code.code}.")
        codes.append(code)
    return codes


def fullwidth(text: str) -> str:
    """`text` in fullwidth letters (gmail as U+FF47 U+FF4D...), which IDNA maps back."""
    return "".join(chr(ord(character) + 0xFEE0) for character in text)


def url_of(code) -> str:
    return f"/codes/{code.system.slug}/{code.code}/"


def visitor_cookie_value(visitor: uuid.UUID) -> str:
    """The signed cookie value the site sets for `visitor`."""
    response = HttpResponse()
    response.set_signed_cookie(VISITOR_COOKIE, str(visitor), salt=SIGNING_SALT)
    return response.cookies[VISITOR_COOKIE].value


def every_byte(response) -> str:
    """Status line, headers, cookies and body: everything a client receives."""
    headers = "\n".join(f"{name}: {value}" for name, value in response.items())
    cookies = response.cookies.output()
    body = b"".join(response) if response.streaming else response.content
    return f"{response.status_code}\n{headers}\n{cookies}\n\n{body.decode(errors='replace')}"


Result = TypeVar("Result")


def in_parallel(calls: list[Callable[[], Result]]) -> list[Result]:
    """Run every call at once, each in its own thread with its own database connection."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index: int, call: Callable[[], Result]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
