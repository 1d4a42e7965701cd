"""Case2Code search: one interface over the database's own full-text search.

A query is an exact code (goes to its page), a code prefix (the codes under it, in code
order) or words. Words are read through the search dictionary (synonyms.py: CKD -> chronic
kidney disease, arm -> upper limb), misspelt ones corrected to the nearest indexed word, and
matched two ways: against the ICD-10-CM Alphabetic Index's term paths and against the
descriptors (every word or one of its expansions, stemmed); ranking.py orders what both
found. query.py writes the database queries, in the dialect of the database in use
(dialects.py). Results carry codes, their list titles (Code.list_title: the short
descriptor, or a public-domain official descriptor it abbreviates), hierarchy and why they
matched (an index path, a dictionary entry): never a CPT official descriptor, a
description or section text.

Deleted codes are left out unless asked for (an exact code still opens its page), and a
search may be limited to the codes valid on a date of service (lookup/history.py).
"""

import re
from dataclasses import dataclass, field, replace
from datetime import date

from django.db.models import Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..history import valid_on_filter
from ..models import Code, CodeSystem, canonical_code
from ..selectors import HeldPerGeneration, catalogue_generation
from ..words import WORD, query_words
from . import ranking
from .dialects import Dialect, current_dialect
from .frequency import current_frequencies
from .lay_terms import lay_vocabulary
from .modifiers import FoundModifier, ModifierSearch, find_modifiers
from .query import SUGGEST_INDEX_FROM, codes_starting, index_rows_and_code_ids, ranked_code_ids
from .spelling import closest_words, current_vocabulary, edit_distance
from .stemming import stem
from .synonyms import NOISE_WORDS, WordGroup, expand_words

MAX_QUERY_LENGTH = 200
# Results on the page: the best ones; more words narrow the search further.
# Results on a page; a words search pages through the candidates it ranked (INDEX_CANDIDATES,
# TEXT_CANDIDATES and the codes under headers), a code prefix through every code under it.
MAX_RESULTS = 30
MAX_SUGGESTIONS = 10
# Candidates read from each source before ranking: index paths and descriptor matches.
INDEX_CANDIDATES = 120
TEXT_CANDIDATES = 40
# Codes read under the headers the best index paths lead to ("L02.41-" -> L02.411...).
CODES_UNDER_HEADERS = 80
LAY_WORDS = lay_vocabulary()
# Searches of a query's rarer words when no code says every word: all but the commonest,
# then all but the two commonest...
RARER_WORDS_TRIES = 3
# The most used of equally near corrections, per catalogue generation (most_used_of): at most
# this many, then forgotten, so that made-up misspellings cannot fill the memory.
MOST_USED = HeldPerGeneration(dict)
MOST_USED_HELD = 5000

# What results and suggestions read of a code (shown_codes).
SHOWN_FIELDS = ("code", "level", "billable", "status", "short_descriptor", "long_descriptor",
                "system__slug", "system__name", "parent__code", "parent__short_descriptor",
                "parent__system_id")  # fmt: skip
CODE_LIKE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.]{0,8}-?")
SYSTEM_BEFORE_CODE = re.compile(r"^(?:cpt|hcpcs)(?: code)? (?=\S+$)", re.IGNORECASE)
# A CPT or HCPCS code and a two-character modifier: 99213-25, 27323-RT (not 27301-27599).
MODIFIER_AFTER_CODE = re.compile(r"(?<=^[A-Za-z0-9]{5})-[A-Za-z0-9]{2}$")


