"""Case2Code's hit rates on the evaluation sets, held-out figures first, for search and suggest.

The headline figure is hit@3: the right code among the first three results (hit@1 and hit@10
beside it); the autocomplete's hit@3 is beside search's, and each query's search and suggest
times give p50 and p95. Both go through the test client as a coder's browser would: /search/
(an exact match redirects to its page, else the results are the page's list items, in order)
and /search/suggest (the suggestions' URLs). A result is the code its link leads to, or
"modifier:XX" when it leads to modifier XX's row of a modifier page
(/codes/hcpcs/modifiers/#modifier-XX).

Three sets, query<TAB>expected codes<TAB>kind ("X-" accepts X and every code under it):
- search_queries_held_out.tsv (issue 25): wholly held out, frozen before the change it measures;
- search_queries.tsv, the tuning set, and search_queries_fresh.tsv, written later: one query
  in four of each (by a hash of its text) is held out; the rest guided the dictionary and rules;
- search_queries_dev.tsv: new patient words and abbreviations, wholly tuned on (none held out).
Held-out figures print first: the new set by kind, then the older sets' held-out quarters,
then everything. Misses of held-out queries are shown only with --misses.
The full ICD-10-CM (tabular list and Alphabetic Index), HCPCS Level II, the demo catalogue and
the search dictionary (its seed and the abbreviations' sources) are loaded into the bench
database first when missing.
Run: .venv/bin/python bench/search_quality.py [--held-out | --tuning | --fresh | --dev] [--misses]
     (one set, or all three; BENCH_DATABASE_URL=... for PostgreSQL)
"""

import hashlib
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from common import HCPCS_FILE, machine_note, percentile, setup_django, timed_response

BENCH = Path(__file__).resolve().parent
QUERIES = BENCH / "search_queries.tsv"
FRESH_QUERIES = BENCH / "search_queries_fresh.tsv"
HELD_OUT_QUERIES = BENCH / "search_queries_held_out.tsv"
DEV_QUERIES = BENCH / "search_queries_dev.tsv"
# Each set: its option, its name in the figures, its file, how much of it is held out
# (True all, False one query in four, None none).
EVALUATION_SETS = [
    ("--held-out", "issue 25's held-out set", HELD_OUT_QUERIES, True),
    ("--tuning", "the tuning set", QUERIES, False),
    ("--fresh", "the fresh set", FRESH_QUERIES, False),
    ("--dev", "the dev set (tuned on)", DEV_QUERIES, None),
]
HIT_RANKS = (1, 3, 10)
WARM_UP_QUERIES = ["fever", "knee pain", "fracture of femur", "walker", "e11"]


def read_queries(path: Path = QUERIES) -> list[tuple[str, list[str], str]]:
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, expected, kind = line.split("\t")
            queries.append((query, expected.split(), kind))
    return queries


def is_held_out(query: str) -> bool:
    return int(hashlib.sha1(query.lower().encode()).hexdigest(), 16) % 4 == 0


def is_expected(found: str, expected: list[str]) -> bool:
    """Whether a result (a code, or "modifier:XX") is one the query expects."""
    return any(
        found.startswith(each[:-1].rstrip(".")) if each.endswith("-") else found == each
        for each in expected
    )


def url_target(url: str) -> str | None:
    """What a link leads to: the code of a code page, "modifier:XX" for a modifier's row of
    a modifier page, None for anything else."""
    parts = urlsplit(url)
    path = [part for part in parts.path.split("/") if part]
    if len(path) != 3 or path[0] != "codes":
        return None
    if path[2] == "modifiers":
        # A row's anchor: "#modifier-59" (the page's), or plain "#59".
        code = parts.fragment.removeprefix("modifier-")
        return f"modifier:{code}" if code else None
    return path[2]


