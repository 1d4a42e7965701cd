"""Case2Code's hit rate at 1 and at 10 on bench/search_queries.tsv, and the misses.

The full ICD-10-CM (tabular list and Alphabetic Index), HCPCS Level II, the demo catalogue
(its six sample CPT codes) and the search dictionary are loaded into the bench database
first when missing, as `make run` plus the imports would. One query in four (by a hash of
its text) is held out: it was written with the others before the ranking was tuned, and
never looked at while tuning. Figures are printed for all queries and for the held-out ones.
`--fresh` scores bench/search_queries_fresh.tsv instead, a second set written later, before
any of it was run; its first figures were taken untouched, then its misses guided general
changes (dictionary entries, rules), except those of its own held-out quarter (same hash),
which stay unseen.
Run: .venv/bin/python bench/search_quality.py [--fresh] [--misses]
     (BENCH_DATABASE_URL=... for PostgreSQL)
"""

import hashlib
import sys
from pathlib import Path

from common import HCPCS_FILE, setup_django

QUERIES = Path(__file__).resolve().parent / "search_queries.tsv"
FRESH_QUERIES = Path(__file__).resolve().parent / "search_queries_fresh.tsv"


def read_queries(path: Path = QUERIES) -> list[tuple[str, list[str], str]]:
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, expected, kind = line.split("\t")
            queries.append((query, expected.split(), kind))
    return queries


def is_held_out(query: str) -> bool:
    return int(hashlib.sha1(query.lower().encode()).hexdigest(), 16) % 4 == 0


def is_expected(code: str, expected: list[str]) -> bool:
    return any(
        code.startswith(each[:-1].rstrip(".")) if each.endswith("-") else code == each
        for each in expected
    )


def load_everything() -> None:
    from lookup.demo_data import DEMO_DATA_DIR, load_demo_data
    from lookup.importers.hcpcs import import_hcpcs_file
    from lookup.importers.icd10cm import import_icd10cm_file
    from lookup.importers.icd10cm_index import import_icd10cm_index
    from lookup.management.commands.import_icd10cm import bundled_files
    from lookup.models import Code, IndexTerm
    from lookup.search.synonyms import load_seed_synonyms

    if not Code.objects.filter(system__slug="icd-10-cm").count() > 90_000:
        tabular, valid_codes = bundled_files()
        print(import_icd10cm_file(tabular, valid_codes))
    if not IndexTerm.objects.exists():
        print(import_icd10cm_index())
    if not Code.objects.filter(system__slug="hcpcs").exists():
        print(import_hcpcs_file(HCPCS_FILE))
    load_demo_data(DEMO_DATA_DIR)
    load_seed_synonyms()


if __name__ == "__main__":
    database = setup_django()
    load_everything()
    from lookup.search import search_codes

    show_misses = "--misses" in sys.argv
    fresh = "--fresh" in sys.argv
    tally = {"all": [0, 0, 0], "held out": [0, 0, 0]}
    by_kind: dict[str, list[int]] = {}
    misses = []
    for query, expected, kind in read_queries(FRESH_QUERIES if fresh else QUERIES):
        outcome = search_codes(query)
        found = [outcome.exact.code] if outcome.exact else [r.code.code for r in outcome.results]
        rank = next((i for i, code in enumerate(found[:10]) if is_expected(code, expected)), None)
        held = is_held_out(query)
        for name in ["all", "held out"] if held else ["all"]:
            tally[name][0] += 1
            tally[name][1] += rank == 0
            tally[name][2] += rank is not None
        counts = by_kind.setdefault(kind, [0, 0, 0])
        counts[0] += 1
        counts[1] += rank == 0
        counts[2] += rank is not None
        if rank != 0:
            misses.append((query, expected, kind, rank, found[:5], held))
    label = "the fresh set" if fresh else "the tuning set"
    print(f"Case2Code evaluation on {database}, {label}: {tally['all'][0]} queries.")
    for name, (total, first, ten) in tally.items():
        print(
            f"  {name:<9} {total:4d} queries  hit@1 {first / total:6.1%}  hit@10 {ten / total:6.1%}"
        )
    for kind, (total, first, ten) in sorted(by_kind.items()):
        print(f"    {kind:<13} {total:4d}  hit@1 {first / total:6.1%}  hit@10 {ten / total:6.1%}")
    print(f"Misses at 1 ({len(misses)}; rank 11+ shown as -; held-out queries marked *):")
    for query, expected, kind, rank, found, held in misses:
        if held and not show_misses:
            print(f"  * (held out) rank {'-' if rank is None else rank + 1}")
            continue
        where = "-" if rank is None else rank + 1
        print(
            f"  {'*' if held else ' '} {query!r} ({kind}) want {' '.join(expected)}, "
            f"rank {where}; got {' '.join(found)}"
        )
