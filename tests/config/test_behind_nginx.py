"""Debian's nginx in front of gunicorn, with the production proxy settings
(deploy/nginx/codeatlas-proxy.conf) and one trusted proxy: each client is known by the
address nginx saw, whatever X-Forwarded-For it sends, and no log names that address.

Clients are told apart by their source address: the whole of 127.0.0.0/8 is this machine's
loopback, so a client connecting from 127.0.0.2 is, for nginx, another network than one
connecting from 127.0.0.3.
"""

import gzip
import http.client
import re
import subprocess
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from accounts.models import Unlock
from tests.accounts.conftest import make_codes, url_of
from tests.config.conftest import (
    NGINX,
    PROXY_SETTINGS,
    free_port,
    gunicorn_instances,
    stop,
    wait_until_healthy,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.server]

# The production site's `location /`, on a free port of this machine, without TLS.
NGINX_CONFIG = """
daemon off;
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {root}/client_body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    upstream codeatlas_gunicorn {{
        server {upstream};
        keepalive 4;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            include {proxy_settings};
            proxy_pass http://codeatlas_gunicorn;
        }}
    }}
}}
"""


@contextmanager
def nginx_in_front_of(upstream_url: str, root: Path):
    """Start nginx with the generated configuration; yields its base URL."""
    port = free_port()
    config = root / "nginx.conf"
    config.write_text(
        NGINX_CONFIG.format(
            root=root,
            port=port,
            upstream=upstream_url.removeprefix("http://"),
            proxy_settings=PROXY_SETTINGS,
        )
    )
    process = subprocess.Popen(
        [NGINX, "-p", str(root), "-e", str(root / "error.log"), "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url)
        yield url
    finally:
        stop([process])


@pytest.fixture(scope="module")
def site(django_db_setup, static_root, tmp_path_factory):
    """gunicorn (one trusted proxy, one guest unlock per network a day) behind nginx; yields
    nginx's URL and the file gunicorn logs to."""
    root = tmp_path_factory.mktemp("nginx")
    log = root / "gunicorn.log"
    environment = {"ALLAUTH_TRUSTED_PROXY_COUNT": "1", "METER_GUEST_DAILY_PER_IP": "1"}
    with (
        log.open("w") as output,
        gunicorn_instances(1, static_root, environment, output) as (gunicorn,),
        nginx_in_front_of(gunicorn, root) as url,
    ):
        yield url, log


class Visitor:
    """A browser on one machine: its own source address and cookies."""

    def __init__(self, site_url: str, address: str):
        self.port = int(site_url.rsplit(":", 1)[1])
        self.address = address
        self.cookies = SimpleCookie()

    def request(self, method: str, path: str, body: bytes | None = None, **headers: str):
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
    url, _ = site
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
    url, log = site
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
    url, _ = site
    visitor = Visitor(url, "127.0.0.6")

    response, content = visitor.request("GET", "/", **{"Accept-Encoding": "gzip"})
    too_big, _ = visitor.request("POST", "/account/login/", body=b"x" * (2 * 1024 * 1024))

    assert response.status == 200 and response.headers["Content-Encoding"] == "gzip"
    assert "Case2Code" in gzip.decompress(content).decode()
    assert too_big.status == 413
