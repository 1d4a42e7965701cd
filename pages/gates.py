"""A code page's gate: what serving its page needs to know of the code before the reader's
variant is known (what the meter needs, the catalogue generation, whether the page shows
fees), far smaller than the catalogue part. Each process keeps its own copy while the
catalogue generation it heard published holds; otherwise it is read with the generation in
one round trip (which the view makes with the reader's reads, core/read_ahead.py).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from accounts.metering import Access, MeteredCode, metered_code
from core import read_ahead
from core.published import LocalCopies
from fees.selectors import chosen_locality_key, has_fee_section
from grouping.sections import has_grouping_sections
from lookup.date_of_service import DateOfService
from lookup.selectors import (
    CATALOGUE_GENERATION_KEY,
    catalogue_generation,
    catalogue_generation_heard,
)

from .selectors import CataloguePage, catalogue_page


def metered_code_of(page: CataloguePage) -> MeteredCode:
    """The page as the meter sees it: it holds gated content when a section is gated, or it
    shows the Medicare fee section or the MS-DRG and risk adjustment sections."""
    code = page.code
    return metered_code(
        code.pk,
        is_hierarchy_node=code.is_hierarchy_node,
        holds_gated_content=page.has_gated_sections
        or has_fee_section(code)
        or has_grouping_sections(code),
    )


@dataclass(frozen=True)
class CodeGate:
    """What a code page needs of its code before its variant is known: what the meter needs,
    the catalogue generation it was built in and whether the page has a fee section (its
    variant then names the reader's locality)."""

    metered: MeteredCode
    generation: str
    has_fee_section: bool


# Part of every gate's key: raise it whenever CodeGate changes shape.
CODE_GATE_FORMAT = 1
# This process's copies of the gates it read last (a few hundred bytes each).
LOCAL_GATES = LocalCopies(size=2000)


def code_gate(system_slug: str, code: str) -> CodeGate | None:
    """The gate of a code's page: this process's copy in the generation it heard, else read
    with the catalogue generation in one cache round trip, else built from the catalogue
    part (missing or of an older generation). None: no such code."""
    key = code_gate_key(system_slug, code)
    gate = LOCAL_GATES.get(key, catalogue_generation_heard())
    if gate is not None:
        return gate
    found = read_ahead.get_many([CATALOGUE_GENERATION_KEY, key])
    generation = found.get(CATALOGUE_GENERATION_KEY) or catalogue_generation()
    gate = found.get(key)
    if gate is None or gate.generation != generation:
        page = catalogue_page(system_slug, code, generation)
        if page is None:
            return None
        gate = CodeGate(metered_code_of(page), page.generation, has_fee_section(page.code))
        cache.set(key, gate, timeout=settings.CODE_PAGE_CACHE_SECONDS)
    LOCAL_GATES.put(key, gate.generation, gate)
    return gate


def code_gate_reads(system_slug: str, code: str) -> list[str]:
    """The cache keys `code_gate` will read: none when this process holds its gate."""
    key = code_gate_key(system_slug, code)
    if LOCAL_GATES.get(key, catalogue_generation_heard()) is not None:
        return []
    return [CATALOGUE_GENERATION_KEY, key]


def code_gate_key(system_slug: str, code: str) -> str:
    return f"code-gate:{CODE_GATE_FORMAT}:{system_slug}:{code}"


def code_page_variant(
    gate: CodeGate,
    access: Access,
    reader,
    date_of_service: DateOfService,
    principal: str | None,
    opened_code_ids: Sequence[int] = (),
) -> tuple | None:
    """Everything a code page shows that is not the reader's own (their address and form
    token): the readers with equal variants get the same page (shared_pages.py).
    None for a page rendered for one request alone: a principal diagnosis asked about, or a
    date of service that was not taken. `opened_code_ids`: the codes a walled reader's
    views went to, which the wall names."""
    if principal is not None or date_of_service.rejected or date_of_service.error:
        return None
    shows_fees = access.can_read_gated and gate.has_fee_section
    return (
        "code",
        gate.metered.code_id,
        gate.generation,
        access,  # the meter's whole decision: level, tier, allowance, views used...
        getattr(reader, "plan", None),  # the banner names a Premium plan
        chosen_locality_key(reader) if shows_fees else None,
        date_of_service.day,
        tuple(opened_code_ids),
    )
