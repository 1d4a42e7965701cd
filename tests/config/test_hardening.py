import datetime
import json
import logging
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import path

from accounts.models import NetworkDay
from core.days import site_today
from core.network import network_key
from tests.conftest import make_user

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def broken_view(request):
    raise RuntimeError("SECRET-TRACE-MARKER database password is hunter2")


urlpatterns = [path("broken/", broken_view)]


def test_pages_send_a_content_security_policy_without_inline_script(client, biopsy):
    response = client.get("/codes/cpt/27323/")

    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_no_template_holds_an_executable_inline_script():
    for template in TEMPLATES.rglob("*.html"):
        for tag in re.findall(r"<script\b[^>]*>", template.read_text()):
            assert "src=" in tag or "application/ld+json" in tag, f"{template}: {tag}"


def test_pages_send_security_headers(client, biopsy):
    response = client.get("/codes/cpt/27323/")

    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_server_error_page_is_in_the_site_layout_and_leaks_no_trace(client, db, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False

    response = client.get("/broken/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "SECRET-TRACE-MARKER" not in html and "hunter2" not in html
    assert "Traceback" not in html and "RuntimeError" not in html


def test_permission_denied_page_is_in_the_site_layout(client, db):
    client.force_login(make_user("staffless@example.org", is_staff=True))

    response = client.get("/admin/accounts/user/")

    assert response.status_code == 403
    assert "You cannot open this page" in response.content.decode()


def test_healthz_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}
    assert "sessionid" not in response.cookies


def test_healthz_answers_503_when_redis_is_down(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": settings.REDIS_URL,
        }
    }

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["cache"] is False


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_accounts(client, db, settings):
    text = client.get("/robots.txt").content.decode()

    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in text
    assert "Disallow: /account/" in text and "Disallow: /admin/" in text


def test_sitemap_lists_code_pages_with_lastmod_and_no_page_text(client, biopsy):
    index = client.get("/sitemap.xml").content.decode()
    codes = client.get("/sitemap-codes.xml").content.decode()

    assert "sitemap-codes.xml" in index
    # The Sites framework names the site's host from SITE_URL (http://127.0.0.1:8000 here).
    assert "<loc>http://127.0.0.1:8000/codes/cpt/27323/</loc>" in codes
    assert "<lastmod>" in codes
    assert "GATED-FEES-TEXT" not in codes and "UNGATED-GUIDELINE-TEXT" not in codes


def test_each_request_logs_one_json_line_without_addresses_or_emails(client, coder, biopsy, caplog):
    client.force_login(coder)

    with caplog.at_level(logging.INFO, logger="codeatlas.requests"):
        client.get("/codes/cpt/27323/", REMOTE_ADDR="203.0.113.77")

    lines = [
        record.getMessage() for record in caplog.records if record.name == "codeatlas.requests"
    ]
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry | {"ms": 0} == {
        "method": "GET",
        "path": "/codes/cpt/27323/",
        "status": 200,
        "ms": 0,
        "visitor": "user",
        "network": network_key("203.0.113.77", site_today())[:16],
        "meter": "unlocked",
    }
    assert "203.0.113" not in lines[0] and coder.email not in lines[0]


def test_request_log_names_the_network_behind_the_trusted_proxy(client, biopsy, caplog, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    with caplog.at_level(logging.INFO, logger="codeatlas.requests"):
        client.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.77")

    entry = json.loads(caplog.records[-1].getMessage())
    assert entry["network"] == network_key("203.0.113.77", site_today())[:16]
    assert "203.0.113" not in caplog.records[-1].getMessage()


def test_a_networks_logged_name_is_its_counts_and_changes_at_midnight_eastern(
    biopsy, caplog, clock
):
    def logged_network(moment: str) -> str:
        clock.set(moment)
        with caplog.at_level(logging.INFO, logger="codeatlas.requests"):
            Client().get("/codes/cpt/27323/", REMOTE_ADDR="203.0.113.77")
        return json.loads(caplog.records[-1].getMessage())["network"]

    before_utc_midnight = logged_network("2026-06-05T19:59:00-04:00")
    after_utc_midnight = logged_network("2026-06-05T20:01:00-04:00")
    next_day = logged_network("2026-06-06T00:00:01-04:00")

    assert before_utc_midnight == after_utc_midnight != next_day
    counted = dict(NetworkDay.objects.values_list("day", "network"))
    assert counted[datetime.date(2026, 6, 5)][:16] == before_utc_midnight
    assert counted[datetime.date(2026, 6, 6)][:16] == next_day


@pytest.mark.parametrize(
    "address",
    ["/", "/search/?q=biopsy", "/fees/locality/", "/codes/cpt/", "/sources/", "/assistant/",
     "/account/", "/account/email/", "/no-such-page/"],
)  # fmt: skip
def test_every_page_showing_the_reader_is_private(client, coder, biopsy, address):
    client.force_login(coder)

    response = client.get(address)

    assert coder.email in response.content.decode()  # the header names the reader
    assert "private" in response.get("Cache-Control", ""), address
    assert "Cookie" in response["Vary"]


def test_public_files_stay_cacheable_by_anyone(client, biopsy):
    for address in ["/robots.txt", "/sitemap.xml", "/sitemap-codes.xml", "/healthz"]:
        response = client.get(address)

        assert response.status_code == 200
        assert "private" not in response.get("Cache-Control", ""), address


def test_absolute_links_come_from_site_url_whatever_host_the_request_names(
    client, biopsy, settings
):
    settings.SITE_URL = "https://codeatlas.example.org"
    for page_path in ["/", "/codes/cpt/27323/", "/robots.txt", "/codes/cpt/"]:
        page = client.get(page_path, HTTP_HOST="127.0.0.1:6666").content.decode()

        assert "6666" not in page
        assert "https://codeatlas.example.org/" in page
