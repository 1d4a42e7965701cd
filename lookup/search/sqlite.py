"""SQLite search backend: FTS5 (porter stemming, bm25 ranking) and its vocabulary for typos.

The tables and triggers are created by migration lookup/0003.
"""

from django.db import connection
from django.db.models import Q

from .spelling import most_similar

# bm25 weights of the indexed columns: short descriptor, long descriptor, inclusion terms.
COLUMN_WEIGHTS = "10.0, 4.0, 2.0"
# At most this many matches are ranked (see ranked_code_ids).
RANKED_MATCHES = 2000
# Candidates for a misspelt word handed to the edit-distance check.
SIMILAR_WORDS = 50
FTS_MATCHES = "FROM lookup_code_search WHERE lookup_code_search MATCH %s"
# The code table's name in the queries below, for conditions the caller adds (`within`).
CODE_ALIAS = "code"
# Sorts after every real string, so [prefix, prefix + HIGHEST) covers the codes that start
# with prefix and lets SQLite use the index on code (LIKE would not).
HIGHEST_CHARACTER = "\U0010ffff"


def match_expression(words: list[str], prefix_last: bool) -> str:
    """An FTS5 query requiring every word; the words hold only letters and digits."""
    terms = [f'"{word}"' for word in words]
    if prefix_last:
        terms[-1] += "*"
    return " ".join(terms)


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

    bm25 costs time for every match it scores: a common word ("fracture", "initial
    encounter") matches tens of thousands of ICD-10-CM codes. Only the first RANKED_MATCHES
    matches in catalogue order are ranked; an import writes the hierarchy top down, so those
    are the chapters, categories and codes before their 7th-character variants.
    """
    conditions = ["lookup_code_search MATCH %s"]
    parameters: list = [match_expression(words, prefix_last)]
    if system_id is not None:
        conditions.append("code.system_id = %s")
        parameters.append(system_id)
    if billable_only:
        conditions.append("code.level = 'code' AND code.billable")
    if within is not None:  # a condition on CODE_ALIAS
        conditions.append(within[0])
        parameters.extend(within[1])
    matches = f"""
        FROM lookup_code_search JOIN lookup_code AS code ON code.id = lookup_code_search.rowid
        WHERE {" AND ".join(conditions)}
    """  # Only fixed fragments are formatted in; every value is a parameter.
    # Without filters the bound is read from the FTS index alone, with no join.
    bound_from = matches if len(conditions) > 1 else FTS_MATCHES
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT lookup_code_search.rowid {bound_from} "
            "ORDER BY lookup_code_search.rowid LIMIT 1 OFFSET %s",
            [*parameters, RANKED_MATCHES - 1],
        )
        last = cursor.fetchone()
        bound = " AND code.id <= %s" if last else ""
        cursor.execute(
            f"SELECT code.id {matches}{bound} ORDER BY code.status = 'deleted', "
            f"bm25(lookup_code_search, {COLUMN_WEIGHTS}), code.code LIMIT %s",
            [*parameters, *([last[0]] if last else []), limit],
        )
        return [row[0] for row in cursor.fetchall()]


def known_words(words: list[str]) -> set[str]:
    """The words that occur, unstemmed, in some descriptor or inclusion term."""
    placeholders = ", ".join(["%s"] * len(words))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term FROM lookup_code_words_vocabulary WHERE term IN ({placeholders})",
            words,
        )
        return {row[0] for row in cursor.fetchall()}


def similar_words(word: str) -> list[str]:
    """Indexed words of similar length and the same first letter, most trigrams shared first.

    As on PostgreSQL (where pg_trgm's similarity() ranks them), reading only the words with
    the same first letter keeps this fast; a typo in the first letter is not corrected.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT term FROM lookup_code_words_vocabulary"
            " WHERE term >= %s AND term < %s AND length(term) BETWEEN %s AND %s",
            [word[0], word[0] + HIGHEST_CHARACTER, len(word) - 2, len(word) + 2],
        )
        return most_similar(word, [row[0] for row in cursor.fetchall()], SIMILAR_WORDS)


def code_prefix_filter(prefix: str) -> Q:
    return Q(code__gte=prefix, code__lt=prefix + HIGHEST_CHARACTER)
