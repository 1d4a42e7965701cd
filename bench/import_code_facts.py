"""Time the imports of ICD-10-CM's code history, the MS-DRG CC/MCC tables and the CMS-HCC
mappings (goal: the three under 30 s together), each first run and idempotent second run.

Starts from an empty bench database (see bench/common.py) and imports the full FY2026
tabular list first, untimed here (bench/import_speed.py times it), since the three link
their rows to its codes. Reads the copies shipped in fixtures/codesets/, as the import
commands do by default.
Run: .venv/bin/python bench/import_code_facts.py   (BENCH_DATABASE_URL=... for PostgreSQL)
"""

import time

from common import machine_note, setup_empty_django

if __name__ == "__main__":
    note = machine_note()
    database = setup_empty_django()
    from grouping.importers.cms_hcc import import_cms_hcc
    from grouping.importers.ms_drg import import_ms_drg
    from lookup.importers.icd10cm import import_icd10cm_file
    from lookup.importers.icd10cm_history import import_icd10cm_history
    from lookup.management.commands.import_icd10cm import bundled_files

    import_icd10cm_file(*bundled_files())
    print(f"Code facts import speed on {database}; {note}.")
    for attempt in ["first run", "second run (idempotent)"]:
        total = 0.0
        for label, run in [
            ("ICD-10-CM code history", import_icd10cm_history),
            ("MS-DRG v43 CC/MCC tables", import_ms_drg),
            ("CMS-HCC 2026 mappings", import_cms_hcc),
        ]:
            started = time.perf_counter()
            summary = run()
            seconds = time.perf_counter() - started
            total += seconds
            print(f"  {label}, {attempt}: {seconds:.1f} s  [{summary}]")
        print(f"  all three, {attempt}: {total:.1f} s (goal < 30 s)")
