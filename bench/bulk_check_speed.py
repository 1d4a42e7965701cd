"""The bulk checker's time for 1,000 rows (goal: p95 under 1 s) beside a code page's.

With the full ICD-10-CM, its history and the MS-DRG and CMS-HCC tables loaded (imported
first when missing), a verified free account posts 1,000 seeded rows to /tools/check/ (a
mix of valid, deleted, header, not-yet-valid and unknown codes, half with their own date
of service) as a table and as CSV; the baseline is an ICD-10-CM code page (page cache
cleared, a different code each time) timed in the same run. The query count of a check
is printed too.
Run: .venv/bin/python bench/bulk_check_speed.py   (BENCH_DATABASE_URL=... for PostgreSQL)
"""

import random
import time

from common import machine_note, percentile, setup_django

ROUNDS = 20
ROWS = 1000
SEED = 13


def rows_to_check(codes: list[str], chooser: random.Random) -> str:
    lines = []
    for index in range(ROWS):
        code = chooser.choice(codes) if index % 10 else f"Z{chooser.randint(0, 99):02d}.9X9"
        if index % 2:
            year, month, day = (chooser.randint(*span) for span in [(2015, 2026), (1, 12), (1, 28)])
            day = f"{year}-{month:02d}-{day:02d}"
            lines.append(f"{code.replace('.', '').lower()}, {day}")
        else:
            lines.append(code)
    return "\n".join(lines)


def timed_post(client, data: dict) -> float:
    started = time.perf_counter()
    response = client.post("/tools/check/", data)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed


if __name__ == "__main__":
    note = machine_note()
    database = setup_django()
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from grouping.importers.cms_hcc import import_cms_hcc
    from grouping.importers.ms_drg import import_ms_drg
    from grouping.models import Edition
    from lookup.importers.icd10cm import import_icd10cm_file
    from lookup.importers.icd10cm_history import import_icd10cm_history
    from lookup.management.commands.import_icd10cm import bundled_files
    from lookup.models import Code, CodeHistory

    if not Code.objects.filter(system__slug="icd-10-cm").count() > 90_000:
        print(import_icd10cm_file(*bundled_files()))
    if not CodeHistory.objects.exists():
        print(import_icd10cm_history())
    if not Edition.objects.filter(hcc_payment_year__isnull=False).exists():
        print(import_ms_drg())
        print(import_cms_hcc())

    settings.CHECKER_DAILY_ROWS = 10**9  # the allowance is not what is measured
    user, _ = User.objects.get_or_create(email="checker-bench@example.org")
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    client = Client()
    client.force_login(user)
    codes = list(CodeHistory.objects.order_by("code").values_list("code", flat=True)) + list(
        Code.objects.filter(system__slug="icd-10-cm", billable=False).values_list(
            "code", flat=True
        )[:2000]
    )
    chooser = random.Random(SEED)
    batches = [rows_to_check(codes, chooser) for _ in range(ROUNDS)]

    timed_post(client, {"codes": batches[0]})  # warm up
    table_times = [timed_post(client, {"codes": batch}) for batch in batches]
    csv_times = [timed_post(client, {"codes": batch, "csv": "1"}) for batch in batches]
    with CaptureQueriesContext(connection) as captured:
        timed_post(client, {"codes": batches[0]})
    check_queries = len(captured.captured_queries)  # the next request clears the log

    pages = [
        f"/codes/icd-10-cm/{code}/"
        for code in chooser.sample(
            list(
                Code.objects.filter(system__slug="icd-10-cm", billable=True).values_list(
                    "code", flat=True
                )
            ),
            200,
        )
    ]
    staff, _ = User.objects.get_or_create(email="bench@example.org", defaults={"is_staff": True})
    reader = Client()
    reader.force_login(staff)
    page_times = []
    for url in pages:
        cache.clear()
        started = time.perf_counter()
        assert reader.get(url).status_code == 200
        page_times.append((time.perf_counter() - started) * 1000)

    print(f"Bulk checker speed on {database}; {note}.")
    page_p95 = percentile(page_times, 0.95)
    for label, times in [("1,000 rows as a table", table_times), ("1,000 rows as CSV", csv_times)]:
        p95 = percentile(times, 0.95)
        print(
            f"  {label}: median {percentile(times, 0.5):.0f} ms, p95 {p95:.0f} ms "
            f"(goal < 1,000 ms; {p95 / page_p95:.0f}x a code page's p95)"
        )
    print(
        f"  code page (cache cleared), same run: median {percentile(page_times, 0.5):.1f} ms, "
        f"p95 {page_p95:.1f} ms"
    )
    print(f"  queries for one 1,000-row check: {check_queries}")
