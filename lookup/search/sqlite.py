"""SQLite search backend: FTS5 (porter stemming, bm25 ranking) and its vocabulary for typos.

The tables and triggers are created by migration lookup/0003.
"""

from django.db import connection
from django.db.models import Q

from .expressions import Groups, index_expressions

# bm25 weights of the indexed columns: short descriptor, long descriptor, inclusion terms.
COLUMN_WEIGHTS = "10.0, 4.0, 2.0"
# Index terms: the path's words only. A main term's non-essential modifiers are repeated on
# every subterm, so weighing them would rank "Abortus fever" above "Fever" itself.
INDEX_COLUMN_WEIGHTS = "1.0, 0.0"
# At most this many matches are ranked (see ranked_code_ids).
RANKED_MATCHES = 2000
FTS_MATCHES = "FROM lookup_code_search WHERE lookup_code_search MATCH %s"
# The code table's name in ranked_code_ids' queries, for conditions the caller adds.
CODE_ALIAS = "code"
# Sorts after every real string, so [prefix, prefix + HIGHEST) covers the codes that start
# with prefix and lets SQLite use the index on code (LIKE would not).
HIGHEST_CHARACTER = "\U0010ffff"


def match_expression(groups: Groups, prefix_last: bool, every: bool = True) -> str:
    """An FTS5 query: every group (any of its alternatives, all of an alternative's words),
    or with `every` False any word at all. Words hold only letters and digits."""

    def word(text: str, last: bool) -> str:
        return f'"{text}"*' if last and prefix_last else f'"{text}"'

    if not every:
        words = list(
            dict.fromkeys(w for group in groups for alternative in group for w in alternative)
        )
        return " OR ".join(word(each, False) for each in words[:-1]) + (
            (" OR " if len(words) > 1 else "") + word(words[-1], True) if words else ""
        )
    parts = []
    for number, group in enumerate(groups):
        last_group = number == len(groups) - 1
        options = []
        for index, alternative in enumerate(group):
            words = [
                word(each, last_group and index == 0 and position == len(alternative) - 1)
                for position, each in enumerate(alternative)
            ]
            options.append("(" + " AND ".join(words) + ")")
        parts.append("(" + " OR ".join(options) + ")")
    return " AND ".join(parts)


def ranked_code_ids(
    groups: Groups,
    *,
    system_id: int | None,
    billable_only: bool,
    limit: int,
    prefix_last: bool = False,
    every: bool = True,
    within: tuple[str, list] | None = None,
) -> list[int]:
    """Ids of the codes matching every word, best match first, deleted codes last.

    bm25 costs time for every match it scores: a common word ("fracture", "initial
    encounter") matches tens of thousands of ICD-10-CM codes. Only the first RANKED_MATCHES
    matches in catalogue order are ranked; an import writes the hierarchy top down, so those
    are the chapters, categories and codes before their 7th-character variants.
    """
    conditions = ["lookup_code_search MATCH %s"]
    parameters: list = [match_expression(groups, prefix_last, every)]
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
        # On the full-text table's rowid, which FTS5 applies as it reads its index (on
        # code.id the bound would be checked after every match was read and joined).
        bound = " AND lookup_code_search.rowid <= %s" if last else ""
        cursor.execute(
            f"SELECT code.id {matches}{bound} ORDER BY code.status = 'deleted', "
            f"bm25(lookup_code_search, {COLUMN_WEIGHTS}), code.code LIMIT %s",
            [*parameters, *([last[0]] if last else []), limit],
        )
        return [row[0] for row in cursor.fetchall()]


def index_term_rows(
    groups: Groups, *, limit: int, prefix_last: bool = False, leave_out: list[str] = ()
) -> list[tuple]:
    """Index terms sharing two of the query's groups (any word when none does), and none of
    the words `leave_out` in their path, best bm25 first: (id, code id, path, reference,
    terms, modifiers, position)."""
    rows: list[tuple] = []
    unwanted = " OR ".join(f'"{word}"' for word in leave_out)
    for expression in index_expressions(groups, prefix_last, match_expression, " OR "):
        if unwanted:
            expression = f"({expression}) NOT terms : ({unwanted})"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term.id, term.code_id, term.path, term.reference, term.terms, "
                "term.modifiers, term.position FROM lookup_indexterm_search "
                "JOIN lookup_indexterm AS term ON term.id = lookup_indexterm_search.rowid "
                "WHERE lookup_indexterm_search MATCH %s "
                f"ORDER BY bm25(lookup_indexterm_search, {INDEX_COLUMN_WEIGHTS}), term.position "
                "LIMIT %s",
                [expression, limit],
            )
            rows = cursor.fetchall()
        if rows:
            break
    return rows


def known_words(words: list[str]) -> set[str]:
    """The words that occur, unstemmed, in some descriptor, inclusion term or index term."""
    placeholders = ", ".join(["%s"] * len(words))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term FROM lookup_code_words_vocabulary WHERE term IN ({placeholders}) "
            f"UNION SELECT term FROM lookup_indexterm_words_vocabulary "
            f"WHERE term IN ({placeholders})",
            [*words, *words],
        )
        return {row[0] for row in cursor.fetchall()}


def indexed_words() -> list[str]:
    """Every word, unstemmed, of a descriptor, inclusion term or index term."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT term FROM lookup_code_words_vocabulary"
            " UNION SELECT term FROM lookup_indexterm_words_vocabulary"
        )
        return [row[0] for row in cursor.fetchall()]


def most_used(words: list[str]) -> str:
    """Of `words`, the one in the most descriptors (the vocabulary counts them)."""
    placeholders = ", ".join(["%s"] * len(words))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term FROM lookup_code_words_vocabulary WHERE term IN ({placeholders}) "
            "ORDER BY doc DESC LIMIT 1",
            words,
        )
        row = cursor.fetchone()
    return row[0] if row else words[0]


def tidy_after_bulk_write() -> None:
    """Merge the full-text indexes' segments and refresh the planner's statistics, so the
    searches after an import read one b-tree per index."""
    with connection.cursor() as cursor:
        for table in ("lookup_code_search", "lookup_code_words", "lookup_indexterm_search",
                      "lookup_indexterm_words"):  # fmt: skip
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        cursor.execute("ANALYZE lookup_code")
        cursor.execute("ANALYZE lookup_indexterm")


def codes_starting(
    prefix: str,
    *,
    system_id: int | None,
    billable_only: bool,
    include_deleted: bool,
    within: tuple[str, list] | None,
    limit: int,
) -> list[tuple[str, int]]:
    """(code, id) of the codes starting with `prefix`, in code order, at most `limit`."""
    conditions = ["code >= %s", "code < %s", "level = 'code'"]
    parameters: list = [prefix, prefix + HIGHEST_CHARACTER]
    if system_id is not None:
        conditions.append("system_id = %s")
        parameters.append(system_id)
    if billable_only:
        conditions.append("billable")
    if within is not None:  # valid on a date of service, deleted since or not
        conditions.append(within[0])
        parameters.extend(within[1])
    elif not include_deleted:
        conditions.append("status <> 'deleted'")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT code, id FROM lookup_code AS {CODE_ALIAS} WHERE {' AND '.join(conditions)} "
            "ORDER BY code LIMIT %s",
            [*parameters, limit],
        )  # Only fixed fragments are formatted in; every value is a parameter.
        return cursor.fetchall()


def code_prefix_filter(prefix: str) -> Q:
    return Q(code__gte=prefix, code__lt=prefix + HIGHEST_CHARACTER)
