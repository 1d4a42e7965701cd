"""PostgreSQL search backend: weighted full-text search (english) and its word list for typos.

The stored tsvector column and its index, and the word list, are created by migration
lookup/0003.
"""

from django.db import connection
from django.db.models import Q

from .expressions import Groups, index_expressions

# Uses of a word counted when choosing between equally near corrections (most_used).
USES_COUNTED = 500
# At most this many matches are ranked (see ranked_code_ids).
RANKED_MATCHES = 2000
# ts_rank weights (D, C, B, A) for index terms: the path's words (A) only. A main term's
# non-essential modifiers (B) are repeated on every subterm: weighing them would rank
# "Abortus fever" above "Fever" itself.
INDEX_RANK_WEIGHTS = "{0, 0, 0, 1}"
# The GIN indexes searches read. A bulk import leaves its rows in their pending lists, which
# every search then scans whole until a vacuum merges them (measured after a full import:
# 460 pages, 10-40 ms a search instead of about 1).
SEARCH_INDEXES = ("lookup_code_search_document", "lookup_indexterm_search_document")
# The code table's name in ranked_code_ids' query, for conditions the caller adds.
CODE_ALIAS = "candidate"


def tsquery_text(groups: Groups, prefix_last: bool, every: bool = True) -> str:
    """A to_tsquery text: every group (any of its alternatives, all of an alternative's
    words), or with `every` False any word at all. Words hold only letters and digits."""

    def word(text: str, last: bool) -> str:
        return f"{text}:*" if last and prefix_last else text

    if not every:
        words = list(
            dict.fromkeys(w for group in groups for alternative in group for w in alternative)
        )
        return " | ".join(word(each, index == len(words) - 1) for index, each in enumerate(words))
    parts = []
    for number, group in enumerate(groups):
        last_group = number == len(groups) - 1
        options = []
        for index, alternative in enumerate(group):
            words = [
                word(each, last_group and index == 0 and position == len(alternative) - 1)
                for position, each in enumerate(alternative)
            ]
            options.append("(" + " & ".join(words) + ")")
        parts.append("(" + " | ".join(options) + ")")
    return " & ".join(parts)


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

    As on SQLite, a common word matches tens of thousands of codes: only the first
    RANKED_MATCHES matches the index yields (in table order, which imports write top down)
    are ranked. The limit also steers the planner: below the ~1,500 rows it guesses for a
    prefix query it reads the whole table instead of the index (measured: 70 ms, not 5).
    """
    conditions = ["search_document @@ to_tsquery('english', %s)"]
    parameters: list = [tsquery_text(groups, prefix_last, every)]
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


def index_term_rows(
    groups: Groups, *, limit: int, prefix_last: bool = False, leave_out: list[str] = ()
) -> list[tuple]:
    """Index terms sharing two of the query's groups (any word when none does), and none of
    the words `leave_out` in their path (weight A), best ts_rank for their length first
    (short paths, like SQLite's bm25): (id, code id, path, reference, terms, modifiers,
    position)."""
    rows: list[tuple] = []
    unwanted = " | ".join(f"{word}:A" for word in leave_out)
    for expression in index_expressions(groups, prefix_last, tsquery_text, " | "):
        # Ranked by what is wanted alone: ts_rank scores a negation poorly.
        wanted = f"({expression}) & !({unwanted})" if unwanted else expression
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term.id, term.code_id, term.path, term.reference, term.terms, "
                "term.modifiers, term.position FROM lookup_indexterm AS term "
                "WHERE term.search_document @@ to_tsquery('english', %s) "
                f"ORDER BY ts_rank('{INDEX_RANK_WEIGHTS}', term.search_document, "
                "to_tsquery('english', %s), 2) DESC, term.position LIMIT %s",
                [wanted, expression, limit],
            )
            rows = cursor.fetchall()
        if rows:
            break
    return rows


def known_words(words: list[str]) -> set[str]:
    """The words that occur in some descriptor, inclusion term or index term."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT word FROM lookup_search_word WHERE word = ANY(%s)", [words])
        return {row[0] for row in cursor.fetchall()}


def indexed_words() -> list[str]:
    """Every word of a descriptor, inclusion term or index term."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT word FROM lookup_search_word")
        return [row[0] for row in cursor.fetchall()]


def most_used(words: list[str]) -> str:
    """Of `words`, the one in the most descriptors, counted up to USES_COUNTED each."""
    counts = " UNION ALL ".join(
        "SELECT %s, (SELECT count(*) FROM (SELECT 1 FROM lookup_code"
        " WHERE search_document @@ plainto_tsquery('english', %s) LIMIT %s) AS found)"
        for _ in words
    )
    parameters = [value for word in words for value in (word, word, USES_COUNTED)]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM ({counts}) AS uses(word, uses) ORDER BY uses DESC LIMIT 1",
                       parameters)  # fmt: skip
        return cursor.fetchone()[0]


def tidy_after_bulk_write() -> None:
    """Merge the search indexes' pending entries and refresh the planner's statistics, so
    the searches after an import are as fast as later ones (run outside the import's
    transaction)."""
    with connection.cursor() as cursor:
        for index in SEARCH_INDEXES:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute("ANALYZE lookup_code, lookup_indexterm, lookup_search_word")


def codes_starting(
    prefix: str,
    *,
    system_id: int | None,
    billable_only: bool,
    include_deleted: bool,
    within: tuple[str, list] | None,
    limit: int,
) -> list[tuple[str, int]]:
    """(code, id) of the codes starting with `prefix`, in code order, at most `limit`.

    Ordered as the prefix index (varchar_pattern_ops) is, so PostgreSQL reads it in order
    and stops at `limit`; ORDER BY code would sort every match, and for a short prefix the
    planner then prefers reading the whole table (measured: 30 ms, not 0.1).
    """
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    conditions = ["code LIKE %s", "level = 'code'"]
    parameters: list = [pattern]
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
            "ORDER BY code USING ~<~ LIMIT %s",
            [*parameters, limit],
        )  # Only fixed fragments are formatted in; every value is a parameter.
        return cursor.fetchall()


def code_prefix_filter(prefix: str) -> Q:
    return Q(code__startswith=prefix)
