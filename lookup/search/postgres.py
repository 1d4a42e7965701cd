"""PostgreSQL search backend: weighted full-text search (english) and pg_trgm for typos.

The stored tsvector column and its index, and the word list, are created by migration
lookup/0003.
"""

from django.db import connection
from django.db.models import Q

# Candidates for a misspelt word, ranked by pg_trgm's similarity().
SIMILAR_WORDS = 50
# At most this many matches are ranked (see ranked_code_ids).
RANKED_MATCHES = 2000
# The code table's name in the query below, for conditions the caller adds (`within`).
CODE_ALIAS = "candidate"


def tsquery_text(words: list[str], prefix_last: bool) -> str:
    """A to_tsquery text requiring every word; the words hold only letters and digits."""
    terms = list(words)
    if prefix_last:
        terms[-1] += ":*"
    return " & ".join(terms)


def ranked_code_ids(
    words: list[str],
    *,
    system_id: int | None,
    billable_only: bool,
    limit: int,
    prefix_last: bool = False,
    within: tuple[str, list] | None = None,
) -> list[int]:
    """Ids of the codes matching every word, best match first, deleted codes last.

    As on SQLite, a common word matches tens of thousands of codes: only the first
    RANKED_MATCHES matches the index yields (in table order, which imports write top down)
    are ranked. The limit also steers the planner: below the ~1,500 rows it guesses for a
    prefix query it reads the whole table instead of the index (measured: 70 ms, not 5).
    """
    conditions = ["search_document @@ to_tsquery('english', %s)"]
    parameters: list = [tsquery_text(words, prefix_last)]
    if system_id is not None:
        conditions.append("system_id = %s")
        parameters.append(system_id)
    if billable_only:
        conditions.append("level = 'code' AND billable")
    if within is not None:  # a condition on CODE_ALIAS
        conditions.append(within[0])
        parameters.extend(within[1])
    sql = f"""
        WITH matches AS (
            SELECT id, status, code, search_document FROM lookup_code AS candidate
            WHERE {" AND ".join(conditions)}
            LIMIT {RANKED_MATCHES}
        )
        SELECT id FROM matches, to_tsquery('english', %s) AS query
        ORDER BY status = 'deleted', ts_rank(search_document, query) DESC, code
        LIMIT %s
    """  # Only fixed fragments are formatted in; every value is a parameter.
    with connection.cursor() as cursor:
        cursor.execute(sql, [*parameters, parameters[0], limit])
        return [row[0] for row in cursor.fetchall()]


def known_words(words: list[str]) -> set[str]:
    """The words that occur in some descriptor or inclusion term."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT word FROM lookup_search_word WHERE word = ANY(%s)", [words])
        return {row[0] for row in cursor.fetchall()}


def similar_words(word: str) -> list[str]:
    """Indexed words of similar length and the same first letter, most trigrams shared first.

    Reading only words with the same first letter keeps this to a couple of milliseconds
    (a trigram index search at the low threshold a swapped pair needs took 15-40 ms); a
    typo in the first letter is not corrected.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM lookup_search_word"
            " WHERE word LIKE %s AND length(word) BETWEEN %s AND %s"
            " ORDER BY similarity(word, %s) DESC LIMIT %s",
            [word[0] + "%", len(word) - 2, len(word) + 2, word, SIMILAR_WORDS],
        )
        return [row[0] for row in cursor.fetchall()]


def code_prefix_filter(prefix: str) -> Q:
    return Q(code__startswith=prefix)
