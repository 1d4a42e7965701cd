"""Case2Code search: one interface over the database's own full-text search.

A query is an exact code (goes to its page), a code prefix (the codes under it, in code
order) or words (all must match, stemmed, best match first; a misspelt word is corrected
to the nearest indexed word). The backend (sqlite.py or postgres.py) is chosen by the
database in use. Results carry codes, short descriptors and hierarchy only: never the
official descriptor, a description or section text.

Deleted codes are left out unless asked for (an exact code still opens its page), and a
search may be limited to the codes valid on a date of service (lookup/history.py).
"""

import re
from dataclasses import dataclass, field
from datetime import date
from types import ModuleType

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..history import valid_on_filter
from ..models import Code, CodeSystem, canonical_code
from . import postgres, sqlite
from .spelling import closest_word

MAX_QUERY_LENGTH = 200
# Results on the page: the best ones; more words narrow the search further.
MAX_RESULTS = 30
MAX_SUGGESTIONS = 10
# A query of at most this many words is searched; more words rarely describe one code.
MAX_WORDS = 12

WORD = re.compile(r"[^\W_]+")
CODE_LIKE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.]{0,8}-?")


@dataclass
class SearchResult:
    """A code as a result shows it: its short descriptor, matched words marked.

    The official (long) descriptor is matched but not shown: the meter treats it as page
    text that a visitor out of views may not receive (accounts/metering.py).
    """

    code: Code
    title: SafeString


@dataclass(frozen=True)
class Scope:
    """Which codes a search looks at."""

    system: CodeSystem | None = None
    billable_only: bool = False
    include_deleted: bool = False
    valid_on: date | None = None  # only codes that could be reported that day

    def within(self, alias: str) -> tuple[str, list] | None:
        """The valid-on-date limit as an SQL condition on the backend's code table, named
        `alias` there: checked per candidate (a correlated EXISTS), not over every code."""
        if self.valid_on is None:
            return None
        same_code = Code.objects.filter(
            valid_on_filter(self.valid_on), pk=RawSQL(f"{alias}.id", [])
        )
        sql, params = same_code.values("pk").query.sql_with_params()
        return f"EXISTS ({sql})", list(params)


@dataclass
class SearchOutcome:
    query: str
    exact: Code | None = None
    results: list[SearchResult] = field(default_factory=list)
    matched_by: str = ""  # "code" (a code prefix) or "words"
    corrected_query: str = ""
    error: str = ""

    @property
    def may_have_more(self) -> bool:
        return len(self.results) == MAX_RESULTS


def search_backend() -> ModuleType:
    """The search module for the database in use."""
    return postgres if connection.vendor == "postgresql" else sqlite


def search_codes(query: str, scope: Scope | None = None) -> SearchOutcome:
    """Match an exact code, a code prefix, or all words of the descriptors and inclusion terms."""
    scope = scope or Scope()
    query = " ".join(query.split())
    if not query:
        return SearchOutcome(query, error="Type a code, part of a code, or a few words.")
    if len(query) > MAX_QUERY_LENGTH:
        return SearchOutcome(
            query[:MAX_QUERY_LENGTH],
            error=f"That search is too long: use at most {MAX_QUERY_LENGTH} characters.",
        )
    words = query_words(query)
    if not words:
        return SearchOutcome(
            query, error="Search with letters or digits: a code such as 27323, or a few words."
        )

    codes = candidate_codes(scope.system, scope.billable_only)
    if is_code_like(query):
        spellings = code_spellings(query, scope.system)
        exact = list(codes.filter(code__in=spellings, level=Code.Level.CODE)[:2])
        if len(exact) == 1:
            return SearchOutcome(query, exact=exact[0])
        by_prefix = codes_with_prefix(in_scope(codes, scope), spellings, MAX_RESULTS)
        if by_prefix:
            return SearchOutcome(
                query, results=[plain_result(code) for code in by_prefix], matched_by="code"
            )

    found, used_words = words_search(words, scope, MAX_RESULTS)
    return SearchOutcome(
        query,
        results=[highlighted_result(code, used_words) for code in found],
        matched_by="words",
        corrected_query=" ".join(used_words) if used_words != words else "",
    )


