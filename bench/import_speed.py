"""Time the full ICD-10-CM import (goal: under 60 s on SQLite) and the full HCPCS import.

Starts from an empty bench database (see bench/common.py), then runs each import twice:
the first run adds every code, the second shows the cost of an idempotent re-run.
Run: .venv/bin/python bench/import_speed.py   (BENCH_DATABASE_URL=... for PostgreSQL)
"""

import time

from common import DEFAULT_SQLITE, HCPCS_FILE, machine_note, setup_django

if __name__ == "__main__":
    import os

    if "BENCH_DATABASE_URL" not in os.environ:
        for suffix in ["", "-wal", "-shm"]:
            DEFAULT_SQLITE.with_name(DEFAULT_SQLITE.name + suffix).unlink(missing_ok=True)
    note = machine_note()
    database = setup_django()
    from django.core.management import call_command

    from lookup.importers.hcpcs import import_hcpcs_file
    from lookup.importers.icd10cm import import_icd10cm_file
    from lookup.management.commands.import_icd10cm import bundled_files
    from lookup.models import Code

    if Code.objects.exists():
        call_command("flush", interactive=False, verbosity=0)
    tabular, valid_codes = bundled_files()
    print(f"Import speed on {database}; {note}.")
    for label, run in [
        ("ICD-10-CM, full FY2026 tabular list", lambda: import_icd10cm_file(tabular, valid_codes)),
        ("HCPCS Level II, full January 2026 file", lambda: import_hcpcs_file(HCPCS_FILE)),
    ]:
        for attempt in ["first run", "second run (idempotent)"]:
            started = time.perf_counter()
            summary = run()
            print(f"  {label}, {attempt}: {time.perf_counter() - started:.1f} s  [{summary}]")
