"""A worker's memory as it serves searches, and what a full garbage collection costs then.

    BENCH_DATABASE_URL=... .venv/bin/python bench/search_memory.py [--synthetic 6000]

Search keeps one per-process cache, the English stems of words (lookup/search/stemming.py,
bounded). This runs what a worker would: gc.freeze() after start-up (config/gunicorn.py), the
development queries twice (search and suggest), then queries made of two words of a random
descriptor. After each step: the process's RSS, the cached entries (and how many caches are
full), the time of one full garbage collection (what a request pays when Python runs one)
and queries per second. Memory should stay flat after the first queries. Uses the bench
database (bench/common.py) with the full ICD-10-CM: run serving.py or search_quality.py once
first.
"""

import argparse
import gc
import random
import re
import time
from pathlib import Path

from common import setup_django

BENCH = Path(__file__).resolve().parent
# The queries read while tuning; the held-out sets are not needed to fill caches.
DEV_FILES = sorted(BENCH.glob("search_queries_dev*.tsv"))


def dev_queries() -> list[str]:
    queries = []
    for path in DEV_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                queries.append(line.split("\t")[0])
    return queries


def synthetic_queries(count: int) -> list[str]:
    """`count` queries of two words of a random ICD-10-CM descriptor (seeded: the same each run)."""
    from lookup.models import Code

    descriptors = list(
        Code.objects.filter(system__slug="icd-10-cm").values_list("short_descriptor", flat=True)
    )
    chosen = random.Random(29)
    queries = []
    while len(queries) < count:
        words = [w for w in re.findall(r"[a-z]+", chosen.choice(descriptors).lower()) if len(w) > 3]
        if len(words) >= 2:
            queries.append(" ".join(chosen.sample(words, 2)))
    return queries


def resident_mib() -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1)) / 1024


def search_caches() -> dict:
    from lookup.search import stemming

    return {"stem": stemming.stem}


def run(queries: list[str]) -> float:
    """Search and suggest each query; queries per second."""
    from lookup.search import search_codes, suggest_codes

    started = time.perf_counter()
    for query in queries:
        search_codes(query)
        suggest_codes(query[: max(4, len(query) - 3)])
    return len(queries) / (time.perf_counter() - started)


def full_collection_ms() -> float:
    started = time.perf_counter()
    gc.collect()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=6000, help="random two-word queries")
    options = parser.parse_args()
    database = setup_django()
    caches = search_caches()
    development = dev_queries()
    synthetic = synthetic_queries(options.synthetic)
    run(["fever"])  # the dictionary, spelling list and connections, loaded once
    gc.collect()
    gc.freeze()  # as config/gunicorn.py does once a worker has loaded the site
    print(f"{database}; {len(development)} development queries, then {len(synthetic)} random")
    print(f"{'after':32} {'RSS MiB':>8} {'entries':>8} {'full':>6} {'gc ms':>6} {'q/s':>6}")

    def report(label: str, rate: float) -> None:
        infos = [cache.cache_info() for cache in caches.values()]
        entries = sum(info.currsize for info in infos)
        full = sum(info.currsize == info.maxsize for info in infos)
        print(f"{label:32} {resident_mib():8.1f} {entries:8,} {full:>3}/{len(infos):<2} "
              f"{full_collection_ms():6.1f} {rate:6.1f}")  # fmt: skip

    report("start-up", 0.0)
    report("development queries, once", run(development))
    report("development queries, again", run(development))
    step = max(1, len(synthetic) // 6)
    for done in range(0, len(synthetic), step):
        batch = synthetic[done : done + step]
        report(f"random queries, {done + len(batch):,}", run(batch))
    print("Caches at the end (entries / bound):")
    for name, cache in caches.items():
        info = cache.cache_info()
        print(f"  {name:24} {info.currsize:7,} / {info.maxsize:,}")


if __name__ == "__main__":
    main()