class ResultLinks(HTMLParser):
    """The first code-set link of each list item in the page's main content, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.in_main = False
        self.item_open = False
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") or ""
        if tag == "main":
            self.in_main = True
        elif tag == "li" and self.in_main:
            self.item_open = True
        elif tag == "a" and self.item_open and href.startswith("/codes/"):
            self.links.append(href)
            self.item_open = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main = False
        elif tag == "li":
            self.item_open = False


def searched(client, query: str) -> tuple[float, list[str]]:
    """/search/ for the query: (milliseconds, what its redirect or results lead to, in order)."""
    elapsed, response = timed_response(client, "/search/", {"q": query})
    if response.status_code == 302:
        return elapsed, [url_target(response["Location"]) or response["Location"]]
    page = ResultLinks()
    page.feed(response.content.decode())
    return elapsed, [target for target in map(url_target, page.links) if target]


def suggested(client, query: str) -> tuple[float, list[str]]:
    """/search/suggest for the whole query: (milliseconds, what its suggestions lead to)."""
    elapsed, response = timed_response(client, "/search/suggest", {"q": query})
    urls = [each["url"] for each in response.json()["suggestions"]]
    return elapsed, [target for target in map(url_target, urls) if target]


def rank_of(found: list[str], expected: list[str]) -> int | None:
    """The position (0 the first) of the first expected result within the first ten."""
    return next((i for i, each in enumerate(found[:10]) if is_expected(each, expected)), None)


@dataclass
class Scored:
    query: str
    expected: list[str]
    kind: str
    held_out: bool
    search_rank: int | None
    suggest_rank: int | None
    search_found: list[str]
    search_ms: float
    suggest_ms: float


@dataclass
class Tally:
    """Hits of a group of queries: search at 1, 3 and 10, suggest at 3."""

    scored: list[Scored] = field(default_factory=list)

    def rate(self, at: int, suggest: bool = False) -> float:
        ranks = [each.suggest_rank if suggest else each.search_rank for each in self.scored]
        return sum(rank is not None and rank < at for rank in ranks) / len(ranks)

    def line(self, label: str) -> str:
        search = "  ".join(f"{self.rate(at):6.1%}" for at in HIT_RANKS)
        return f"  {label:<30} {len(self.scored):4d}  {search}     {self.rate(3, True):6.1%}"


HEADER = f"  {'':<30} {'n':>4}  {'hit@1':>6}  {'hit@3':>6}  {'hit@10':>6}  suggest@3"


def score_set(client, path: Path, wholly_held_out: bool | None) -> list[Scored]:
    scored = []
    for query, expected, kind in read_queries(path):
        search_ms, search_found = searched(client, query)
        suggest_ms, suggest_found = suggested(client, query)
        scored.append(
            Scored(
                query,
                expected,
                kind,
                wholly_held_out or (wholly_held_out is False and is_held_out(query)),
                rank_of(search_found, expected),
                rank_of(suggest_found, expected),
                search_found[:5],
                search_ms,
                suggest_ms,
            )
        )
    return scored


def all_held_out(scored: list[Scored]) -> bool:
    return all(each.held_out for each in scored)


def print_by_kind(scored: list[Scored]) -> None:
    kinds = sorted({each.kind for each in scored})
    for kind in kinds:
        print(Tally([each for each in scored if each.kind == kind]).line(f"  {kind}"))


def print_times(label: str, scored: list[Scored]) -> None:
    search = [each.search_ms for each in scored]
    suggest = [each.suggest_ms for each in scored]
    print(
        f"  {label:<30} search p50 {percentile(search, 0.5):5.1f} ms, "
        f"p95 {percentile(search, 0.95):6.1f} ms;  suggest p50 {percentile(suggest, 0.5):5.1f} "
        f"ms, p95 {percentile(suggest, 0.95):6.1f} ms"
    )


def print_misses(name: str, scored: list[Scored], show_held_out: bool) -> None:
    """The queries whose expected code is not in search's first three; held-out ones (marked
    *) only counted unless asked for, so that no one tunes on them by accident."""
    misses = [each for each in scored if each.search_rank is None or each.search_rank >= 3]
    hidden = [each for each in misses if each.held_out and not show_held_out]
    print(
        f"Misses at 3 in {name}: {len(misses)}, {len(hidden)} of them held out and not shown "
        "(--misses shows them; rank 11+ shown as -; held out marked *)"
    )
    for each in misses:
        if each in hidden:
            continue
        where = "-" if each.search_rank is None else each.search_rank + 1
        print(
            f"  {'*' if each.held_out else ' '} {each.query!r} ({each.kind}) want "
            f"{' '.join(each.expected)}, rank {where}; got {' '.join(each.search_found)}"
        )


def load_everything() -> None:
    from lookup.demo_data import DEMO_DATA_DIR, load_demo_catalogue
    from lookup.importers.hcpcs import import_hcpcs_file
    from lookup.importers.icd10cm import import_icd10cm_file
    from lookup.importers.icd10cm_index import import_icd10cm_index
    from lookup.management.commands.import_icd10cm import bundled_files
    from lookup.models import Code, IndexTerm
    from lookup.search.abbreviations import load_abbreviations
    from lookup.search.synonyms import load_seed_synonyms

    if not Code.objects.filter(system__slug="icd-10-cm").count() > 90_000:
        tabular, valid_codes = bundled_files()
        print(import_icd10cm_file(tabular, valid_codes))
    if not IndexTerm.objects.exists():
        print(import_icd10cm_index())
    # The demo data (loaded by other benches into the same database) holds a few HCPCS codes.
    if Code.objects.filter(system__slug="hcpcs").count() <= 8_000:
        print(import_hcpcs_file(HCPCS_FILE))
    load_demo_catalogue(DEMO_DATA_DIR)
    load_seed_synonyms()
    load_abbreviations()


def warmed_up_client():
    """A staff reader's test client (the meter never in the way) once the warm-up queries have
    opened the connections and loaded the caches and the spelling vocabulary."""
    from django.test import Client

    from accounts.models import User

    client = Client()
    user, _ = User.objects.get_or_create(email="bench@example.org", defaults={"is_staff": True})
    client.force_login(user)
    for query in WARM_UP_QUERIES:
        searched(client, query)
        suggested(client, query)
    return client


def main() -> None:
    note = machine_note()
    database = setup_django()
    load_everything()
    from lookup.models import Code, SearchSynonym

    chosen = [each for each in EVALUATION_SETS if each[0] in sys.argv] or EVALUATION_SETS
    client = warmed_up_client()
    results = {name: score_set(client, path, whole) for _, name, path, whole in chosen}

    print(
        f"Case2Code evaluation on {database}: {Code.objects.count():,} codes, "
        f"{SearchSynonym.objects.count():,} dictionary entries; {note}."
    )
    print("HELD OUT (never tuned on):")
    print(HEADER)
    for name, scored in results.items():
        held = [each for each in scored if each.held_out]
        if not held:
            continue
        print(Tally(held).line(name if all_held_out(scored) else f"{name}, held-out 1/4"))
        if all_held_out(scored):
            print_by_kind(held)
    tuned = {name: scored for name, scored in results.items() if not all_held_out(scored)}
    if tuned:
        print(
            "THE TUNED SETS WHOLE (three quarters of each older set, and the dev set, guided "
            "the dictionary and rules):"
        )
        print(HEADER)
    for name, scored in tuned.items():
        print(Tally(scored).line(name))
        print_by_kind(scored)
    print("Times per query (test client, in-process):")
    for name, scored in results.items():
        print_times(name, scored)
    for name, scored in results.items():
        print_misses(name, scored, "--misses" in sys.argv)


if __name__ == "__main__":
    main()