@dataclass
class SearchResult:
    """A code as a result shows it: its list title, matched words marked.

    A CPT official (long) descriptor is matched but not shown: it is AMA text that a visitor
    out of views may not receive (accounts/metering.py).
    """

    code: Code
    title: SafeString
    # Why it matched: "Index: Calculus > kidney", "CKD = chronic kidney disease".
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Scope:
    """Which codes a search looks at."""

    system: CodeSystem | None = None
    billable_only: bool = False
    include_deleted: bool = False
    valid_on: date | None = None  # only codes that could be reported that day

    def filter(self) -> Q:
        """Deleted codes left out, or only the codes valid on the date (deleted or not)."""
        if self.valid_on is not None:
            return valid_on_filter(self.valid_on)
        return Q() if self.include_deleted else ~Q(status=Code.Status.DELETED)

    def admitted(self, found: list["ranking.Candidate"]) -> set[int]:
        """The ids of the candidates in scope; a query only to check dates of service."""
        if self.valid_on is not None:
            valid = Code.objects.filter(self.filter(), pk__in=[each.pk for each in found])
            return set(valid.values_list("pk", flat=True))
        deleted = Code.Status.DELETED
        return {each.pk for each in found if self.include_deleted or each.status != deleted}

    def within(self, alias: str) -> tuple[str, list] | None:
        """The valid-on-date limit as an SQL condition on the search's code table, named
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
    matched_by: str = ""  # "code" (a code prefix), "words" or "modifier" (modifiers alone)
    # Modifiers the query names, shown above the codes (on the first page).
    modifiers: list[FoundModifier] = field(default_factory=list)
    corrected_query: str = ""
    # What the words were read as ("TTP = thrombotic thrombocytopenic purpura",
    # "diabtes -> diabetes"); the page links to the search as typed.
    rewrites: list[str] = field(default_factory=list)
    # An abbreviation with several meanings: (as typed, [(meaning, the query with it)]).
    meanings: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    as_typed: bool = False
    # No current code matched: the results are deleted codes that do.
    only_deleted: bool = False
    error: str = ""
    page: int = 1
    has_next: bool = False

    # What includes/pagination.html reads of a page (a words search has no page count).
    @property
    def number(self) -> int:
        return self.page

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.page - 1

    @property
    def next_page_number(self) -> int:
        return self.page + 1

    @property
    def first_number(self) -> int:
        """The position of the page's first result in the whole list (1 on page 1)."""
        return (self.page - 1) * MAX_RESULTS + 1

    @property
    def last_number(self) -> int:
        return self.first_number + len(self.results) - 1


def search_codes(
    query: str, scope: Scope | None = None, page: int = 1, *, as_typed: bool = False
) -> SearchOutcome:
    """Match an exact code, a code prefix, or all words of the descriptors and inclusion terms;
    `page` (1 the first) of MAX_RESULTS results. `as_typed` searches the words without the
    dictionary or spelling correction."""
    scope = scope or Scope()
    query = " ".join(query.split())
    offset = (page - 1) * MAX_RESULTS
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

    # Read once for the dictionary's counts, the spelling word list and the modifiers (a
    # round trip to the shared cache each otherwise); a code needs none of them.
    generation = None if is_code_like(named_code(query)) else catalogue_generation()
    named = modifiers_named(query, scope, generation) if page == 1 else ModifierSearch([], False)
    if named.asked_for and named.found:
        return SearchOutcome(query, matched_by="modifier", modifiers=named.found)
    codes = candidate_codes(scope.system, scope.billable_only)
    if is_code_like(named_code(query)):
        spellings = code_spellings(named_code(query), scope.system)
        exact = list(codes.filter(code__in=spellings, level=Code.Level.CODE)[:2])
        # "j1100" is HCPCS J1100 as typed, and ICD-10-CM J11.00 with a dot added: as typed.
        as_typed = [code for code in exact if code.code == query.upper()]
        if len(exact) == 1 or len(as_typed) == 1:
            return SearchOutcome(query, exact=(as_typed or exact)[0])
        by_prefix = codes_with_prefix(spellings, scope, MAX_RESULTS + 1, offset)
        if by_prefix or (page > 1 and codes_with_prefix(spellings, scope, 1)):
            return SearchOutcome(
                query,
                results=[plain_result(code) for code in by_prefix[:MAX_RESULTS]],
                matched_by="code",
                modifiers=named.found,
                page=page,
                has_next=len(by_prefix) > MAX_RESULTS,
            )

    found, used_words, groups, only_deleted = words_search(
        words,
        scope,
        MAX_RESULTS + 1,
        offset=offset,
        capitals=capitals(query),
        as_typed=as_typed,
        generation=generation,
    )
    marked = [
        word for group in groups for alternative in group.alternatives for word in alternative
    ]
    corrections = [
        f"{typed} \u2192 {used}"
        for typed, used in zip(words, used_words, strict=False)
        if typed != used and len(used_words) == len(words)
    ]
    return SearchOutcome(
        query,
        results=[
            SearchResult(item.code, highlight(item.code.list_title, marked), item.reasons)
            for item in found[:MAX_RESULTS]
        ],
        matched_by="words",
        modifiers=named.found,
        page=page,
        # The deleted codes' own search (deleted=1) pages through them all.
        has_next=len(found) > MAX_RESULTS and not only_deleted,
        only_deleted=only_deleted,
        # A correction is offered only when it found something.
        corrected_query=" ".join(used_words) if used_words != words and found else "",
        rewrites=corrections + [meaning for group in groups for meaning in group.meanings.values()],
        meanings=offered_meanings(query, groups),
        as_typed=as_typed,
    )


