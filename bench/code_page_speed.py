"""A code page's time and query count with the demo data alone and with the full code sets.

The same demo code pages are timed (page cache cleared before each request) in two bench
databases: one holding only the demo data, one holding the demo data plus the full
ICD-10-CM and HCPCS imports (see import_speed.py). Each runs in its own process.
Run: .venv/bin/python bench/code_page_speed.py   (BENCH_DATABASE_URL=... for the full one)
"""

import json
import os
import subprocess
import sys
import time

from common import DEFAULT_SQLITE, demo_code_pages, percentile

ROUNDS = 5
DEMO_SQLITE = DEFAULT_SQLITE.with_name("bench-demo.sqlite3")


def measure() -> dict:
    from common import setup_django

    setup_django()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from lookup.models import Code
    from pages.demo import load_demo_data

    load_demo_data()
    client = Client()
    user, _ = User.objects.get_or_create(email="bench@example.org", defaults={"is_staff": True})
    client.force_login(user)
    pages = demo_code_pages()
    times, most_queries = [], 0
    for _ in range(ROUNDS):
        for url in pages:
            cache.clear()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, url
            most_queries = max(most_queries, len(captured.captured_queries))
    return {
        "codes": Code.objects.count(),
        "pages": len(pages),
        "median": percentile(times, 0.5),
        "p95": percentile(times, 0.95),
        "queries": most_queries,
    }


def run_in_child(url: str) -> dict:
    environment = os.environ | {"BENCH_DATABASE_URL": url}
    output = subprocess.run(
        [sys.executable, __file__, "--measure"],
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


if __name__ == "__main__":
    if "--measure" in sys.argv:
        print(json.dumps(measure()))
        sys.exit()
    from common import machine_note

    note = machine_note()
    full_url = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE}")
    # The demo-only database is of the same kind: another SQLite file, or a second database.
    demo_url = f"{full_url}_demo" if full_url.startswith("postgres") else f"sqlite:///{DEMO_SQLITE}"
    small = run_in_child(demo_url)
    full = run_in_child(full_url)
    print(f"Code page speed (page cache cleared before each request); {note}.")
    for label, figures in [("demo data only", small), ("full code sets", full)]:
        print(
            f"  {label:<15} {figures['codes']:>7,} codes: {figures['pages']} demo code pages x "
            f"{ROUNDS}, median {figures['median']:.1f} ms, p95 {figures['p95']:.1f} ms, "
            f"at most {figures['queries']} queries"
        )
    print(f"  full / demo-only median: {full['median'] / small['median']:.2f}x")
