"""Read-side queries for the catalogue's pages, each built once with the joins a page needs."""

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection
from django.db.models import Model, Prefetch, Q, QuerySet, TextField
from django.db.models.expressions import RawSQL

from core.published import PublishedGeneration

from .history import edition_fiscal_year
from .models import (
    Code,
    CodeHistory,
    CodeRelation,
    CodeSystem,
    IndexTerm,
    Modifier,
    Section,
    SourceReference,
)

# Deepest ICD-10-CM chain: chapter > block > sub-block > category > 4th, 5th, 6th, 7th
# character. Fetching that many parents in one join keeps the page at one query for them.
ANCESTOR_DEPTH = 8
ANCESTOR_PATH = "__".join(["parent"] * ANCESTOR_DEPTH)

# Children listed on a code or hierarchy page; browsing goes further with pagination.
CHILDREN_SHOWN = 200
# Alphabetic Index terms listed on an ICD-10-CM code page (a few codes have hundreds).
INDEX_TERMS_SHOWN = 40

# ICD-10-CM instructional notes that hold for every code under the category or subcategory
# that carries them, shown on those codes' pages as the tabular list is read.
INHERITED_NOTE_KINDS = [
    Section.Kind.EXCLUDES1,
    Section.Kind.EXCLUDES2,
    Section.Kind.CODE_FIRST,
    Section.Kind.USE_ADDITIONAL_CODE,
    Section.Kind.CODE_ALSO,
    Section.Kind.SEVENTH_CHARACTER,
]
SOURCE_FIELDS = ["title", "publisher", "url", "edition", "supports", "position"]


@dataclass
class RelatedCode:
    label: str
    code: Code


CATALOGUE_GENERATION_KEY = "catalogue-generation"
CATALOGUE_GENERATION = PublishedGeneration(CATALOGUE_GENERATION_KEY)


def catalogue_generation() -> str:
    """A token that changes whenever the catalogue changes; part of every page's cache key."""
    return CATALOGUE_GENERATION.read()


def catalogue_generation_heard() -> str | None:
    """The catalogue generation as this process heard it published, with no round trip;
    None when it cannot vouch for it (core/published.py)."""
    return CATALOGUE_GENERATION.heard()


# Without a shared cache (Redis) each process has its own generation, which another
# process's change (the task worker's import) does not renew: what a process holds per
# generation is read again at least this often (seconds).
HELD_WITHOUT_SHARED_CACHE_SECONDS = 60

Held = TypeVar("Held")


class HeldPerGeneration(Generic[Held]):
    """A value this process reads with `read()` once per catalogue generation (search's
    modifiers, its dictionary): later requests in the same generation get it with no query,
    and a change anywhere (catalogue_changed) has the next one read it again."""

    def __init__(self, read: Callable[[], Held]):
        self._read = read
        # (the generation it was read in, when, the value)
        self._held: tuple[str, float, Held] | None = None

    def get(self, generation: str | None = None) -> Held:
        """The value for `generation` (the current one, read here, unless the caller has read
        it: before reading the database, so that a change committed meanwhile renews it)."""
        generation = generation or catalogue_generation()
        now = time.monotonic()
        held = self._held
        if (
            held is None
            or held[0] != generation
            or (not settings.REDIS_URL and now - held[1] > HELD_WITHOUT_SHARED_CACHE_SECONDS)
        ):
            held = self._held = (generation, now, self._read())
        return held[2]


def catalogue_changed() -> None:
    """Make every cached code page stale, in every process: called on admin saves, imports
    and demo loads.

    A change to one code also shows on its neighbours' pages (breadcrumbs, children,
    related codes), so the whole catalogue's pages are renewed, lazily, as they are read.
    """
    CATALOGUE_GENERATION.renew()


def sources_sql(vendor: str) -> str:
    """A code's sources as one JSON array, as text: a correlated subquery for the code's own
    query (json_group_array on SQLite, json_agg on PostgreSQL). Plain SQL, as the ORM's
    version took longer to compile than the query takes to run."""
    meta = SourceReference._meta
    pairs = ", ".join(f"'{name}', s.\"{meta.get_field(name).column}\"" for name in SOURCE_FIELDS)
    rows = (
        f"JSON_AGG(JSON_BUILD_OBJECT({pairs}))::text"
        if vendor == "postgresql"
        else f"JSON_GROUP_ARRAY(JSON_OBJECT({pairs}))"
    )
    code = Code._meta.db_table
    return f'(SELECT {rows} FROM "{meta.db_table}" s WHERE s."code_id" = "{code}"."id")'


