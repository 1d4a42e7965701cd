"""CasePilot's index built from empty (what the first `make run` does), then again with nothing
changed: wall and CPU seconds, and the rows by kind.

    .venv/bin/python bench/index_build.py
    (BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/codeatlas_bench_NAME for PostgreSQL)

Runs on the bench database as it is (copy the shared one to build/bench/bench.sqlite3, or load
it with bench/assistant_answers.py first): its index rows are deleted, then rebuilt.
"""

import time
from collections import Counter

from common import machine_note, setup_django

DATABASE = setup_django()

from django.db import transaction  # noqa: E402

from assistant.indexing import rebuild_index  # noqa: E402
from assistant.models import IndexedSection  # noqa: E402
from lookup.models import Code  # noqa: E402


def timed(label: str) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    counts = rebuild_index()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"  {label}: {wall:.1f} s wall, {cpu:.1f} s CPU ({counts.added} rows added, "
        f"{counts.updated} updated, {counts.unchanged} unchanged, {counts.removed} removed)"
    )


def main() -> None:
    with transaction.atomic():
        IndexedSection.objects.all().delete()
    print(machine_note())
    print(f"{DATABASE}: {Code.objects.filter(level=Code.Level.CODE).count()} codes")
    timed("from empty")
    timed("again, nothing changed")
    kinds = Counter(IndexedSection.objects.values_list("kind", flat=True))
    print(f"  {sum(kinds.values())} rows: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))


if __name__ == "__main__":
    main()
