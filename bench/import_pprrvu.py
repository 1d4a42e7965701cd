"""PPRRVU import benchmark: the full CMS relative value file into a fresh SQLite database.

Prints the time to read the CSV alone (the baseline), the time of `import_pfs_rvu` (parse,
validate, replace, write) and the ratio between them; then the same import again, which
replaces every row (the idempotent re-import). The goal is under 15 s. Run from the project
folder:

    .venv/bin/python bench/import_pprrvu.py [PATH]

PATH defaults to ../shared/data/cms/PPRRVU2026_Jul_nonQPP.nodesc.csv.
"""

import csv
import os
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = PROJECT.parent / "shared" / "data" / "cms" / "PPRRVU2026_Jul_nonQPP.nodesc.csv"
GOAL_SECONDS = 15


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FILE
    database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ.update(DATABASE_URL=f"sqlite:///{database}", DEBUG="1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(PROJECT))

    import django

    django.setup()
    from django.core.management import call_command

    from fees.importers.pfs_rvu import import_pfs_rvu_file
    from fees.models import PhysicianFee

    call_command("migrate", verbosity=0)

    def read_csv() -> None:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for _ in csv.reader(handle):
                pass

    baseline = timed(read_csv)
    first = timed(lambda: import_pfs_rvu_file(path))
    rows = PhysicianFee.objects.count()
    again = timed(lambda: import_pfs_rvu_file(path))

    print(f"file: {path.name}, {rows:,} rows, SQLite")
    print(f"read the CSV only (baseline): {baseline:.2f} s")
    print(f"import_pfs_rvu, empty database: {first:.2f} s ({first / baseline:.0f}x baseline)")
    print(f"import_pfs_rvu, again (replaces all rows): {again:.2f} s ({again / baseline:.0f}x)")
    verdict = "within" if max(first, again) < GOAL_SECONDS else "OVER"
    print(f"goal < {GOAL_SECONDS} s: {verdict}")


if __name__ == "__main__":
    main()
