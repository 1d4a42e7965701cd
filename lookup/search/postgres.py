"""PostgreSQL search backend: weighted full-text search (english) and pg_trgm for typos.

The stored tsvector column, the word list and their indexes are created by migration
lookup/0003.
"""

from django.db import connection
from django.db.models import Q

# Lower than pg_trgm's default (0.3): a swapped pair of letters in a short word
# ("biospy") shares few trigrams with the right word.
SIMILARITY_THRESHOLD = 0.25
SIMILAR_WORDS = 20


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
) -> list[int]:
    """Ids of the codes matching every word, best match first, deleted codes last."""
    conditions = ["search_document @@ query"]
    parameters: list = [tsquery_text(words, prefix_last)]
    if system_id is not None:
        conditions.append("system_id = %s")
        parameters.append(system_id)
    if billable_only:
        conditions.append("level = 'code' AND billable")
    sql = f"""
        SELECT id FROM lookup_code, to_tsquery('english', %s) AS query
        WHERE {" AND ".join(conditions)}
        ORDER BY status = 'deleted', ts_rank(search_document, query) DESC, code
        LIMIT %s
    """  # Only fixed fragments are formatted in; every value is a parameter.
    with connection.cursor() as cursor:
        cursor.execute(sql, [*parameters, limit])
        return [row[0] for row in cursor.fetchall()]


def known_words(words: list[str]) -> set[str]:
    """The words that occur in some descriptor or inclusion term."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT word FROM lookup_search_word WHERE word = ANY(%s)", [words])
        return {row[0] for row in cursor.fetchall()}


def similar_words(word: str) -> list[str]:
    """Indexed words sharing the most trigrams with `word`, through the trigram index."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.similarity_threshold', %s, false)",
            [str(SIMILARITY_THRESHOLD)],
        )
        cursor.execute(
            "SELECT word FROM lookup_search_word WHERE word %% %s"
            " ORDER BY similarity(word, %s) DESC LIMIT %s",
            [word, word, SIMILAR_WORDS],
        )
        return [row[0] for row in cursor.fetchall()]


def code_prefix_filter(prefix: str) -> Q:
    return Q(code__startswith=prefix)
