"""The evaluation sets stay honest: a held-out set is frozen, and no query is a dictionary key."""

import hashlib
from pathlib import Path

from lookup.search.synonyms import SEED_FILE, normalised_term, read_seed

BENCH = Path(__file__).resolve().parent.parent.parent / "bench"
HELD_OUT_SEARCH_QUERIES = BENCH / "search_queries_held_out.tsv"
# The digest of issue 25's held-out set as written, before the search changes it measures.
HELD_OUT_SEARCH_DIGEST = "3e34b5c1c581fbc5ade08fea838052d73092782727d8bb472d4ec9244143e796"


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
