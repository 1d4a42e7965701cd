"""CasePilot answer quality and speed: hit rate at 3 on a question set, and p95 answer time.

    .venv/bin/python bench/assistant_answers.py [--icd10cm] [--runs 5]

Uses the bench database (bench/common.py: BENCH_DATABASE_URL, else SQLite in build/bench/),
loads the demo catalogue and, with --icd10cm, the full ICD-10-CM (`manage.py import_icd10cm`:
every code and its notes), which retrieval must see past. Answers are asked in-process by a
staff account, which reads every section unmetered, so the figures measure retrieval, not
the gates or the meter.
A hit at 3: one of the question's expected sections is among the answer's first three
sources. Times are printed beside a plain code page's time measured in the same run.
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from common import machine_note, percentile, setup_django

DATABASE = setup_django()

from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402

from accounts.models import User  # noqa: E402
from assistant.answers import answer_question  # noqa: E402
from assistant.indexing import rebuild_index  # noqa: E402
from assistant.models import IndexedSection  # noqa: E402
from assistant.questions import read_question  # noqa: E402
from lookup.demo_data import DEMO_DATA_DIR, load_demo_data  # noqa: E402
from lookup.models import Code  # noqa: E402

QUESTIONS = json.loads((Path(__file__).parent / "assistant_questions.json").read_text())
# Questions marked held_out were added after the retrieval was tuned on the others.
HELD_OUT = sum(item.get("held_out", False) for item in QUESTIONS) or 1


def import_full_icd10cm() -> None:
    """The full ICD-10-CM with its instructional notes, by the project's importer."""
    call_command("import_icd10cm", stdout=sys.stderr)


def run(reader: User, runs: int) -> tuple[float, float, list[float], list[str]]:
    factory = RequestFactory()
    hits, held_out_hits, times, misses = 0, 0, [], []
    for item in QUESTIONS:
        for _ in range(runs):
            request = factory.get("/assistant/")
            request.user = reader
            request.session = SessionStore()
            started = time.perf_counter()
            answer = answer_question(request, read_question(item["question"], item["code"]))
            times.append(time.perf_counter() - started)
        top = [source.url for source in answer.sources[:3]]
        if set(top) & set(item["expected"]):
            hits += 1
            held_out_hits += item.get("held_out", False)
        else:
            misses.append(f"  miss: {item['question']!r} -> {top or 'nothing found'}")
    return hits / len(QUESTIONS), held_out_hits / HELD_OUT, times, misses


def code_page_times(reader: User, runs: int) -> list[float]:
    client = Client()
    client.force_login(reader)
    times = []
    for _ in range(runs * 10):
        started = time.perf_counter()
        client.get("/codes/cpt/27323/")
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--icd10cm", action="store_true", help="import the full ICD-10-CM first")
    parser.add_argument("--runs", type=int, default=5, help="times each question is asked")
    arguments = parser.parse_args()

    load_demo_data(DEMO_DATA_DIR)
    if arguments.icd10cm:
        import_full_icd10cm()
    started = time.perf_counter()
    counts = rebuild_index()
    print(f"index rebuilt in {time.perf_counter() - started:.1f} s ({counts.added} rows added)")
    # Staff read every section and are never metered: the figures measure retrieval alone.
    reader, _ = User.objects.update_or_create(
        email="bench-reader@example.org", defaults={"is_staff": True}
    )
    rows = IndexedSection.objects.count()
    print(machine_note())
    print(f"{DATABASE}: {Code.objects.count()} codes, {rows} index rows, "
          f"{len(QUESTIONS)} questions x {arguments.runs} runs")  # fmt: skip

    page = statistics.median(code_page_times(reader, arguments.runs))
    hit_rate, held_out_rate, times, misses = run(reader, arguments.runs)
    p50, p95 = statistics.median(times), percentile(times, 0.95)
    print(
        f"hit rate at 3 {hit_rate:.0%} (lay-word questions written after tuning: "
        f"{held_out_rate:.0%}); answer p50 {p50 * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms ({p95 / page:.1f}x a code page's {page * 1000:.1f} ms)"
    )
    print("\n".join(misses))


if __name__ == "__main__":
    main()
