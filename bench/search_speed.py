"""Search and suggest p95 over 1,000+ mixed queries with the full code sets loaded.

Queries are drawn (seeded) from the loaded catalogue: exact codes in other spellings, code
prefixes, descriptor words, and words with two letters swapped (typos); the Case2Code
evaluation set (bench/search_queries.tsv: abbreviations, lay words, index terms...) is
timed as a kind of its own. The Alphabetic Index and the search dictionary are loaded.
Each goes through the test client in-process, to /search/ and to /search/suggest; a plain
code page (a different code each time, so its page cache misses) is timed in the same run
as the baseline, and its query count is printed.
Run: .venv/bin/python bench/search_speed.py   (BENCH_DATABASE_URL=... for PostgreSQL)
"""

import random
import re

from common import machine_note, percentile, setup_django, timed
from search_quality import load_everything, read_queries

QUERIES_PER_KIND = 260
SEED = 5


def build_queries(codes: list[tuple[str, str, str]]) -> dict[str, list[str]]:
    chooser = random.Random(SEED)
    picks = [chooser.choice(codes) for _ in range(QUERIES_PER_KIND * 4)]
    queries: dict[str, list[str]] = {"code": [], "prefix": [], "words": [], "typo": []}
    for index, (_system, code, descriptor) in enumerate(picks):
        kind = list(queries)[index % 4]
        words = [word for word in re.findall(r"[a-z]+", descriptor.lower()) if len(word) > 3]
        if kind == "code":
            queries[kind].append(code.replace(".", "").lower())
        elif kind == "prefix":
            queries[kind].append(code.replace(".", "")[: chooser.randint(3, 5)])
        elif words:
            chosen = chooser.sample(words, min(len(words), chooser.randint(1, 3)))
            if kind == "typo":
                word = chosen[0]
                at = chooser.randrange(2, len(word) - 1)
                chosen[0] = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
            queries[kind].append(" ".join(chosen))
    return queries


def typed_for_suggest(kind: str, text: str) -> str:
    """What the search box holds when a suggestion is asked: a word query less its last two
    letters (mid-word), a code as typed."""
    return text if kind in ("code", "prefix") else text[: max(2, len(text) - 2)].strip()


if __name__ == "__main__":
    note = machine_note()
    database = setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from lookup.models import Code, IndexTerm

    load_everything()

    codes = list(
        Code.objects.filter(level=Code.Level.CODE).values_list(
            "system__slug", "code", "long_descriptor"
        )
    )
    queries = build_queries(codes)
    queries["case2code"] = [query for query, _, _ in read_queries()]
    total = sum(len(each) for each in queries.values())
    client = Client()
    user, _ = User.objects.get_or_create(email="bench@example.org", defaults={"is_staff": True})
    client.force_login(user)

    for query in queries["words"][:20]:  # warm up connections and caches
        timed(client, "/search/", {"q": query})

    search_times: dict[str, list[float]] = {kind: [] for kind in queries}
    suggest_times: dict[str, list[float]] = {kind: [] for kind in queries}
    for kind, texts in queries.items():
        for text in texts:
            search_times[kind].append(timed(client, "/search/", {"q": text}))
            typed = typed_for_suggest(kind, text)
            suggest_times[kind].append(timed(client, "/search/suggest", {"q": typed}))

    page_codes = random.Random(SEED + 1).sample(codes, 1000)
    page_times = [timed(client, f"/codes/{system}/{code}/") for system, code, _ in page_codes]
    deep = Code.objects.filter(system__slug="icd-10-cm", code="S72.001A").first()
    with CaptureQueriesContext(connection) as captured:
        client.get(f"/codes/icd-10-cm/{deep.code}/" if deep else "/codes/hcpcs/G0008/")

    all_search = [value for values in search_times.values() for value in values]
    all_suggest = [value for values in suggest_times.values() for value in values]
    code_count = Code.objects.count()
    print(
        f"Search speed on {database}, {code_count:,} codes and "
        f"{IndexTerm.objects.count():,} index terms loaded; {note}."
    )
    print(f"{total:,} queries ({', '.join(f'{len(v)} {k}' for k, v in queries.items())}).")
    print(f"  search  p95 {percentile(all_search, 0.95):6.1f} ms   (goal < 50 ms)")
    print(f"  suggest p95 {percentile(all_suggest, 0.95):6.1f} ms   (goal < 20 ms)")
    print(
        f"  code page (baseline, cache misses) p95 {percentile(page_times, 0.95):6.1f} ms, "
        f"median {percentile(page_times, 0.5):.1f} ms; "
        f"{len(captured.captured_queries)} queries for a logged-in code page"
    )
    for kind in queries:
        print(
            f"    {kind:<9} search p95 {percentile(search_times[kind], 0.95):6.1f} ms, "
            f"median {percentile(search_times[kind], 0.5):5.1f};  suggest p95 "
            f"{percentile(suggest_times[kind], 0.95):6.1f} ms, "
            f"median {percentile(suggest_times[kind], 0.5):5.1f}"
        )
    page_p95 = percentile(page_times, 0.95)
    print(
        f"  ratios to the code page p95: search {percentile(all_search, 0.95) / page_p95:.1f}x, "
        f"suggest {percentile(all_suggest, 0.95) / page_p95:.1f}x"
    )
