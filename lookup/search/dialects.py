"""What each database's full-text search says its own way; query.py builds the rest.

A dialect gives the query syntax's operators and words, how a code's text is matched and
ranked, how a code prefix is read in index order, and the word list that spelling reads.
The search index it reads (tables, triggers, word lists) is created by migrations
lookup/0003 and 0004, one flavour per database.
"""

from django.db import connection
from django.db.models import Q

# At most this many matches are ranked (see each dialect's ranked_code_ids).
RANKED_MATCHES = 2000
# Per group of a query, per alternative, its words' rarity (frequency.py): a search for any
# word reads the rows saying the rarer ones first.
Rarity = list[list[dict[str, float]]]
# What an index term row holds (ranking.index_matches reads it in this order).
INDEX_TERM_COLUMNS = (
    "term.id, term.code_id, term.path, term.reference, term.terms, term.modifiers, term.position"
)


class PostgreSQL:
    """Weighted full-text search (english, ts_rank) and its word list for typos."""

    # The code table's name in the queries, for conditions the caller adds.
    code_alias = "candidate"
    # The query syntax (to_tsquery): AND, OR, a word as written, and the mark of a prefix.
    both = " & "
    either = " | "
    quote = ""
    prefix_mark = ":*"
    # Ordered as the prefix index (varchar_pattern_ops) is, so PostgreSQL reads it in order
    # and stops at the limit; ORDER BY code would sort every match, and for a short prefix
    # the planner then prefers reading the whole table (measured: 30 ms, not 0.1).
    code_order = "code USING ~<~"
    # Uses of a word counted when choosing between equally near corrections (most_used).
    uses_counted = 500
    # ts_rank weights (D, C, B, A) for index terms: the path's words (A) only. A main term's
    # non-essential modifiers (B) are repeated on every subterm: weighing them would rank
    # "Abortus fever" above "Fever" itself.
    index_rank_weights = "{0, 0, 0, 1}"
    # What bm25 divides a row's score by for its length (FTS5's k1 1.2 and b 0.75; an index
    # term's document holds 6 words on average): the words' rarity a path says is weighed so
    # too, so that "Ringworm" comes before the longer paths saying the query's commoner words.
    index_length_share = "(1 + 1.2 * (0.25 + 0.75 * length(term.search_document) / 6.0))"
    # ts_rank divided by 1 + the log of a code's length, as bm25 weighs a word found in a
    # short descriptor more: otherwise the longest descriptors, which repeat the query's
    # words, came first ("sliced my hand open": tendon lacerations "at wrist and hand level
    # of ... hand", not Laceration of hand).
    code_rank_normalization = 1
    # The GIN indexes searches read. A bulk import leaves its rows in their pending lists,
    # which every search then scans whole until a vacuum merges them (measured after a full
    # import: 460 pages, 10-40 ms a search instead of about 1).
    search_indexes = ("lookup_code_search_document", "lookup_indexterm_search_document")
    # Reads with their own LIMIT joined by UNION ALL in one statement (a round trip each
    # otherwise; SQLite, in process, has none to save and no LIMIT inside a UNION).
    bounded_reads_together = True
    # Several statements sent in one round trip (statements_rows): SQLite has none to save.
    statements_together = True

    def ranked_code_ids(
        self,
        query: str,
        filters: list[str],
        parameters: list,
        limit: int,
        rarity: Rarity | None = None,
    ) -> list[int]:
        """Ids of the codes matching the to_tsquery text and the filters, best first (see
        ranked_code_statement)."""
        statement = self.ranked_code_statement(query, filters, parameters, limit, rarity)
        return [row[0] for row in statement_rows(statement)]

    def ranked_code_statement(
        self,
        query: str,
        filters: list[str],
        parameters: list,
        limit: int,
        rarity: Rarity | None = None,
    ) -> tuple[str, list]:
        """The statement reading the ids of the codes matching the to_tsquery text and the
        filters (on code_alias), best ts_rank first, deleted codes last. Given the words'
        `rarity` (a query of any of them), the codes saying the rarer ones come first, as
        bm25 ranks them on SQLite ("dupuytren contracture": Dupuytren's before the codes
        saying "contracture").

        As on SQLite, a common word matches tens of thousands of codes: only the first
        RANKED_MATCHES matches the index yields (in table order, which imports write top
        down) are ranked. The matches are read apart (MATERIALIZED), and only as far as
        the filters and the limit need: planned with the limit, they were read by scanning
        the table from its start, which for a word of the later chapters ("poison",
        "encounter", "injury") meant checking most of the table (EXPLAIN ANALYZE, suggest
        "poisonn": 54 ms, not 2); read apart, through the index, in table order still.
        """
        said = rarity_sum("search_document", rarity)
        rarer_first = f"({said}) DESC, " if said else ""
        said_parameters = rarity_parameters(rarity, "")
        sql = f"""
            WITH found AS MATERIALIZED (
                SELECT id, system_id, level, billable, status, code, search_document
                FROM lookup_code WHERE search_document @@ to_tsquery('english', %s)
            ), matches AS (
                SELECT id, status, code, search_document FROM found AS {self.code_alias}
                WHERE {" AND ".join(filters) or "true"}
                LIMIT {RANKED_MATCHES}
            )
            SELECT id FROM matches, to_tsquery('english', %s) AS query
            ORDER BY status = 'deleted', {rarer_first}
                ts_rank(search_document, query, {self.code_rank_normalization}) DESC, code
            LIMIT %s
        """  # Only fixed fragments are formatted in; every value is a parameter.
        return sql, [query, *parameters, query, *said_parameters, limit]

    def index_term_rows(
        self, query: str, leave_out: list[str], limit: int, rarity: Rarity | None = None
    ) -> list[tuple]:
        return statement_rows(self.index_term_statement(query, leave_out, limit, rarity))

    def index_term_statement(
        self, query: str, leave_out: list[str], limit: int, rarity: Rarity | None = None
    ) -> tuple[str, list]:
        """The statement reading the index terms matching the to_tsquery text and none of the
        words `leave_out` in their path (weight A), best ts_rank for their length first (short
        paths, like SQLite's bm25).

        ts_rank weighs every word alike, where bm25 weighs the rare ones more: given the
        words' `rarity` (a query of any of them), the paths saying the rarer ones come first
        ("itchy skin": Pruritus before the hundreds of paths saying "skin").

        The words left out are checked apart from the indexed query (inside it, the index
        reads every left-out word's entries and its weight is checked again on every row:
        "fractur" 4 ms, not 2), and only on the best rows, in order, until `limit` pass: a
        common word is in thousands of paths, and checking a few dozen words on each of them
        cost more than ranking them ("inju": 5 ms of 10). Positions are unique, so the order,
        and the rows, are those of checking every row first.
        """
        said = rarity_sum("term.search_document", rarity)
        said_parameters = rarity_parameters(rarity, ":A")
        unwanted = " | ".join(f"{word}:A" for word in leave_out)
        left_out = "AND NOT search_document @@ to_tsquery('english', %s)" if unwanted else ""
        rarer = f"({said}) / {self.index_length_share} AS rarer, " if said else ""
        rarer_first = "rarer DESC, " if said else ""
        # The ranked rows are read in order (OFFSET 0 keeps the left-out words' check out of
        # them) and each checked (LATERAL) until `limit` pass. A query of stop words only
        # ("with", "other") is empty: the planner folds the check on the constant query and
        # reads nothing.
        return (
            f"SELECT {INDEX_TERM_COLUMNS} FROM ("
            f"SELECT term.id, term.position, {rarer}ts_rank('{self.index_rank_weights}', "
            "term.search_document, to_tsquery('english', %s), 2) AS rank "
            "FROM lookup_indexterm AS term "
            "WHERE term.search_document @@ to_tsquery('english', %s) "
            "AND numnode(to_tsquery('english', %s)) > 0 "
            f"ORDER BY {rarer_first}rank DESC, term.position OFFSET 0"
            ") AS ranked CROSS JOIN LATERAL ("
            "SELECT * FROM lookup_indexterm "
            f"WHERE lookup_indexterm.id = ranked.id {left_out}) AS term "
            f"ORDER BY {rarer_first}ranked.rank DESC, ranked.position LIMIT %s",
            [*said_parameters, query, query, query, *([unwanted] if unwanted else []), limit],
        )

    def code_starts(self, prefix: str) -> tuple[str, list]:
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return "code LIKE %s", [pattern]

    def code_prefix_filter(self, prefix: str) -> Q:
        return Q(code__startswith=prefix)

    def known_words(self, words: list[str]) -> set[str]:
        """The words that occur in some descriptor, inclusion term or index term."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT word FROM lookup_search_word WHERE word = ANY(%s)", [words])
            return {row[0] for row in cursor.fetchall()}

    def indexed_words(self) -> list[str]:
        """Every word of a descriptor, inclusion term or index term."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT word FROM lookup_search_word")
            return [row[0] for row in cursor.fetchall()]

    def most_used(self, words: list[str]) -> str:
        """Of `words`, the one in the most descriptors, counted up to uses_counted each."""
        counts = " UNION ALL ".join(
            "SELECT %s, (SELECT count(*) FROM (SELECT 1 FROM lookup_code"
            " WHERE search_document @@ plainto_tsquery('english', %s) LIMIT %s) AS found)"
            for _ in words
        )
        parameters = [value for word in words for value in (word, word, self.uses_counted)]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT * FROM ({counts}) AS uses(word, uses) ORDER BY uses DESC LIMIT 1",
                parameters,
            )
            return cursor.fetchone()[0]

    def tidy_after_bulk_write(self) -> None:
        """Merge the search indexes' pending entries and refresh the planner's statistics,
        so the searches after an import are as fast as later ones (run outside the
        import's transaction)."""
        with connection.cursor() as cursor:
            for index in self.search_indexes:
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            cursor.execute("ANALYZE lookup_code, lookup_indexterm, lookup_search_word")


