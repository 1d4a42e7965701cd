"""The production nginx site (deploy/nginx/codeatlas.conf) as an operator installs it: with
their certificate and paths in place, Debian's nginx accepts it (`nginx -t`)."""

import subprocess

import pytest

from tests.config.conftest import NGINX, PROXY_SETTINGS

pytestmark = pytest.mark.server

SITE = PROXY_SETTINGS.parent / "codeatlas.conf"


def test_the_production_site_configuration_is_accepted_by_nginx(tmp_path):
    certificate, key = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=codeatlas.example.org", "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )  # fmt: skip
    installed = {
        "/etc/letsencrypt/live/codeatlas.example.org/fullchain.pem": str(certificate),
        "/etc/letsencrypt/live/codeatlas.example.org/privkey.pem": str(key),
        "/var/log/nginx/": f"{tmp_path}/",
        "snippets/codeatlas-proxy.conf": str(PROXY_SETTINGS),
    }
    site = SITE.read_text()
    for shipped, local in installed.items():
        assert shipped in site
        site = site.replace(shipped, local)
    (tmp_path / "codeatlas.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nevents {{}}\n"
        f"http {{ include /etc/nginx/mime.types; include {tmp_path}/codeatlas.conf; }}\n"
    )

    result = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"),
         "-c", str(tmp_path / "nginx.conf")],
        capture_output=True, text=True,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr
