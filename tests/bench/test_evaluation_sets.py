"""The evaluation sets stay honest: the held-out parts in bench/ stay as they were frozen,
no search query is a dictionary key, and no development query is one of an evaluation set."""

import hashlib
import json
from pathlib import Path

from lookup.search.synonyms import SEED_FILE, read_seed
from lookup.words import normalised_term

BENCH = Path(__file__).resolve().parents[2] / "bench"
HELD_OUT_SEARCH_QUERIES = BENCH / "search_queries_held_out.tsv"
# The digest of issue 25's held-out set as written, before the search changes it measures.
HELD_OUT_SEARCH_DIGEST = "3e34b5c1c581fbc5ade08fea838052d73092782727d8bb472d4ec9244143e796"
CASEPILOT_QUESTIONS = BENCH / "casepilot_questions.json"
# SHA-256 of the 55 held-out items of casepilot_questions.json, frozen before issue 24
# changed CasePilot (canonical JSON: sorted keys, no spaces, UTF-8).
CASEPILOT_HELD_OUT_DIGEST = "23bde99148502e06ba4cca23052982e3a237ffa04d715d8cad9b6514aa9fae12"


def search_query_lines(path: Path) -> list[str]:
    """The query lines of a Case2Code evaluation file (query, expected codes, kind), no comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def test_held_out_search_queries_are_unchanged_since_frozen():
    query_lines = "".join(f"{line}\n" for line in search_query_lines(HELD_OUT_SEARCH_QUERIES))

    assert hashlib.sha256(query_lines.encode()).hexdigest() == HELD_OUT_SEARCH_DIGEST


def test_no_search_evaluation_query_is_a_dictionary_key():
    keys = {term for term, _expansion, _kind in read_seed(SEED_FILE)}
    evaluation_files = sorted(BENCH.glob("search_queries*.tsv"))

    keyed = [
        f"{path.name}: {query}"
        for path in evaluation_files
        for query in (line.split("\t")[0] for line in search_query_lines(path))
        if normalised_term(query) in keys
    ]

    assert len(evaluation_files) >= 3
    assert keyed == []


def test_no_development_query_repeats_an_evaluation_query():
    # Development sets are tuned on; a query shared with a held-out set would leak into it.
    development_files = sorted(BENCH.glob("search_queries_dev*.tsv"))
    evaluation_files = [HELD_OUT_SEARCH_QUERIES, BENCH / "search_queries.tsv",
                        BENCH / "search_queries_fresh.tsv"]  # fmt: skip

    def queries(path: Path) -> set[str]:
        return {normalised_term(line.split("\t")[0]) for line in search_query_lines(path)}

    evaluation_queries = set().union(*(queries(path) for path in evaluation_files))
    repeated = [
        f"{path.name}: {query}"
        for path in development_files
        for query in sorted(queries(path) & evaluation_queries)
    ]

    assert len(development_files) >= 5
    assert repeated == []


def test_casepilot_held_out_questions_are_unchanged():
    """The held-out quarter measures CasePilot on questions nobody tuned it on, so it was
    frozen before CasePilot changed: editing, adding or removing a held-out item (its
    question, expected fact, codes or reader) would let the figure follow the code. To
    measure something new, add items that are not held out."""
    items = json.loads(CASEPILOT_QUESTIONS.read_text(encoding="utf-8"))
    held_out = [item for item in items if item["held_out"]]
    canonical = json.dumps(held_out, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert hashlib.sha256(canonical.encode()).hexdigest() == CASEPILOT_HELD_OUT_DIGEST