def capitals(query: str) -> frozenset[str]:
    """The words typed in capitals ("TTP"), lower-cased as the query's words are."""
    return frozenset(
        word.lower() for word in WORD.findall(query) if len(word) > 1 and word.isupper()
    )


def offered_meanings(query: str, groups: list[WordGroup]) -> list[tuple[str, list]]:
    """Each abbreviation of the query with several meanings, and the query with each meaning
    in its place ("TTP" -> "thrombotic thrombocytopenic purpura"), to be searched as typed."""
    offered = []
    lowered = " ".join(query_words(query, limit=None))
    for group in groups:
        meanings = list(dict.fromkeys(group.abbreviation_meanings))
        if len(meanings) > 1:
            offered.append(
                (
                    group.typed.upper(),
                    [(meaning, lowered.replace(group.typed, meaning, 1)) for meaning in meanings],
                )
            )
    return offered


def suggest_codes(
    query: str, system: CodeSystem | None = None, generation: str | None = None
) -> list[Code]:
    """At most ten codes for the search box's autocomplete: code prefixes, then word prefixes;
    `generation`, the catalogue's, when the caller has read it."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    words = query_words(query)
    if not words:
        return []
    if is_code_like(query):
        by_prefix = codes_with_prefix(code_spellings(query, system), Scope(system), MAX_SUGGESTIONS)
        if by_prefix:
            return by_prefix

    def search_words(prefix_last: bool) -> tuple[list[Code], bool]:
        found, _, _, only_deleted = words_search(
            words,
            Scope(system),
            MAX_SUGGESTIONS,
            prefix_last=prefix_last,
            capitals=capitals(query),
            generation=generation,
        )
        return [item.code for item in found], only_deleted

    found, only_deleted = search_words(prefix_last=True)
    if (not found or only_deleted) and len(words) > 1:
        # No current code has a word starting so beside the others: the last word may be
        # whole, as a search reads it ("heartburn all the time", "dizzy when I stand up").
        whole, whole_only_deleted = search_words(prefix_last=False)
        if whole and not whole_only_deleted:
            return whole
    # Deleted codes when no current one matches (a code deleted since), rather than nothing.
    return found


def with_deleted_codes(scope: Scope) -> Scope | None:
    """The scope to search again when no current code matched: deleted codes included, so
    that a code deleted since (M72.2, expanded in FY2027) is still found, marked deleted; None
    when `scope` includes them already or holds to a date of service."""
    if scope.include_deleted or scope.valid_on is not None:
        return None
    return replace(scope, include_deleted=True)


def modifiers_named(query: str, scope: Scope, generation: str | None = None) -> ModifierSearch:
    """The modifiers a query names, when its scope holds modifiers (all systems, CPT or
    HCPCS): search and suggest show them above the codes."""
    if scope.system is not None and scope.system.slug not in ("cpt", "hcpcs"):
        return ModifierSearch([], False)
    return find_modifiers(query, scope.include_deleted, generation)


def named_code(query: str) -> str:
    """The code a query names as coders write it, "cpt 99213" or "99213-25" (a code and its
    modifier), without the system's name or the modifier; the query itself otherwise."""
    return MODIFIER_AFTER_CODE.sub("", SYSTEM_BEFORE_CODE.sub("", query))