class SQLite:
    """FTS5 (porter stemming, bm25 ranking) and its vocabulary for typos."""

    # The code table's name in the queries, for conditions the caller adds.
    code_alias = "code"
    # The query syntax (FTS5): AND, OR, a word as a quoted string, and the mark of a prefix.
    both = " AND "
    either = " OR "
    quote = '"'
    prefix_mark = "*"
    code_order = "code"
    # bm25 weights of the indexed columns: short descriptor, long descriptor, inclusion terms.
    column_weights = "10.0, 4.0, 2.0"
    # Index terms: the path's words only. A main term's non-essential modifiers are repeated
    # on every subterm, so weighing them would rank "Abortus fever" above "Fever" itself.
    index_column_weights = "1.0, 0.0"
    # Sorts after every real string, so [prefix, prefix + highest_character) covers the codes
    # that start with prefix and lets SQLite use the index on code (LIKE would not).
    highest_character = "\U0010ffff"
    bounded_reads_together = False
    statements_together = False

    def ranked_code_ids(
        self,
        query: str,
        filters: list[str],
        parameters: list,
        limit: int,
        rarity: Rarity | None = None,
    ) -> list[int]:
        """Ids of the codes matching the FTS5 query and the filters (on code_alias), best
        bm25 first (which weighs rare words more: `rarity` is not needed), deleted codes last.

        bm25 costs time for every match it scores: a common word ("fracture", "initial
        encounter") matches tens of thousands of ICD-10-CM codes. Only the first
        RANKED_MATCHES matches in catalogue order are ranked; an import writes the hierarchy
        top down, so those are the chapters, categories and codes before their
        7th-character variants.
        """
        conditions = ["lookup_code_search MATCH %s", *filters]
        matches = f"""
            FROM lookup_code_search JOIN lookup_code AS code ON code.id = lookup_code_search.rowid
            WHERE {" AND ".join(conditions)}
        """  # Only fixed fragments are formatted in; every value is a parameter.
        # Without filters the bound is read from the FTS index alone, with no join.
        bound_from = (
            matches if filters else "FROM lookup_code_search WHERE lookup_code_search MATCH %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT lookup_code_search.rowid {bound_from} "
                "ORDER BY lookup_code_search.rowid LIMIT 1 OFFSET %s",
                [query, *parameters, RANKED_MATCHES - 1],
            )
            last = cursor.fetchone()
            # On the full-text table's rowid, which FTS5 applies as it reads its index (on
            # code.id the bound would be checked after every match was read and joined).
            bound = " AND lookup_code_search.rowid <= %s" if last else ""
            cursor.execute(
                f"SELECT code.id {matches}{bound} ORDER BY code.status = 'deleted', "
                f"bm25(lookup_code_search, {self.column_weights}), code.code LIMIT %s",
                [query, *parameters, *([last[0]] if last else []), limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def index_term_rows(
        self, query: str, leave_out: list[str], limit: int, rarity: Rarity | None = None
    ) -> list[tuple]:
        return statement_rows(self.index_term_statement(query, leave_out, limit, rarity))

    def index_term_statement(
        self, query: str, leave_out: list[str], limit: int, rarity: Rarity | None = None
    ) -> tuple[str, list]:
        """The statement reading the index terms matching the FTS5 query and none of the
        words `leave_out` in their path, best bm25 first (which weighs rare words more:
        `rarity` is not needed)."""
        unwanted = " OR ".join(f'"{word}"' for word in leave_out)
        wanted = f"({query}) NOT terms : ({unwanted})" if unwanted else query
        return (
            f"SELECT {INDEX_TERM_COLUMNS} FROM lookup_indexterm_search "
            "JOIN lookup_indexterm AS term ON term.id = lookup_indexterm_search.rowid "
            "WHERE lookup_indexterm_search MATCH %s "
            f"ORDER BY bm25(lookup_indexterm_search, {self.index_column_weights}), "
            "term.position LIMIT %s",
            [wanted, limit],
        )

    def code_starts(self, prefix: str) -> tuple[str, list]:
        return "code >= %s AND code < %s", [prefix, prefix + self.highest_character]

    def code_prefix_filter(self, prefix: str) -> Q:
        return Q(code__gte=prefix, code__lt=prefix + self.highest_character)

    def known_words(self, words: list[str]) -> set[str]:
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

    def indexed_words(self) -> list[str]:
        """Every word, unstemmed, of a descriptor, inclusion term or index term."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term FROM lookup_code_words_vocabulary"
                " UNION SELECT term FROM lookup_indexterm_words_vocabulary"
            )
            return [row[0] for row in cursor.fetchall()]

    def most_used(self, words: list[str]) -> str:
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

    def tidy_after_bulk_write(self) -> None:
        """Merge the full-text indexes' segments and refresh the planner's statistics, so
        the searches after an import read one b-tree per index."""
        with connection.cursor() as cursor:
            for table in ("lookup_code_search", "lookup_code_words", "lookup_indexterm_search",
                          "lookup_indexterm_words"):  # fmt: skip
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
            cursor.execute("ANALYZE lookup_code")
            cursor.execute("ANALYZE lookup_indexterm")


Dialect = PostgreSQL | SQLite


def rarity_sum(document: str, rarity: Rarity | None) -> str:
    """The sum, over the query's groups, of the rarity its best alternative has in
    `document` (the summed rarity of the alternative's words it says): a group counts once,
    however many of its alternatives a row says. For "ringworm patch on arm", "Pain > limb >
    upper > upper arm" says four words of the alternatives of "arm" and no longer comes
    before "Ringworm", as it does not on SQLite."""
    return " + ".join(
        "GREATEST("
        + ", ".join(
            "("
            + " + ".join(
                f"CASE WHEN {document} @@ to_tsquery('english', %s) THEN %s ELSE 0 END"
                for _ in alternative
            )
            + ")"
            for alternative in group
        )
        + ")"
        for group in rarity or []
    )


def rarity_parameters(rarity: Rarity | None, weight_mark: str) -> list:
    return [
        value
        for group in rarity or []
        for alternative in group
        for word, weight in alternative.items()
        for value in (word + weight_mark, weight)
    ]


def statement_rows(statement: tuple[str, list]) -> list[tuple]:
    """The rows a (sql, parameters) statement reads."""
    with connection.cursor() as cursor:
        cursor.execute(*statement)
        return cursor.fetchall()


def statements_rows(statements: list[tuple[str, list]]) -> list[list[tuple]]:
    """The rows of each statement, all sent in one round trip (PostgreSQL's simple query
    protocol, as Django's client-side binding uses it, takes several at once)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "; ".join(sql for sql, _ in statements),
            [value for _, parameters in statements for value in parameters],
        )
        found = [cursor.fetchall()]
        while cursor.nextset():
            found.append(cursor.fetchall())
    return found


POSTGRESQL = PostgreSQL()
SQLITE = SQLite()


def current_dialect() -> Dialect:
    """The dialect of the database in use: the one place search asks which it is."""
    return POSTGRESQL if connection.vendor == "postgresql" else SQLITE