def code_with_ancestors(system_slug: str, code: str, facts: Sequence[str] = ()) -> Code | None:
    """The code, its history, its parents up to the hierarchy's root and its sources, in one
    query; `facts` names other rows one-to-one with the code (or its system) to join."""
    return (
        Code.objects.select_related("system", ANCESTOR_PATH, "history", *facts)
        .annotate(source_rows=RawSQL(sources_sql(connection.vendor), [], TextField()))
        .filter(system__slug=system_slug, code=code)
        .first()
    )


def sources_of(code: Code) -> list[SourceReference]:
    """The sources fetched with the code by code_with_ancestors, in the editors' order."""
    rows = sorted(json.loads(code.source_rows or "[]"), key=lambda row: row["position"])
    return [SourceReference(code=code, **row) for row in rows]


def sections_with_inherited_notes(
    code: Code, ancestors: list[Code]
) -> tuple[list[Section], list[Section]]:
    """The code's sections, and the instructional notes its ICD-10-CM category and
    subcategories carry for every code under them (nearest last): one query for both."""
    carriers = {
        ancestor.pk: ancestor
        for ancestor in ancestors
        if code.system.slug == "icd-10-cm" and ancestor.level == Code.Level.CODE
    }
    sections, inherited = [], []
    for section in Section.objects.filter(code_id__in=[code.pk, *carriers]).order_by(
        "position", "id"
    ):
        if section.code_id == code.pk:
            section.code = code
            sections.append(section)
        elif section.kind in INHERITED_NOTE_KINDS:
            section.code = carriers[section.code_id]
            inherited.append(section)
    depth = {ancestor.pk: index for index, ancestor in enumerate(ancestors)}
    inherited.sort(key=lambda section: depth[section.code_id])
    return sections, inherited


def fetched_fact(instance: Model, name: str) -> Model | None:
    """A one-to-one row fetched with `instance` by select_related, or None if it has none.

    Only for the history and the `facts` of a code from code_with_ancestors: anywhere else
    the attribute would cost a query.
    """
    try:
        return getattr(instance, name)
    except ObjectDoesNotExist:
        return None


def ancestors_of(code: Code) -> list[Code]:
    """Parents of an already fetched code, root first (no query if fetched with its parents)."""
    chain = []
    node = code.parent
    while node is not None:
        node.system = code.system  # same system: spares a query per link when building URLs
        chain.append(node)
        node = node.parent
    return list(reversed(chain))


def related_codes_of(code: Code) -> list[RelatedCode]:
    """Codes linked to `code` in either direction, labelled as read from `code`'s page."""
    # With the parents: a code without descriptor is titled by its range (list_title).
    relations = CodeRelation.objects.filter(Q(from_code=code) | Q(to_code=code)).select_related(
        "from_code__system", "to_code__system", "from_code__parent", "to_code__parent"
    )
    related = [
        RelatedCode(label=relation.label_seen_from(code), code=relation.other_end(code))
        for relation in relations
    ]
    return sorted(related, key=lambda item: (item.label, item.code.system.position, item.code.code))


def index_terms_of(code: Code) -> list[IndexTerm]:
    """The index paths that lead to the code, then those that lead to a header above it (the
    tabular list adds the characters): one query, none for other code systems."""
    if code.system.slug != "icd-10-cm":
        return []
    chain = [code, *reversed(ancestors_of(code))]
    order = {each.pk: depth for depth, each in enumerate(chain)}
    terms = list(
        IndexTerm.objects.filter(code__in=[each.pk for each in chain]).order_by("position")[
            : INDEX_TERMS_SHOWN * 2
        ]
    )
    for term in terms:
        term.leads_to = next(each for each in chain if each.pk == term.code_id)
    return sorted(terms, key=lambda term: order[term.code_id])[:INDEX_TERMS_SHOWN]