def is_code_like(query: str) -> bool:
    return bool(CODE_LIKE.fullmatch(query)) and any(char.isdigit() for char in query)


def code_spellings(query: str, system: CodeSystem | None) -> set[str]:
    # canonical_code spells ICD-10-CM codes one way and every other system's another: no
    # query for the systems' names.
    slugs = [system.slug] if system else ["icd-10-cm", "hcpcs"]
    return {canonical_code(slug, query).rstrip(".-") for slug in slugs}


def shown_codes() -> QuerySet[Code]:
    """Codes with what a result or a suggestion shows (their place in the hierarchy, their
    system), and nothing else: building a few hundred model instances with every column
    was a tenth of a search's time."""
    return Code.objects.select_related("system", "parent").only(*SHOWN_FIELDS)


def candidate_codes(system: CodeSystem | None, billable_only: bool) -> QuerySet[Code]:
    codes = Code.objects.select_related("system", "parent")
    if system is not None:
        codes = codes.filter(system=system)
    if billable_only:
        codes = codes.filter(level=Code.Level.CODE, billable=True)
    return codes


def codes_with_prefix(spellings: set[str], scope: Scope, limit: int, offset: int = 0) -> list[Code]:
    """Codes in scope that start with any of the spellings, in code order: `limit` from
    `offset` (one index read each)."""
    dialect = current_dialect()
    options = {
        "system_id": scope.system.pk if scope.system else None,
        "billable_only": scope.billable_only,
        "include_deleted": scope.include_deleted,
        "within": scope.within(dialect.code_alias),
    }
    found = sorted(
        pair
        for spelling in sorted(spellings)
        for pair in codes_starting(dialect, spelling, limit=offset + limit, **options)
    )[offset : offset + limit]
    by_id = shown_codes().in_bulk([pk for _, pk in found])
    return with_parent_systems([by_id[pk] for _, pk in found])


