"""Full-text search over the section index: SQLite FTS5 or PostgreSQL tsvector, by database."""

from django.db import connection

from lookup.search import query_words
from lookup.search.synonyms import expanded_terms

MAX_TERMS = 12


def search_terms(words: list[str]) -> list[str]:
    """Plain letter-and-digit terms (Case2Code's word rule), safe in either engine's syntax."""
    terms = [word.lower() for word in query_words(" ".join(words))]
    return list(dict.fromkeys(terms))[:MAX_TERMS]


def search_index(
    words: list[str],
    *,
    include_gated: bool,
    limit: int = 30,
    code_ids: list[int] | None = None,
) -> list[int]:
    """Ids of index rows matching `words`, best first; gated rows only if allowed, and only
    rows of `code_ids` when given.

    Rows with every word come first, then rows with any of them or of their meanings in the
    search dictionary (CKD: chronic kidney disease), each group by the engine's rank (bm25 on
    SQLite, ts_rank_cd on PostgreSQL).
    """
    terms = search_terms(words)
    if not terms:
        return []
    search = _search_postgresql if connection.vendor == "postgresql" else _search_sqlite
    filters, parameters = [], []
    if not include_gated:
        filters.append("AND NOT row.gated")
    if code_ids is not None:
        filters.append(f"AND row.code_id IN ({', '.join(['%s'] * len(code_ids))})")
        parameters += code_ids
    where = " ".join(filters)
    found = search(terms, where, parameters, limit, every=True) if len(terms) > 1 else []
    if len(found) < limit:
        any_terms = search_terms(expanded_terms(terms))
        for row_id in search(any_terms, where, parameters, limit, every=False):
            if len(found) == limit:
                break
            if row_id not in found:
                found.append(row_id)
    return found


def _search_sqlite(terms, where: str, parameters: list, limit: int, every: bool) -> list[int]:
    match = (" AND " if every else " OR ").join(f'"{term}"' for term in terms)
    sql = f"""
        SELECT row.id FROM assistant_indexedsection_fts
        JOIN assistant_indexedsection AS row ON row.id = assistant_indexedsection_fts.rowid
        WHERE assistant_indexedsection_fts MATCH %s {where}
        ORDER BY bm25(assistant_indexedsection_fts, 3.0, 1.0), row.id
        LIMIT %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *parameters, limit])
        return [row_id for (row_id,) in cursor.fetchall()]


def _search_postgresql(terms, where: str, parameters: list, limit: int, every: bool) -> list[int]:
    sql = f"""
        SELECT row.id FROM assistant_indexedsection AS row, to_tsquery('english', %s) AS query
        WHERE row.search_vector @@ query {where}
        ORDER BY ts_rank_cd(row.search_vector, query) DESC, row.id
        LIMIT %s
    """
    with connection.cursor() as cursor:
        query = (" & " if every else " | ").join(terms)
        cursor.execute(sql, [query, *parameters, limit])
        return [row_id for (row_id,) in cursor.fetchall()]
