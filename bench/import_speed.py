"""Time the full ICD-10-CM import (goal: under 60 s on SQLite) and the full HCPCS import.

Starts from an empty bench database (see bench/common.py), then runs each import twice:
the first run adds every code, the second shows the cost of an idempotent re-run.
Run: .venv/bin/python bench/import_speed.py   (BENCH_DATABASE_URL=... for PostgreSQL)
"""

import time

from common import HCPCS_FILE, machine_note, setup_empty_django

if __name__ == "__main__":
    note = machine_note()
    database = setup_empty_django()
    from lookup.importers.hcpcs import import_hcpcs_file
    from lookup.importers.icd10cm import import_icd10cm_file
    from lookup.management.commands.import_icd10cm import bundled_files

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
