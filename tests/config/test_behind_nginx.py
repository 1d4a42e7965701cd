"""Debian's nginx in front of gunicorn as `make serve` runs them (deploy/nginx/
codeatlas-local.conf, with the production proxy settings of codeatlas-proxy.conf): gunicorn
on a unix socket only nginx may open, one trusted proxy, and nginx answering only the site's
host name. Each client is known by the address nginx saw, whatever X-Forwarded-For it sends,
no log names that address, and no Host header a client sends reaches a page.

Clients are told apart by their source address: the whole of 127.0.0.0/8 is this machine's
loopback, so a client connecting from 127.0.0.2 is, for nginx, another network than one
connecting from 127.0.0.3.
"""

import gzip
import http.client
import os
import re
import stat
import subprocess
import time
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from accounts.models import Unlock
from tests.accounts.conftest import make_codes, url_of
from tests.config.conftest import (
    NGINX,
    PROJECT,
    PROXY_SETTINGS,
    free_port,
    gunicorn_processes,
    stop,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.server]

LOCAL_SITE = PROJECT / "deploy" / "nginx" / "codeatlas-local.conf"
HOST = "codeatlas.test"


@contextmanager
def nginx_in_front_of(socket: Path, root: Path):
    """Start nginx with the local site's configuration; yields its port."""
    port = free_port()
    config = root / "nginx.conf"
    filled = {
        "@ROOT@": str(root),
        "@SOCKET@": str(socket),
        "@PORT@": str(port),
        "@SERVER_NAME@": HOST,
        "@PROXY_SETTINGS@": str(PROXY_SETTINGS),
    }
    text = LOCAL_SITE.read_text()
    for placeholder, value in filled.items():
        text = text.replace(placeholder, value)
    config.write_text(text)
    process = subprocess.Popen(
        [NGINX, "-p", str(root), "-e", str(root / "error.log"), "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield port
    finally:
        stop([process])


def wait_until_answering(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            response, _ = Visitor(port, "127.0.0.1").request("GET", "/healthz")
            if response.status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("nginx and gunicorn did not start")


@pytest.fixture(scope="module")
def site(django_db_setup, static_root, tmp_path_factory):
    """gunicorn (one trusted proxy, one guest unlock per network a day) on a unix socket
    behind nginx; yields nginx's port, the file gunicorn logs to and gunicorn's socket."""
    root = tmp_path_factory.mktemp("nginx")
    log, socket = root / "gunicorn.log", root / "gunicorn.sock"
    environment = {
        "ALLAUTH_TRUSTED_PROXY_COUNT": "1",
        "METER_GUEST_DAILY_PER_IP": "1",
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"https://{HOST}",
    }
    with (
        log.open("w") as output,
        gunicorn_processes([f"unix:{socket}"], static_root, environment, output),
        nginx_in_front_of(socket, root) as port,
    ):
        wait_until_answering(port)
        yield port, log, socket


class Visitor:
    """A browser on one machine: its own source address and cookies."""

    def __init__(self, port: int, address: str):
        self.port = port
        self.address = address
        self.cookies = SimpleCookie()

    def request(self, method: str, path: str, body: bytes | None = None, **headers: str):
        headers.setdefault("Host", HOST)
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, source_address=(self.address, 0), timeout=30
        )
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(cookie)
        return response, content

    def open(self, path: str, **headers: str) -> str:
        response, content = self.request("GET", path, **headers)
        assert response.status == 200, (path, response.status)
        return content.decode()


def test_each_client_behind_nginx_has_its_own_network_cap_and_cannot_forge_another(site, cpt):
    url, _, _ = site
    first, second = make_codes(2, cpt)

    opened = Visitor(url, "127.0.0.2").open(url_of(first))
    # Cookies cleared on the same machine: the network's one guest unlock is spent...
    capped = Visitor(url, "127.0.0.2").open(url_of(second))
    # ...and a forged X-Forwarded-For does not make it another network.
    forged = Visitor(url, "127.0.0.2").open(url_of(second), **{"X-Forwarded-For": "198.51.100.7"})
    # Another machine has its own.
    elsewhere = Visitor(url, "127.0.0.3").open(url_of(second))

    assert "Open guidance of 80000." in opened
    for walled in [capped, forged]:
        assert "Guest views from your network are used up for today" in walled
        assert "Open guidance of 80001." not in walled
    assert "Open guidance of 80001." in elsewhere
    assert Unlock.objects.filter(user=None).count() == 2


def test_logs_behind_nginx_name_networks_but_no_address_or_query(site, cpt):
    url, log, _ = site
    make_codes(1, cpt)
    Visitor(url, "127.0.0.4").open("/search/?q=jane+doe+fell+off+a+ladder")
    Visitor(url, "127.0.0.5").open("/", **{"X-Forwarded-For": "198.51.100.8"})

    lines = log.read_text().splitlines()
    searches = [line for line in lines if "/search/" in line]
    networks = set(re.findall(r'"network":"(\w+)"', log.read_text()))

    assert len(searches) == 2  # gunicorn's access line and the app's request line
    assert len(networks) >= 2
    assert not [line for line in lines if re.search(r"127\.0\.0\.[2-5]|198\.51\.100|jane", line)]


def test_nginx_compresses_pages_and_refuses_oversized_bodies(site, db):
    url, _, _ = site
    visitor = Visitor(url, "127.0.0.6")

    response, content = visitor.request("GET", "/", **{"Accept-Encoding": "gzip"})
    too_big, _ = visitor.request("POST", "/account/login/", body=b"x" * (2 * 1024 * 1024))

    assert response.status == 200 and response.headers["Content-Encoding"] == "gzip"
    assert "Case2Code" in gzip.decompress(content).decode()
    assert too_big.status == 413


def test_gunicorn_listens_only_on_a_socket_that_nginx_may_open(site):
    _, _, socket = site
    mode = os.stat(socket).st_mode

    assert stat.S_ISSOCK(mode)
    assert stat.S_IMODE(mode) & 0o007 == 0  # no one but its owner and group


def test_a_request_for_another_host_name_gets_no_answer(site, db):
    port, _, _ = site

    with pytest.raises(http.client.RemoteDisconnected):
        Visitor(port, "127.0.0.7").request("GET", "/", Host="127.0.0.1:6666")


def test_no_host_header_a_client_sends_reaches_a_cached_page(site, cpt):
    port, _, _ = site
    # A code number of its own: gunicorn's workers cache other tests' codes of the same number.
    code = make_codes(1, cpt, prefix="7")[0]

    poisoned = Visitor(port, "127.0.0.8").open(url_of(code), Host=f"{HOST}:6666")
    after = Visitor(port, "127.0.0.9").open(url_of(code))

    for page in [poisoned, after]:
        assert f'<link rel="canonical" href="https://{HOST}{url_of(code)}">' in page
        assert "6666" not in page
