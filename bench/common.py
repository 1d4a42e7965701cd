"""Shared set-up for the bench scripts: their own database, never the tests' or the site's.

BENCH_DATABASE_URL picks it (its name must contain "bench", e.g.
postgres://postgres@127.0.0.1:5432/codeatlas_bench5); the default is a SQLite file in
build/bench/.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
HCPCS_FILE = SHARED_DATA / "cms" / "hcpcs" / "HCPC2026_JAN_ANWEB_01122026.txt"
DEFAULT_SQLITE = ROOT / "build" / "bench" / "bench.sqlite3"


def setup_django() -> str:
    """Point Django at the bench database and set it up; returns a label for the figures."""
    url = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE}")
    if "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit(f"Refusing {url}: a bench database's name must contain 'bench'.")
    if url.startswith("postgres"):
        ensure_postgres_database(url)
    else:
        DEFAULT_SQLITE.parent.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = url
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "0",
            "LOG_LEVEL": "WARNING",
            "REDIS_URL": "",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # Production settings, but static files unhashed: the bench runs no collectstatic.
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }

    call_command("migrate", verbosity=0)
    import logging

    logging.disable(logging.INFO)  # the one-line-per-request log would drown the figures
    return "PostgreSQL" if url.startswith("postgres") else "SQLite"


def setup_empty_django() -> str:
    """setup_django on an empty bench database: the default SQLite file is removed first,
    another database flushed. Returns the label for the figures."""
    if "BENCH_DATABASE_URL" not in os.environ:
        for suffix in ["", "-wal", "-shm"]:
            DEFAULT_SQLITE.with_name(DEFAULT_SQLITE.name + suffix).unlink(missing_ok=True)
    database = setup_django()
    from django.core.management import call_command

    from lookup.models import Code

    if Code.objects.exists():
        call_command("flush", interactive=False, verbosity=0)
    return database


def ensure_postgres_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def machine_note() -> str:
    load = os.getloadavg()
    return (
        f"{os.cpu_count()} cores shared with other work; load average "
        f"{load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f} (1/5/15 min) at the start"
    )


def demo_code_pages() -> list[str]:
    """The URLs of the demo catalogue's code pages (not its hierarchy pages)."""
    import json

    from lookup.demo_data import DEMO_DATA_DIR

    return [
        f"/codes/{slug}/{row['code']}/"
        for slug in ["cpt", "hcpcs", "icd-10-cm"]
        for row in json.loads((DEMO_DATA_DIR / f"{slug}.json").read_text())
        if row.get("level", "code") == "code"
    ]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def timed_response(client, path: str, params: dict | None = None):
    """GET `path` through the test client: (milliseconds taken, the response); a page that
    is neither 200 nor a redirect stops the bench."""
    started = time.perf_counter()
    response = client.get(path, params or {})
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code in (200, 302), (path, params, response.status_code)
    return elapsed, response


def timed(client, path: str, params: dict | None = None) -> float:
    return timed_response(client, path, params)[0]
