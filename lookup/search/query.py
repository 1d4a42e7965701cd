"""The full-text queries search sends, built once for both databases from their dialect.

What each database says its own way (operators, the match condition, the ranking query,
its word lists) is in dialects.py; what the queries ask is here.
"""

from collections.abc import Iterator
from itertools import combinations

from django.db import connection

from .dialects import Dialect, Rarity, statement_rows, statements_rows

# A query's words: per group (one thing the query says), its alternatives (synonyms.py).
Groups = list[list[tuple[str, ...]]]

# Letters of a suggestion's last word (a prefix) from which it is looked up in the index on
# its own: "si" or "c" would match thousands of index words, which all get ranked.
SUGGEST_INDEX_FROM = 4


def text_query(dialect: Dialect, groups: Groups, prefix_last: bool, every: bool = True) -> str:
    """A full-text query: every group (any of its alternatives, all of an alternative's
    words), or with `every` False any word at all. Words hold only letters and digits."""
    both, either = dialect.both, dialect.either

    def word(text: str, last: bool) -> str:
        quoted = f"{dialect.quote}{text}{dialect.quote}"
        return quoted + dialect.prefix_mark if last and prefix_last else quoted

    if not every:
        words = list(
            dict.fromkeys(w for group in groups for alternative in group for w in alternative)
        )
        return either.join(word(each, index == len(words) - 1) for index, each in enumerate(words))
    parts = []
    for number, group in enumerate(groups):
        last_group = number == len(groups) - 1
        options = []
        for index, alternative in enumerate(group):
            words = [
                word(each, last_group and index == 0 and position == len(alternative) - 1)
                for position, each in enumerate(alternative)
            ]
            options.append("(" + both.join(words) + ")")
        parts.append("(" + either.join(options) + ")")
    return both.join(parts)


def index_expressions(dialect: Dialect, groups: Groups, prefix_last: bool) -> Iterator[str]:
    """Queries to try in turn: index terms with any two of the query's groups, then (if none
    has two) with any word at all (but a suggestion's short last word).

    A path that shares a single word with a query of several ("injury" in "injury left hand")
    is rarely the one wanted, and there are thousands of them: asking for two keeps the rows
    ranked few.
    """
    last = len(groups) - 1
    if len(groups) > 1:
        pairs = (
            text_query(dialect, [groups[first], groups[second]], prefix_last and second == last)
            for first, second in combinations(range(len(groups)), 2)
        )
        yield dialect.either.join(f"({pair})" for pair in pairs)
    short_last = len(groups[-1]) == 1 and len(groups[-1][0][-1]) < SUGGEST_INDEX_FROM
    if prefix_last and len(groups) > 1 and short_last:
        # "sciatica si": the paths saying "sciatica"; ranking still reads the prefix.
        groups, prefix_last = groups[:-1], False
    yield text_query(dialect, groups, prefix_last, every=False)


def ranked_code_ids(
    dialect: Dialect,
    groups: Groups,
    *,
    system_id: int | None,
    billable_only: bool,
    limit: int,
    prefix_last: bool = False,
    every: bool = True,
    within: tuple[str, list] | None = None,
    rarity: Rarity | None = None,
) -> list[int]:
    """Ids of the codes matching every word (or with `every` False any), best match first,
    deleted codes last. `rarity` weighs each word of a search for any of them."""
    return dialect.ranked_code_ids(
        *code_search(
            dialect,
            groups,
            system_id=system_id,
            billable_only=billable_only,
            limit=limit,
            prefix_last=prefix_last,
            every=every,
            within=within,
            rarity=rarity,
        )
    )


def code_search(
    dialect: Dialect,
    groups: Groups,
    *,
    system_id: int | None,
    billable_only: bool,
    limit: int,
    prefix_last: bool = False,
    every: bool = True,
    within: tuple[str, list] | None = None,
    rarity: Rarity | None = None,
) -> tuple[str, list[str], list, int, Rarity | None]:
    """What the dialect's ranked code search reads: (the text query, the filters, their
    parameters, the limit, the words' rarity)."""
    code = dialect.code_alias
    filters: list[str] = []
    parameters: list = []
    if system_id is not None:
        filters.append(f"{code}.system_id = %s")
        parameters.append(system_id)
    if billable_only:
        filters.append(f"{code}.level = 'code' AND {code}.billable")
    if within is not None:  # a condition on the code alias
        filters.append(within[0])
        parameters.extend(within[1])
    text = text_query(dialect, groups, prefix_last, every)
    return text, filters, parameters, limit, None if every else rarity


def index_term_statements(
    dialect: Dialect,
    groups: Groups,
    *,
    limit: int,
    prefix_last: bool,
    leave_out: list[str],
    rarity: Rarity,
) -> list[tuple[str, list]]:
    """The index term statements to read in turn until one finds rows (index_expressions):
    none of the words `leave_out` in a path; `rarity` weighs each word of the last, which
    searches for any of them."""
    expressions = list(index_expressions(dialect, groups, prefix_last))
    return [
        dialect.index_term_statement(
            expression,
            leave_out,
            limit,
            rarity if number == len(expressions) - 1 and not prefix_last else None,
        )
        for number, expression in enumerate(expressions)
    ]


def first_rows(statements: list[tuple[str, list]], rows: list[tuple] | None = None) -> list[tuple]:
    """The rows of the first statement that finds any (given `rows`, the first's)."""
    rows = statement_rows(statements[0]) if rows is None else rows
    for statement in statements[1:]:
        if rows:
            break
        rows = statement_rows(statement)
    return rows


def index_rows_and_code_ids(
    dialect: Dialect, groups: Groups, *, index: dict | None, codes: dict
) -> tuple[list[tuple], list[int]]:
    """The index terms sharing two of the query's groups (any word when none does), best
    first, as (id, code id, path, reference, terms, modifiers, position), read with
    index_term_statements' `index` options (none when None); and ranked_code_ids' with the
    `codes` options. The first index term statement and the codes' go in one round trip
    where the database takes statements together."""
    if index is None:
        return [], ranked_code_ids(dialect, groups, **codes)
    statements = index_term_statements(dialect, groups, **index)
    if not dialect.statements_together:
        return first_rows(statements), ranked_code_ids(dialect, groups, **codes)
    code_statement = dialect.ranked_code_statement(*code_search(dialect, groups, **codes))
    rows, code_rows = statements_rows([statements[0], code_statement])
    return first_rows(statements, rows), [row[0] for row in code_rows]


def codes_starting(
    dialect: Dialect,
    prefix: str,
    *,
    system_id: int | None,
    billable_only: bool,
    include_deleted: bool,
    within: tuple[str, list] | None,
    limit: int,
) -> list[tuple[str, int]]:
    """(code, id) of the codes starting with `prefix`, in code order, at most `limit`: read
    in the order of the index on code, which the database stops reading at `limit`."""
    starts, parameters = dialect.code_starts(prefix)
    conditions = [starts, "level = 'code'"]
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
            f"SELECT code, id FROM lookup_code AS {dialect.code_alias} "
            f"WHERE {' AND '.join(conditions)} ORDER BY {dialect.code_order} LIMIT %s",
            [*parameters, limit],
        )  # Only fixed fragments are formatted in; every value is a parameter.
        return cursor.fetchall()
