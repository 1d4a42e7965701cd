"""The catalogue part of a code page: what it shows to everyone, before any access decision,
read with a few queries and cached per code and catalogue generation."""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from grouping.sections import GROUPING_FACTS
from lookup.history import codes_added_in_place_of
from lookup.models import Code, CodeHistory, IndexTerm, Section, SourceReference
from lookup.selectors import (
    RelatedCode,
    ancestors_of,
    children_of,
    code_with_ancestors,
    fetched_fact,
    index_terms_of,
    related_codes_of,
    sections_with_inherited_notes,
    sources_of,
)


@dataclass
class CataloguePage:
    """What a code page shows to everyone, before any access decision: cached per code."""

    code: Code
    ancestors: list[Code]
    sections: list[Section]
    # Notes of the ICD-10-CM category and subcategories above the code, nearest last; each
    # section's `code` is the ancestor that carries it.
    inherited_notes: list[Section]
    children: list[Code]
    related: list[RelatedCode]
    # What editors checked the page against; the official files are cited without a row.
    sources: list[SourceReference]
    # Alphabetic Index paths leading to the code or to a header above it (CDC text).
    index_terms: list[IndexTerm]
    generation: str  # the catalogue generation it was built in: keys its rendered fragments
    history: CodeHistory | None
    # For a deleted code, the codes its deletion added under it (lookup.history).
    added_in_its_place: list[str]

    @property
    def has_gated_sections(self) -> bool:
        return any(section.gated for section in [*self.sections, *self.inherited_notes])


# Part of every cached page's key: raise it whenever CataloguePage changes shape, so that
# pages pickled by the previous release are never read back by this one.
CATALOGUE_PAGE_FORMAT = 6


def catalogue_page(system_slug: str, code: str, generation: str) -> CataloguePage | None:
    """The catalogue part of a code page in `generation` (lookup.selectors.
    catalogue_generation), from the cache or built with a few queries: the code with its
    parents, sources and grouping facts, the sections of the code and of the parents it
    inherits notes from, the related codes, and the children and index terms where a code
    can have them."""
    key = f"code-page:{CATALOGUE_PAGE_FORMAT}:{generation}:{system_slug}:{code}"
    page = cache.get(key)
    if page is None:
        found = code_with_ancestors(system_slug, code, GROUPING_FACTS)
        if found is None:
            return None
        ancestors = ancestors_of(found)
        sections, inherited_notes = sections_with_inherited_notes(found, ancestors)
        page = CataloguePage(
            code=found,
            ancestors=ancestors,
            sections=sections,
            inherited_notes=inherited_notes,
            children=children_of(found),
            related=related_codes_of(found),
            sources=sources_of(found),
            index_terms=index_terms_of(found),
            generation=generation,
            history=fetched_fact(found, "history"),
            added_in_its_place=codes_added_in_place_of(found, fetched_fact(found, "history")),
        )
        cache.set(key, page, timeout=settings.CODE_PAGE_CACHE_SECONDS)
    return page