def children_of(code: Code) -> list[Code]:
    """Direct children of a code or hierarchy node, in code order."""
    if code.level == Code.Level.CODE and code.billable:
        return []  # a billable code is a leaf: no need to ask the database
    return list(code.children.select_related("system").order_by("code")[:CHILDREN_SHOWN])


def nearest_codes(system: CodeSystem, code: str, count: int = 8) -> list[Code]:
    """Existing codes of `system` that sort closest to `code`, for a helpful 404 page."""
    codes = Code.objects.filter(system=system, level=Code.Level.CODE).select_related(
        "system", "parent"
    )
    before = list(codes.filter(code__lt=code).order_by("-code")[: count // 2])
    after = list(codes.filter(code__gte=code).order_by("code")[: count - len(before)])
    return list(reversed(before)) + after


def system_codes(system: CodeSystem) -> QuerySet[Code]:
    """All codes of a system in code order, for its paginated browse list."""
    return (
        system.codes.filter(level=Code.Level.CODE)
        .select_related("system", "parent")
        .order_by("code")
    )


def hierarchy_roots(system: CodeSystem) -> list[Code]:
    """Top-level nodes of a system (chapters or sections) with the nodes directly under them.

    Codes directly under a root are left to the root's own page: an HCPCS letter section
    can hold thousands.
    """
    roots = (
        system.codes.filter(parent__isnull=True)
        .exclude(level=Code.Level.CODE)
        .prefetch_related(
            Prefetch(
                "children",
                queryset=Code.objects.exclude(level=Code.Level.CODE)
                .select_related("system")
                .order_by("code"),
            )
        )
    )
    # ICD-10-CM chapters are numbered: chapter 2 comes before chapter 13.
    return sorted(
        roots,
        key=lambda root: (0, int(root.code), "") if root.code.isdigit() else (1, 0, root.code),
    )


def system_modifiers(system: CodeSystem) -> list[Modifier]:
    """A system's modifiers in code order, for its modifier page."""
    return list(system.modifiers.order_by("code"))


def recently_verified_codes(count: int = 10) -> QuerySet[Code]:
    """Codes our editors most recently checked against their sources (their "Verified" day,
    which editors renew when they change a page), for the home page; never an import's
    timestamp (lazy: a cached home page never runs it)."""
    return (
        Code.objects.filter(level=Code.Level.CODE, verified_on__isnull=False)
        .select_related("system", "parent")
        .order_by("-verified_on", "system__name", "code")[:count]
    )


@dataclass
class WhatsNew:
    """One fiscal year's ICD-10-CM update: codes added, deleted and retitled, in code order.

    A code added after the catalogue's edition has no catalogue row yet (no title loaded).
    """

    fiscal_year: int
    added: list[CodeHistory]
    deleted: list[CodeHistory]
    revised: list[CodeHistory]
    # The catalogue's titles are of an earlier edition: this year's retitling is unknown.
    titles_loaded: bool


def whats_new(fiscal_year: int) -> WhatsNew:
    histories = CodeHistory.objects.select_related("catalogue_code__system").order_by("code")
    system = CodeSystem.objects.filter(slug="icd-10-cm").first()
    catalogue_year = edition_fiscal_year(system.edition) if system else None
    return WhatsNew(
        fiscal_year=fiscal_year,
        added=list(histories.filter(fiscal_year_added=fiscal_year)),
        deleted=list(histories.filter(fiscal_year_deleted=fiscal_year)),
        revised=list(histories.filter(title_revised_in=fiscal_year)),
        titles_loaded=catalogue_year is not None and fiscal_year <= catalogue_year,
    )


def history_fiscal_years() -> list[int]:
    """Fiscal years in which ICD-10-CM codes were added or deleted, latest first."""
    added = CodeHistory.objects.exclude(fiscal_year_added=None).values_list(
        "fiscal_year_added", flat=True
    )
    deleted = CodeHistory.objects.exclude(fiscal_year_deleted=None).values_list(
        "fiscal_year_deleted", flat=True
    )
    return sorted(set(added.distinct()) | set(deleted.distinct()), reverse=True)