def suggest_codes(query: str, system: CodeSystem | None = None) -> list[Code]:
    """At most ten codes for the search box's autocomplete: code prefixes, then word prefixes."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    words = query_words(query)
    if not words:
        return []
    if is_code_like(query):
        by_prefix = codes_with_prefix(
            in_scope(candidate_codes(system, False), Scope(system)),
            code_spellings(query, system),
            MAX_SUGGESTIONS,
        )
        if by_prefix:
            return by_prefix
    ids = search_backend().ranked_code_ids(
        words, system_id=system.pk if system else None, billable_only=False,
        limit=MAX_SUGGESTIONS, prefix_last=True,
    )  # fmt: skip
    return codes_in_order(ids, include_deleted=False)


def query_words(query: str) -> list[str]:
    """Lower-case words of the query: quotes, operators and punctuation are dropped."""
    return WORD.findall(query.lower())[:MAX_WORDS]


def is_code_like(query: str) -> bool:
    return bool(CODE_LIKE.fullmatch(query)) and any(char.isdigit() for char in query)


def code_spellings(query: str, system: CodeSystem | None) -> set[str]:
    slugs = [system.slug] if system else CodeSystem.objects.values_list("slug", flat=True)
    return {canonical_code(slug, query).rstrip(".-") for slug in slugs}


def candidate_codes(system: CodeSystem | None, billable_only: bool) -> QuerySet[Code]:
    codes = Code.objects.select_related("system", "parent")
    if system is not None:
        codes = codes.filter(system=system)
    if billable_only:
        codes = codes.filter(level=Code.Level.CODE, billable=True)
    return codes


def in_scope(codes: QuerySet[Code], scope: Scope) -> QuerySet[Code]:
    """Leave out deleted codes, or keep only those valid on the scope's date."""
    if scope.valid_on is not None:
        return codes.filter(valid_on_filter(scope.valid_on))
    if not scope.include_deleted:
        return codes.exclude(status=Code.Status.DELETED)
    return codes


def codes_with_prefix(codes: QuerySet[Code], spellings: set[str], limit: int) -> list[Code]:
    """Codes that start with any of the spellings, in code order."""
    backend = search_backend()
    by_prefix = Q()
    for spelling in spellings:
        by_prefix |= backend.code_prefix_filter(spelling)
    return with_parent_systems(
        list(
            codes.filter(by_prefix).filter(level=Code.Level.CODE).order_by("code", "system")[:limit]
        )
    )


def words_search(words: list[str], scope: Scope, limit: int) -> tuple[list[Code], list[str]]:
    """Codes matching all words, best first; retried with misspelt words corrected."""
    backend = search_backend()
    options = {
        "system_id": scope.system.pk if scope.system else None,
        "billable_only": scope.billable_only,
        "limit": limit,
        "within": scope.within(backend.CODE_ALIAS),
    }
    # Deleted codes rank last, so dropping them from the ranked list leaves the best of
    # the others: no filter in the query needed.
    keep_deleted = scope.include_deleted or scope.valid_on is not None
    ids = backend.ranked_code_ids(words, **options)
    if ids:
        return codes_in_order(ids, keep_deleted), words
    known = backend.known_words(words)
    corrected = [
        word if word in known else closest_word(word, backend.similar_words(word)) or word
        for word in words
    ]
    if corrected == words:
        return [], words
    found = codes_in_order(backend.ranked_code_ids(corrected, **options), keep_deleted)
    return (found, corrected) if found else ([], words)


def codes_in_order(ids: list[int], include_deleted: bool) -> list[Code]:
    by_id = Code.objects.select_related("system", "parent").in_bulk(ids)
    return with_parent_systems(
        [
            by_id[each]
            for each in ids
            if each in by_id and (include_deleted or not by_id[each].is_deleted)
        ]
    )


def with_parent_systems(codes: list[Code]) -> list[Code]:
    """A parent is in its child's system: spares a query per result when linking to it."""
    for code in codes:
        if code.parent is not None:
            code.parent.system = code.system
    return codes


def plain_result(code: Code) -> SearchResult:
    return SearchResult(code, escape(code.short_descriptor))


def highlighted_result(code: Code, words: list[str]) -> SearchResult:
    return SearchResult(code, highlight(code.short_descriptor, words))


def highlight(text: str, words: list[str]) -> SafeString:
    """Escape `text` and wrap the words that match a query word (or share its stem) in <mark>."""
    pieces = []
    position = 0
    for match in WORD.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        token = match.group()
        if any(shares_stem(token.lower(), word) for word in words):
            pieces.append(f"<mark>{escape(token)}</mark>")
        else:
            pieces.append(escape(token))
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))


def shares_stem(token: str, word: str) -> bool:
    """True when the two words differ only in their ending: biopsy, biopsies."""
    if token == word:
        return True
    common = 0
    for left, right in zip(token, word, strict=False):
        if left != right:
            break
        common += 1
    return common >= 4 and common >= min(len(token), len(word)) - 2