def words_search(
    words: list[str],
    scope: Scope,
    limit: int,
    *,
    offset: int = 0,
    prefix_last: bool = False,
    capitals: frozenset[str] = frozenset(),
    as_typed: bool = False,
    generation: str | None = None,
) -> tuple[list[ranking.Scored], list[str], list[WordGroup], bool]:
    """Codes for the words, best first, `limit` from `offset` of those ranked: (scored codes,
    the words used, their groups, whether the codes are deleted ones). The first page holds
    deleted codes when no code in `scope` matches and it leaves them out (with_deleted_codes).

    Words neither indexed nor in the dictionary are corrected to the nearest indexed word
    first (the last word of a suggestion, a prefix, only when no indexed word starts with
    it); `as_typed` reads the words without the dictionary or corrections. `generation`,
    the catalogue's, is read here unless the caller has.
    """
    system, billable_only = scope.system, scope.billable_only
    dialect = current_dialect()
    generation = generation or catalogue_generation()
    frequencies = current_frequencies(generation)

    def is_word(word: str) -> bool:
        # A suggestion's last word may be the start of any word: an abbreviation only in capitals.
        return frequencies.is_common(word) or (prefix_last and word == words[-1])

    reading = {
        "capitals": capitals,
        "is_word": is_word,
        "dictionary": not as_typed,
        "known": frequencies.is_known,
        "generation": generation,
        "keep_last": prefix_last,
    }
    groups = expand_words(words, **reading)
    used, unknown = (
        (words, set())
        if as_typed
        else corrected_words(
            words, groups, dialect, keep_last=prefix_last, generation=generation, capitals=capitals
        )
    )
    if used != words:
        groups = expand_words(used, **reading)
    if prefix_last and not as_typed and len(used[-1]) > 1 and len(groups[-1].alternatives) == 1:
        # "knee pa": the prefix's most used words ("pain", "part"...) are searched beside
        # it and ranked by how much they are used, so the likeliest reading comes first.
        groups[-1] = with_completions(groups[-1], frequencies.completions(used[-1]))
    alternatives = [group.alternatives for group in groups]
    weights = [max(frequencies.weight(word) for word in group.alternatives[0]) for group in groups]
    if any(group.circumstance for group in groups) and not all(g.circumstance for g in groups):
        # Where it happened counts half as much as the least of what happened.
        least = min(w for w, group in zip(weights, groups, strict=True) if not group.circumstance)
        weights = [
            least / 2 if group.circumstance else weight
            for weight, group in zip(weights, groups, strict=True)
        ]
    shape = ranking.QueryShape(groups, weights)
    searched, prefix_searched = alternatives, prefix_last
    if prefix_last and len(groups) > 1 and len(groups[-1].alternatives[0][-1]) == 1:
        # "cataract right e": one letter narrows nothing yet but costs a read of every word
        # starting with it; the other words are searched, and ranked with it.
        searched, prefix_searched = alternatives[:-1], False

    # A suggestion for one word of a few letters ("kid") would rank thousands of index terms
    # at every key press: its descriptors answer it; the index joins from the fourth letter,
    # or at once for a dictionary term ("ckd": its expansion is whole words).
    searches_index = (system is None or system.slug == "icd-10-cm") and not (
        prefix_last
        and len(groups) == 1
        and len(groups[0].alternatives) == 1
        and len(used[-1]) < SUGGEST_INDEX_FROM
    )
    # A suggestion is asked at every key press: it reads fewer candidates.
    share = 3 if prefix_last else 1
    # One thing named ("fever") is in hundreds of paths, its own among the shortest but not
    # always within the first rows by bm25 ("Abortus fever" comes first); a suggestion's
    # ten come from the first of them.
    index_limit = INDEX_CANDIDATES * (3 if len(groups) == 1 else 1) // share
    if prefix_last and len(groups) == 1:
        index_limit //= 2
    # Per group and alternative, its words' rarity: PostgreSQL's search for any word counts
    # a group once, at its best alternative (dialects.py).
    rarity = [
        [{word: frequencies.weight(word) for word in alternative} for alternative in group]
        for group in searched
    ]
    index = {
        "limit": index_limit,
        "prefix_last": prefix_searched,
        "leave_out": ranking.unasked_qualifiers(shape),
        "rarity": rarity,
    }
    options = {
        "system_id": system.pk if system else None,
        "billable_only": billable_only,
        "limit": TEXT_CANDIDATES // share,
        "prefix_last": prefix_searched,
        "within": scope.within(dialect.code_alias),
    }
    rows, text_ids = index_rows_and_code_ids(
        dialect, searched, index=index if searches_index else None, codes=options
    )
    matches = ranking.index_matches(shape, rows)
    every_word_said = bool(text_ids)
    if not every_word_said and len(searched) > 1 and not prefix_last:
        # No code says every word: those saying the rarer ones ("dupuytren contracture of
        # palm": Dupuytren's), the commonest words left out first, are read first; a code
        # saying only common ones no longer fills the candidates.
        text_ids = rarest_words_ids(dialect, searched, weights[: len(searched)], options)
    if not every_word_said and not matches and len(groups) > 1 and not unknown and not prefix_last:
        # No code says every word, though each is indexed ("TENS unit"): those saying most of
        # them may still fit.
        more = ranked_code_ids(dialect, searched, every=False, rarity=rarity, **options)
        text_ids += [code_id for code_id in more if code_id not in text_ids]
    wanted = list(dict.fromkeys([match.code_id for match in matches] + text_ids))
    codes = {code.pk: code for code in candidates(Q(pk__in=wanted))}
    header_of = {}
    headers = ranking.headers_to_open(shape, matches, codes)
    for code in codes_under(headers, CODES_UNDER_HEADERS // (2 if prefix_last else 1)):
        header_of[code.pk] = next(h.pk for h in headers if code.code.startswith(h.code))
        codes.setdefault(code.pk, code)
    text_ranks = {code_id: rank for rank, code_id in enumerate(text_ids)}

    def ranked_within(scope: Scope) -> list[ranking.Scored]:
        # Headers found through the index are opened whatever the scope; the codes under
        # them are held to it like the rest.
        in_scope = scope.admitted(list(codes.values()))
        reportable = [
            code
            for code in codes.values()
            if code.pk in in_scope
            and (not billable_only or (code.level == Code.Level.CODE and code.billable))
        ]
        return ranking.score_codes(shape, reportable, matches, text_ranks, header_of)

    scored = ranked_within(scope)
    only_deleted = False
    if not scored and offset == 0 and (wider := with_deleted_codes(scope)):
        # The candidates read are the same whether deleted codes are in scope or not (they
        # come last): no second search.
        scored = ranked_within(wider)
        only_deleted = bool(scored)
    scored = scored[offset : offset + limit]
    # Without the model's ordering (a join to order by system), unlike in_bulk.
    shown = shown_codes().filter(pk__in=[item.code.pk for item in scored])
    by_id = {code.pk: code for code in shown.order_by()}
    for item in scored:
        item.code = by_id[item.code.pk]
    return with_parent_systems_scored(scored), used, groups, only_deleted


def rarest_words_ids(
    dialect: Dialect, searched: list, weights: list[float], options: dict
) -> list[int]:
    """The codes saying all but the query's commonest groups, leaving out one more common
    group at a time (at most RARER_WORDS_TRIES searches) while none says the rest."""
    by_rarity = sorted(range(len(searched)), key=lambda number: -weights[number])
    for kept in range(len(searched) - 1, max(len(searched) - 1 - RARER_WORDS_TRIES, 0), -1):
        chosen = sorted(by_rarity[:kept])
        found = ranked_code_ids(dialect, [searched[number] for number in chosen], **options)
        if found:
            return found
    return []


def with_completions(group: WordGroup, completions: list[tuple[str, float]]) -> WordGroup:
    """The group of a suggestion's last word with its completions as alternatives, each
    with its share of use (1 for the most used)."""
    typed = group.alternatives[0]
    alternatives = [typed]
    shares = {}
    for word, share in completions:
        alternative = (*typed[:-1], word)
        if alternative not in alternatives:
            alternatives.append(alternative)
            shares[alternative] = share
    return replace(group, alternatives=alternatives, completion_shares=shares)


def corrected_words(
    words: list[str],
    groups: list[WordGroup],
    dialect: Dialect,
    *,
    keep_last: bool,
    generation: str | None = None,
    capitals: frozenset[str] = frozenset(),
) -> tuple[list[str], set[str]]:
    """The words with each misspelt one replaced by the nearest indexed word, and the words
    that are neither indexed nor near one.

    Words of a dictionary term ("strep throat"), short words, words with digits (codes,
    stages, "rt") and words typed in capitals (an abbreviation: "HFMD" is not "hfo") are left
    alone, and so is the last word of a suggestion (a prefix).
    """
    in_dictionary = {
        word for group in groups if len(group.alternatives) > 1 for word in group.typed.split()
    }
    # Words no group searches (how an injury happened, told first) are not corrected either.
    searched = {word for group in groups for word in group.typed.split()}
    vocabulary = current_vocabulary(dialect.indexed_words, generation)
    checked = [
        word
        for index, word in enumerate(words)
        if len(word) > 3
        and word.isalpha()
        and word not in in_dictionary
        and word in searched
        and word not in NOISE_WORDS  # "always" is no misspelt "away"
        and word not in LAY_WORDS  # "throbbing" is no misspelt "throwing"
        and word not in capitals
        # A suggestion's last word is a prefix: corrected only when no word starts with it.
        and not (keep_last and index == len(words) - 1 and vocabulary.starts_any(word))
    ]
    if not checked:
        return words, set()
    missing = [word for word in checked if word not in vocabulary.words]
    known = dialect.known_words(missing) if missing else set()
    corrections = {}
    for word in missing:
        if word not in known:
            similar = vocabulary.similar(word)
            nearest = closest_words(word, similar)
            parts = vocabulary.split(word)
            state = state_word(word, vocabulary.words)
            dropped_g = word + "g" if word.endswith("in") else ""
            if word in vocabulary.accented:
                # An eponym typed without its accents: "meniere" is Ménière, not "measure".
                corrections[word] = vocabulary.accented[word]
            elif word.endswith("s") and word[:-1] in vocabulary.words:
                # A possessive typed without its apostrophe: "Bells palsy" is Bell's palsy.
                corrections[word] = word[:-1]
            elif ing := ing_form(word, vocabulary.words):
                # A patient's verb for a symptom the code sets name by its -ing form: "i
                # wheeze" is wheezing, "sneezes" sneezing.
                corrections[word] = ing
            elif dropped_g and (
                dropped_g in vocabulary.words
                or dropped_g in LAY_WORDS
                or same_stem(dropped_g, vocabulary.similar(dropped_g))
            ):
                # A patient's "-in'" for "-ing": "throwin up" is throwing up, "itchin" itching.
                corrections[word] = dropped_g
            elif state:
                # A patient's adjective for the index's word: "hoarse" is hoarseness, not
                # horse, "blurry" blurred, not berry.
                corrections[word] = state
            elif inflected_form(word, vocabulary.words) or same_stem(word, similar):
                # A form of an indexed word ("leaking": leak, "snores": snoring), which search,
                # stemming, finds as typed; its nearest word ("leading", "scores") would change
                # what it says.
                continue
            elif completion := cut_short(word, nearest, current_frequencies(generation)):
                # A word cut short, as coders and patients say "strep" and "staph": its most
                # used completion, not a word spelt like it ("strap").
                corrections[word] = completion
            elif parts and (not nearest or edit_distance(word, nearest[0]) > 1):
                # Two words run together: "preeclampsia" is pre-eclampsia.
                corrections[word] = " ".join(parts)
            else:
                # Of equally near words the most used: "migrane" is migraine, not migrans.
                corrections[word] = (
                    most_used_of(dialect, nearest, generation)
                    if len(nearest) > 1
                    else (nearest or [word])[0]
                )
    unknown = {word for word, correction in corrections.items() if correction == word}
    return [part for word in words for part in corrections.get(word, word).split()], unknown


def most_used_of(dialect: Dialect, words: list[str], generation: str | None) -> str:
    """dialect.most_used(words), asked once a catalogue generation: a suggestion asks again
    at every key press after a misspelt word."""
    held = MOST_USED.get(generation)
    key = tuple(words)
    if key not in held:
        if len(held) >= MOST_USED_HELD:
            held.clear()
        held[key] = dialect.most_used(words)
    return held[key]


# Endings that make a word's inflected forms ("leak": leaks, leaked, leaking); a misspelt
# word whose stem is another word ("acident": acid, "tonsilitis": tonsil) is not one.
INFLECTIONS = frozenset(["s", "es", "ed", "d", "ing", "ings", "er", "ers", "ly", "ness"])
# Those that drop a final e ("shake": shaking).
E_ENDINGS = frozenset(["ing", "ings", "ed", "er", "ers"])


def inflected_form(word: str, words: frozenset[str]) -> bool:
    """Whether `word` is an indexed word with an inflection ("leaking", "bleeding",
    "vomitting" with its consonant doubled), which search's stemming finds as typed."""
    base = stem(word)
    return base in words and has_inflection(word, base)


def has_inflection(word: str, base: str) -> bool:
    """Whether `word` is its stem `base` with an inflection ("snores": snore + s, "shaking":
    shake, its e dropped)."""
    if base.endswith("e") and word.startswith(base[:-1]) and word[len(base) - 1 :] in E_ENDINGS:
        return True
    if base == word or not word.startswith(base):
        return False
    ending = word[len(base) :]
    return ending in INFLECTIONS or (ending[:1] == base[-1] and ending[1:] in INFLECTIONS)


def ing_form(verb: str, words: frozenset[str]) -> str:
    """The indexed -ing form of a verb ending as a symptom's verb does ("wheeze": wheezing,
    "sneezes": sneezing, "itches": itching), or ""; a noun's plural ("bumps") is no verb."""
    bases = [verb, verb[:-1], verb[:-2]] if verb.endswith("es") else [verb]
    for base in bases:
        if base.endswith("e"):
            form = base[:-1] + "ing"
        elif base.endswith("ch"):
            form = base + "ing"
        else:
            continue
        if form in words:
            return form
    return ""


def same_stem(word: str, similar: list[str]) -> bool:
    """Whether `word` and an indexed word spelt like it are forms of one stem, either
    inflected ("snores", "snoring": snore; "shake", "shaking"); a misspelling ("migrane",
    "migrans": migran) is not."""
    base = stem(word)
    return any(
        stem(each) == base and (has_inflection(word, base) or has_inflection(each, word))
        for each in similar
    )


def cut_short(word: str, nearest: list[str], frequencies) -> str:
    """The most used word starting with `word`, when the code sets use it at least as much as
    the words spelt nearest it ("strep": streptococcal, not strap), or ""; a rare completion
    does not replace a common word a letter away ("melanoam" is melanoma, not
    melanoameloblastoma)."""
    completions = frequencies.completions(word, count=1)
    if not completions:
        return ""
    completion = completions[0][0]
    near_uses = max((frequencies.counts.get(each, 0) for each in nearest), default=0)
    return completion if frequencies.counts.get(completion, 0) >= near_uses else ""


def state_word(adjective: str, words: frozenset[str]) -> str:
    """The indexed word naming what a patient's adjective describes ("tired" -> tiredness,
    "dizzy" -> dizziness, "blurry" -> blurred, "shaky" -> shaking), or ""."""
    forms = [adjective + "ness"]
    if adjective.endswith("y") and len(adjective) > 4:
        base = adjective[:-1]  # "blurr", "shak"
        forms.append(base + "iness")
        for root in dict.fromkeys([base, base + "e", base[:-1] if base[-1] == base[-2] else base]):
            forms += [root, root + "ed", root + "ing"]
    return next((form for form in forms if form in words), "")


def candidates(condition: Q) -> list[ranking.Candidate]:
    """The codes matching `condition` with just what ranking reads (no model instances), in
    code order.

    Sorted here, not by the database: ORDER BY code would have PostgreSQL walk the whole
    code index instead of looking the few wanted rows up.
    """
    rows = Code.objects.filter(condition).order_by().values_list(*ranking.Candidate.FIELDS)
    return sorted((ranking.Candidate(*row) for row in rows), key=lambda each: each.code)


def codes_under(headers: list[ranking.Candidate], limit: int) -> list[ranking.Candidate]:
    """The billable codes under each header, in code order, at most `limit` in all.

    Each header's codes are a range of the code index, read with its own bound (one query
    with OR of the ranges would read the whole table): in one statement where the database
    takes bounded reads together (UNION ALL), else one query per header, while needed.
    """
    dialect = current_dialect()
    reads = [
        Code.objects.filter(
            dialect.code_prefix_filter(header.code),
            system_id=header.system_id,
            level=Code.Level.CODE,
            billable=True,
        )
        .order_by()
        .annotate(branch=Value(number))
        .values_list(*ranking.Candidate.FIELDS, "branch")[: limit * 4]
        for number, header in enumerate(headers)
    ]
    together = None
    if len(reads) > 1 and dialect.bounded_reads_together:
        together = list(reads[0].union(*reads[1:], all=True))
    found: list[ranking.Candidate] = []
    for number, read in enumerate(reads):
        if len(found) >= limit:
            break
        rows = read if together is None else [row for row in together if row[-1] == number]
        under = sorted((ranking.Candidate(*row[:-1]) for row in rows), key=lambda each: each.code)
        found += under[: limit - len(found)]
    return found


def with_parent_systems_scored(scored: list[ranking.Scored]) -> list[ranking.Scored]:
    with_parent_systems([item.code for item in scored])
    return scored


def with_parent_systems(codes: list[Code]) -> list[Code]:
    """A parent is in its child's system: spares a query per result when linking to it."""
    for code in codes:
        if code.parent is not None:
            code.parent.system = code.system
    return codes


def plain_result(code: Code) -> SearchResult:
    return SearchResult(code, escape(code.list_title))


def highlight(text: str, words: list[str]) -> SafeString:
    """Escape `text` and wrap the words that match a query word (or share its stem) in <mark>."""
    wanted = set(words) | {ranking.stem(word) for word in words}
    pieces = []
    position = 0
    for match in WORD.finditer(text):
        lowered = match.group().lower()
        if lowered in wanted or ranking.stem(lowered) in wanted:
            pieces.append(escape(text[position : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))
