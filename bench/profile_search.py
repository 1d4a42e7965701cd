"""Where search's time goes, in-process (no HTTP, no template): per query kind, the time, this
process's CPU time, the database's share and round trips, the costliest statement shapes,
and with --profile the functions cProfile finds costliest.

Uses the queries of search_speed.py on the bench database (full code sets, index and
dictionary; loaded first if missing).
Run: .venv/bin/python bench/profile_search.py [--suggest] [--profile]
     (BENCH_DATABASE_URL=... for PostgreSQL)
"""

import cProfile
import io
import pstats
import re
import sys
import time

from common import machine_note, percentile, setup_django
from search_quality import load_everything, read_queries
from search_speed import build_queries, typed_for_suggest


def main() -> None:
    note = machine_note()
    database = setup_django()
    from django.db import connection

    from lookup.models import Code
    from lookup.search import search_codes, suggest_codes

    load_everything()
    codes = list(
        Code.objects.filter(level=Code.Level.CODE).values_list(
            "system__slug", "code", "long_descriptor"
        )
    )
    queries = build_queries(codes)
    queries["case2code"] = [query for query, _, _ in read_queries()]
    suggesting = "--suggest" in sys.argv

    def run(kind: str, text: str) -> None:
        if suggesting:
            suggest_codes(typed_for_suggest(kind, text))
        else:
            search_codes(text)

    statements: dict[str, list[float]] = {}

    def timed_statement(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            shape = re.sub(r"\s+", " ", sql)[:100]
            statements.setdefault(shape, []).append((time.perf_counter() - started) * 1000)

    for kind, texts in queries.items():  # warm the caches a process keeps
        for text in texts[:10]:
            run(kind, text)
    print(f"{'Suggest' if suggesting else 'Search'} in-process on {database}; {note}.")
    with connection.execute_wrapper(timed_statement):
        for kind, texts in queries.items():
            before = sum(len(each) for each in statements.values())
            spent_before = sum(sum(each) for each in statements.values())
            times = []
            # This process's CPU (Python, and SQLite's own work): far steadier than the
            # wall-clock time on a loaded machine, for comparing two versions of search.
            cpu_started = time.process_time()
            for text in texts:
                started = time.perf_counter()
                run(kind, text)
                times.append((time.perf_counter() - started) * 1000)
            cpu = (time.process_time() - cpu_started) * 1000 / len(texts)
            trips = sum(len(each) for each in statements.values()) - before
            spent = sum(sum(each) for each in statements.values()) - spent_before
            print(
                f"  {kind:<9} p95 {percentile(times, 0.95):5.1f} ms, mean "
                f"{sum(times) / len(times):5.1f} ms, this process's CPU {cpu:5.1f} ms; database "
                f"{spent / len(texts):4.1f} ms in {trips / len(texts):.1f} statements a query"
            )
    print("Costliest statement shapes (total ms, count, p95 ms):")
    by_total = sorted(statements.items(), key=lambda item: -sum(item[1]))
    for shape, times in by_total[:8]:
        print(f"  {sum(times):7.0f} {len(times):6d} {percentile(times, 0.95):6.1f}  {shape}")

    if "--profile" in sys.argv:
        profile = cProfile.Profile()
        profile.enable()
        for kind, texts in queries.items():
            for text in texts:
                run(kind, text)
        profile.disable()
        output = io.StringIO()
        pstats.Stats(profile, stream=output).sort_stats("tottime").print_stats(20)
        print(output.getvalue())


if __name__ == "__main__":
    main()
