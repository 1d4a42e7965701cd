"""The time the Medicare fee files add to the first `make run`.

After the demo data (as `make run` loads it first), runs the fee steps of `load_catalogue`
(pages/full_catalogue.py) on the shipped files: the full PFS relative value file, which
also adds a page for every CPT code it lists, and the GPCI file of every locality. Prints
each step's time, their total against the goal, the same steps again (nothing to write) and,
as a baseline, the time to decompress and read the PFS file's CSV alone. Uses the bench
database (bench/common.py), emptied first:

    .venv/bin/python bench/first_run_fees.py
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/codeatlas_bench_fees \\
        .venv/bin/python bench/first_run_fees.py
"""

import csv
import io
import lzma
import time
from io import StringIO

from common import machine_note, setup_empty_django

GOAL_SECONDS = 15


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    note = machine_note()
    database = setup_empty_django()
    from django.core.management import call_command

    from fees.models import Locality, PhysicianFee
    from lookup.models import Code
    from pages import full_catalogue
    from pages.demo import load_demo_data

    load_demo_data()
    steps = [step for step in full_catalogue.STEPS if not step.writes_page_text]

    def run(step) -> None:
        call_command(step.command, *step.arguments, "--no-progress", stdout=StringIO())

    def read_csv() -> None:
        text = lzma.decompress(full_catalogue.BUNDLED_PFS.read_bytes()).decode("utf-8-sig")
        for _ in csv.reader(io.StringIO(text)):
            pass

    codes_before = Code.objects.filter(system__slug="cpt", level=Code.Level.CODE).count()
    first = {step.name: timed(lambda step=step: run(step)) for step in steps}
    codes_after = Code.objects.filter(system__slug="cpt", level=Code.Level.CODE).count()
    again = {step.name: timed(lambda step=step: run(step)) for step in steps}
    baseline = min(timed(read_csv) for _ in range(3))

    print(f"first run's fee files, {database}, after the demo data; {note}")
    print(
        f"{PhysicianFee.objects.count():,} fee rows, {Locality.objects.count()} localities, "
        f"CPT code pages {codes_before:,} -> {codes_after:,}"
    )
    print(f"decompress and read the PFS CSV alone (baseline, best of 3): {baseline:.2f} s")
    for name in first:
        print(f"{name}: {first[name]:.2f} s first, {again[name]:.2f} s again")
    total = sum(first.values())
    verdict = "within" if total < GOAL_SECONDS else "OVER"
    print(f"total the fee files add: {total:.2f} s ({total / baseline:.0f}x baseline)")
    print(f"goal < {GOAL_SECONDS} s: {verdict}")


if __name__ == "__main__":
    main()
