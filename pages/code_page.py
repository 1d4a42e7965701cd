"""A code page as one reader sees it: the sections they may read, the one wall block naming
the rest, the summary card, the sources the page cites and the list "On this page".

Built from the cached catalogue part (selectors.CataloguePage), the meter's decision and the
fee and grouping sections; plain Python, no query. A page served from the cache needs only
its code's gate (gates.py), which is far smaller than the catalogue part.
"""

from dataclasses import dataclass

from accounts.metering import Access
from fees.selectors import FeeSection, has_fee_section
from lookup.models import Section

from .card import summary_card
from .citations import cited_sources
from .parts import (
    CODE_HISTORY,
    CODE_WITHOUT_DESCRIPTOR,
    DESCRIPTION,
    FEES_ANCHOR,
    FEES_TITLE,
    INDEX_TERMS,
    MS_DRG,
    OFFICIAL_DESCRIPTOR,
    RISK_ADJUSTMENT,
    CardFact,
    CitedSource,
    ContentsEntry,
    GatedFacts,
    InheritedNote,
    LockedPart,
    SectionView,
)
from .selectors import CataloguePage


@dataclass
class CodePage:
    sections: list[SectionView]
    fee_notes: SectionView | None
    # Sections of imported facts the reader may read, shown per request after the text.
    fact_sections: list[GatedFacts]
    locked: list[LockedPart]
    card: list[CardFact]
    sources: list[CitedSource]
    contents: list[ContentsEntry]

    def source_numbers_of(self, part: str) -> list[int]:
        """The numbers of the sources that support `part` (a title in their "supports")."""
        return [source.number for source in self.sources if part in source.supports]

    @property
    def descriptor_source_numbers(self) -> list[int]:
        return self.source_numbers_of(OFFICIAL_DESCRIPTOR) or self.source_numbers_of(
            CODE_WITHOUT_DESCRIPTOR
        )

    @property
    def description_source_numbers(self) -> list[int]:
        return self.source_numbers_of(DESCRIPTION)

    @property
    def history_source_numbers(self) -> list[int]:
        return self.source_numbers_of(CODE_HISTORY)

    @property
    def ms_drg_source_numbers(self) -> list[int]:
        return self.source_numbers_of(MS_DRG)

    @property
    def risk_adjustment_source_numbers(self) -> list[int]:
        return self.source_numbers_of(RISK_ADJUSTMENT)

    @property
    def index_source_numbers(self) -> list[int]:
        return self.source_numbers_of(INDEX_TERMS)

    @property
    def fee_source_numbers(self) -> list[int]:
        return self.source_numbers_of(FEES_TITLE)

    @property
    def card_is_locked(self) -> bool:
        return any(fact.value is None for fact in self.card)

    @property
    def card_locked_names(self) -> str:
        """What the card locks, in words ("CC/MCC and CMS-HCC"), for its prompt to unlock it."""
        names = [fact.named or fact.label for fact in self.card if fact.value is None]
        return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def build_code_page(
    page: CataloguePage,
    access: Access,
    fees: FeeSection | None,
    fact_sections: list[GatedFacts],
) -> CodePage:
    """What `access` lets the reader see of `page`, with the fee section `fees` (None when the
    code has none, or the reader is walled) and the sections of imported facts (MS-DRG and
    risk adjustment, the ones that apply to the code)."""
    code = page.code
    fact_sections_given = fact_sections
    sections, fee_notes = section_views(page, access)
    fees_locked = has_fee_section(code) and not access.can_read_gated
    locked = [LockedPart(each.anchor, each.title) for each in sections if each.html is None]
    locked += [LockedPart(each.anchor, each.title) for each in fact_sections if each.locked]
    fact_sections = [each for each in fact_sections if not each.locked]
    sections = [each for each in sections if each.html is not None]
    if fees_locked:
        # The fee section is named in the wall block; the editors' fee notes go with it,
        # unless they are open to every reader.
        if fee_notes is not None and fee_notes.html is not None:
            sections.append(fee_notes)
        folded = [fee_notes.anchor] if fee_notes and fee_notes.html is None else []
        locked.append(LockedPart(FEES_ANCHOR, FEES_TITLE, folded))
        fee_notes = None
    sources = cited_sources(page, sections, fee_notes, fees, fees_locked)
    return CodePage(
        sections=sections,
        fee_notes=fee_notes,
        fact_sections=fact_sections,
        locked=locked,
        card=summary_card(page, fees, fees_locked, fact_sections_given),
        sources=sources,
        contents=contents(page, access, sections, fact_sections, locked, fees, fees_locked),
    )


def section_views(
    page: CataloguePage, access: Access
) -> tuple[list[SectionView], SectionView | None]:
    """The code's sections with the notes it inherits merged in, as the tabular list is read,
    and the editors' fee notes, which the one fee section shows (None if there are none)."""
    inherited: dict[str, list[Section]] = {}
    for note in page.inherited_notes:
        inherited.setdefault(note.kind, []).append(note)
    views = []
    for section in page.sections:
        views.append(section_view(section, access, inherited.pop(section.kind, [])))
    for kind in [kind for kind in Section.Kind.values if kind in inherited]:
        notes = inherited[kind]
        empty = Section(kind=kind, title=Section.Kind(kind).label, gated=False, body_html="")
        empty.source = Section.Source.IMPORT
        views.append(section_view(empty, access, notes))
    views = [view for view in views if view.html is None or view.html or view.inherited]
    fee_notes = None
    if has_fee_section(page.code):
        fee_notes = next((each for each in views if each.anchor == Section.Kind.FEES), None)
        views = [each for each in views if each is not fee_notes]
    return views, fee_notes


def section_view(section: Section, access: Access, notes: list[Section]) -> SectionView:
    readable = access.can_read(section)
    return SectionView(
        anchor=section.anchor,
        title=section.title,
        html=section.body_html if readable else None,
        official=section.source == Section.Source.IMPORT,
        inherited=[
            InheritedNote(note.code, note.body_html) for note in notes if access.can_read(note)
        ]
        if readable
        else [],
    )


def contents(
    page: CataloguePage,
    access: Access,
    sections: list[SectionView],
    fact_sections: list[GatedFacts],
    locked: list[LockedPart],
    fees: FeeSection | None,
    fees_locked: bool,
) -> list[ContentsEntry]:
    """ "On this page": every part in page order; locked parts are marked and their links
    land on the wall block."""
    if not access.shows_content:
        return []
    entries = [ContentsEntry("official-descriptor", "Descriptors")]
    entries.append(ContentsEntry("ask-casepilot", "Ask CasePilot"))
    entries += [ContentsEntry(each.anchor, each.title) for each in sections]
    if page.index_terms:
        entries.append(ContentsEntry("index-terms", INDEX_TERMS))
    if page.history is not None:
        entries.append(ContentsEntry("code-history", CODE_HISTORY))
    entries += [ContentsEntry(each.anchor, each.title, locked=True) for each in locked]
    entries += [ContentsEntry(each.anchor, each.title) for each in fact_sections]
    if fees is not None and not fees_locked:
        entries.append(ContentsEntry(FEES_ANCHOR, FEES_TITLE))
    if page.children:
        entries.append(ContentsEntry("codes-under", f"Codes under {page.code.code}"))
    if page.related:
        entries.append(ContentsEntry("related-codes", "Related codes"))
    entries.append(ContentsEntry("sources", "Sources & references"))
    return entries
