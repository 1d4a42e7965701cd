"""A code page as one reader sees it: the sections they may read, the one wall block naming
the rest, the summary card, the sources the page cites and the list "On this page".

Built from the cached catalogue part (selectors.CataloguePage), the meter's decision and the
fee section; plain Python, no query. A page served from the cache needs only its code's gate
(code_gate), which is far smaller than the catalogue part.
"""

from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.core.cache import cache

from accounts.metering import Access, MeteredCode, metered_code
from fees.models import Edition
from fees.selectors import FeeSection, chosen_locality_id, has_fee_section
from grouping.sections import MsDrgSection, RiskAdjustmentSection, loaded_edition

from .date_of_service import DateOfService
from .models import Code, Section, SourceReference
from .selectors import (
    CATALOGUE_GENERATION_KEY,
    CataloguePage,
    catalogue_generation,
    catalogue_page,
)


@dataclass
class InheritedNote:
    """An instructional note of the category or subcategory `code`, read on a code under it."""

    code: Code
    html: str


@dataclass
class SectionView:
    """A section as one reader sees it: `html` is None when it is locked for them."""

    anchor: str
    title: str
    html: str | None
    official: bool = False  # text of the official file (the importer's), not our editors'
    inherited: list[InheritedNote] = field(default_factory=list)
    source_numbers: list[int] = field(default_factory=list)


@dataclass
class LockedPart:
    """A part of the page the reader may not read, named in the one wall block; its anchors
    are kept there so that links to them land on the block."""

    anchor: str
    title: str
    other_anchors: list[str] = field(default_factory=list)


@dataclass
class CardFact:
    label: str
    value: str | None  # None: locked for this reader
    href: str
    note: str = ""
    figure: bool = True  # a number or amount (shown large), not words


@dataclass
class CitedSource:
    number: int
    title: str
    publisher: str = ""
    url: str = ""
    edition: str = ""
    file: str = ""
    supports: list[str] = field(default_factory=list)
    by_editors: bool = False


@dataclass
class ContentsEntry:
    anchor: str
    title: str
    locked: bool = False


class GatedFacts(Protocol):
    """A section built from imported facts rather than text (grouping/sections.py: MS-DRG,
    risk adjustment): `locked` when the reader may not read it."""

    title: str
    anchor: str
    locked: bool


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
        return self.source_numbers_of(OFFICIAL_DESCRIPTOR)

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


OFFICIAL_DESCRIPTOR = "Official descriptor"
DESCRIPTION = "Plain-language description"
INDEX_TERMS = "Index terms"
CODE_HISTORY = "Code history"
MS_DRG = MsDrgSection.title
RISK_ADJUSTMENT = RiskAdjustmentSection.title
INDEX_TITLE = "ICD-10-CM Alphabetic Index, Neoplasm Table and External Cause Index"
FEES_TITLE = FeeSection.title
FEES_ANCHOR = FeeSection.anchor
CMS = "Centers for Medicare & Medicaid Services (CMS)"
# Where a reader who may not see the fee figures is pointed for the files they come from.
LOCKED_FEE_SOURCE = "Medicare payment files: physician fee schedule, OPPS and ASC addenda"


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


def code_gate(system_slug: str, code: str) -> CodeGate | None:
    """The gate of a code's page, read with the catalogue generation in one cache round trip;
    built from the catalogue part when missing or of an older generation. None: no such code.
    """
    key = f"code-gate:{CODE_GATE_FORMAT}:{system_slug}:{code}"
    found = cache.get_many([CATALOGUE_GENERATION_KEY, key])
    generation = found.get(CATALOGUE_GENERATION_KEY) or catalogue_generation()
    gate = found.get(key)
    if gate is not None and gate.generation == generation:
        return gate
    page = catalogue_page(system_slug, code, generation)
    if page is None:
        return None
    gate = CodeGate(
        metered_code(page.code, page.has_gated_sections),
        page.generation,
        has_fee_section(page.code),
    )
    cache.set(key, gate, timeout=settings.CODE_PAGE_CACHE_SECONDS)
    return gate


def code_page_variant(
    gate: CodeGate,
    access: Access,
    reader,
    date_of_service: DateOfService,
    principal: str | None,
) -> tuple | None:
    """Everything a code page shows that is not the reader's own (their address and form
    token): the readers with equal variants get the same page (lookup/shared_pages.py).
    None for a page rendered for one request alone: a principal diagnosis asked about, or a
    date of service that was not taken."""
    if principal is not None or date_of_service.rejected or date_of_service.error:
        return None
    shows_fees = access.can_read_gated and gate.has_fee_section
    return (
        "code",
        gate.metered.code_id,
        gate.generation,
        access,  # the meter's whole decision: level, tier, allowance, views used...
        getattr(reader, "plan", None),  # the banner names a Premium plan
        chosen_locality_id(reader) if shows_fees else None,
        date_of_service.day,
    )


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


def summary_card(
    page: CataloguePage,
    fees: FeeSection | None,
    fees_locked: bool,
    fact_sections: list[GatedFacts],
) -> list[CardFact]:
    """The facts under the title, each linking to the part of the page (or the page) that
    holds it: Medicare payment, RVUs, global days and the area for priced codes; billable,
    7th character, CC/MCC, HCC, notes and chapter for ICD-10-CM codes. None for hierarchy
    pages."""
    code = page.code
    if code.is_hierarchy_node:
        return []
    if has_fee_section(code):
        return fee_facts(fees, fees_locked) + area_facts(page)
    if code.system.slug == "icd-10-cm":
        return diagnosis_facts(page, fact_sections)
    return area_facts(page)


def fee_facts(fees: FeeSection | None, fees_locked: bool) -> list[CardFact]:
    here = f"#{FEES_ANCHOR}"
    if fees_locked or fees is None:
        return [
            CardFact("Medicare national", None, here),
            CardFact("Total RVUs", None, "#rvus"),
            CardFact("Global days", None, "#global-period"),
        ]
    if fees.physician is None:
        return [CardFact("Medicare national", "Not on the fee schedule", here)]
    payment, setting = fees.headline_payment
    total = fees.headline_total_rvu
    return [
        CardFact(
            "Medicare national",
            f"${payment:,.2f}" if fees.is_payable and payment is not None else "Not paid",
            here,
            setting if fees.is_payable and payment is not None else "",
        ),
        CardFact("Total RVUs", f"{total}" if total is not None else "NA", "#rvus"),
        CardFact("Global days", fees.global_days_short, "#global-period"),
    ]


def area_facts(page: CataloguePage) -> list[CardFact]:
    """The nearest group above the code with a name of its own (not "Codes L1800 to
    L1899"): the body area or specialty of its range or section."""
    for ancestor in reversed(page.ancestors):
        first_code = ancestor.code.split("-")[0]
        if ancestor.is_hierarchy_node and first_code not in ancestor.short_descriptor:
            return [
                CardFact(
                    "Region or specialty",
                    ancestor.short_descriptor,
                    ancestor.get_absolute_url(),
                    figure=False,
                )
            ]
    return []


def diagnosis_facts(page: CataloguePage, fact_sections: list[GatedFacts]) -> list[CardFact]:
    code = page.code
    notes = [*page.sections, *page.inherited_notes]
    kinds = {note.kind for note in notes if note.source == Section.Source.IMPORT}
    facts = [
        CardFact(
            "Billable",
            "Yes" if code.billable else "No",
            "#official-descriptor" if code.billable else "#codes-under",
            "" if code.billable else "report a code under it",
            figure=False,
        )
    ]
    if Section.Kind.SEVENTH_CHARACTER in kinds:
        # A code of seven characters carries its 7th; a shorter one needs one added.
        seventh = code.code.replace(".", "")[6:]
        facts.append(
            CardFact(
                "7th character",
                seventh or "Required",
                f"#{Section.Kind.SEVENTH_CHARACTER}",
                figure=bool(seventh),
            )
        )
    facts += [grouping_fact(section) for section in fact_sections]
    excludes = [kind for kind in (Section.Kind.EXCLUDES1, Section.Kind.EXCLUDES2) if kind in kinds]
    if excludes:
        facts.append(
            CardFact(
                "Excludes notes",
                " and ".join(Section.Kind(kind).label for kind in excludes),
                f"#{excludes[0]}",
                figure=False,
            )
        )
    chapter = next((each for each in page.ancestors if each.level == Code.Level.CHAPTER), None)
    if chapter is not None:
        facts.append(
            CardFact(
                f"Chapter {chapter.code}",
                chapter.short_descriptor,
                chapter.get_absolute_url(),
                figure=False,
            )
        )
    return facts


def grouping_fact(section) -> CardFact:
    """The CC/MCC or HCC fact of an MS-DRG or risk adjustment section (locked: no value)."""
    here = f"#{section.anchor}"
    if isinstance(section, MsDrgSection):
        if section.locked:
            return CardFact("CC/MCC", None, here)
        severity = section.facts.severity if section.facts else "Neither"
        return CardFact("CC/MCC", severity, here, figure=False)
    if section.locked:
        return CardFact("CMS-HCC", None, here)
    found = [
        f"{label.removeprefix('CMS-HCC ')}: HCC {', '.join(str(hcc.number) for hcc in assignments)}"
        for label, assignments in section.models
        if assignments
    ]
    return CardFact("CMS-HCC", found[0] if found else "None", here, figure=False)


def cited_sources(
    page: CataloguePage,
    sections: list[SectionView],
    fee_notes: SectionView | None,
    fees: FeeSection | None,
    fees_locked: bool,
) -> list[CitedSource]:
    """The page's sources, numbered: the official code file, the editors' sources, then the
    CMS files of the fee section. Each part of the page learns the numbers it rests on."""
    system = page.code.system
    official = CitedSource(
        1,
        system.source_title or f"{system.name} code set",
        system.publisher,
        system.source_url,
        f"{system.edition} edition",
        system.source_file,
        [OFFICIAL_DESCRIPTOR] + [each.title for each in sections if each.official],
    )
    for section in sections:
        if section.official:
            section.source_numbers.append(official.number)
    cited = [official]
    if page.index_terms:
        cited.append(
            CitedSource(
                len(cited) + 1,
                INDEX_TITLE,
                system.publisher,
                system.source_url,
                f"{system.index_edition} edition" if system.index_edition else "",
                system.index_files,
                [INDEX_TERMS],
            )
        )
    if page.history is not None:
        cited.append(
            CitedSource(
                len(cited) + 1,
                "Medicare Code Editor (validity dates) and CDC/NCHS editions (titles)",
                "Centers for Medicare & Medicaid Services (CMS); CDC/NCHS",
                "https://www.cms.gov/medicare/payment/prospective-payment-systems/"
                "acute-inpatient-pps/ms-drg-classifications-and-software",
                f"through the {system.history_edition} update" if system.history_edition else "",
                supports=[CODE_HISTORY],
            )
        )
    for facts in grouping_editions(page):
        cited.append(CitedSource(len(cited) + 1, *facts))
    parts = {each.anchor: each for each in [*sections, *([fee_notes] if fee_notes else [])]}
    for source in page.sources:
        number = len(cited) + 1
        supports = supported_part(source, parts)
        cited.append(
            CitedSource(
                number,
                source.title,
                source.publisher,
                source.url,
                source.edition,
                supports=[supports],
                by_editors=True,
            )
        )
        if source.supports in parts:
            parts[source.supports].source_numbers.append(number)
    if fees_locked:
        cited.append(
            CitedSource(
                len(cited) + 1,
                LOCKED_FEE_SOURCE,
                CMS,
                Edition.PAGES[Edition.Kind.PHYSICIAN_FEE_SCHEDULE],
                supports=[FEES_TITLE],
            )
        )
    elif fees is not None:
        for edition in fees.editions:
            cited.append(
                CitedSource(
                    len(cited) + 1,
                    Edition.Kind(edition.kind).label,
                    CMS,
                    Edition.PAGES[edition.kind],
                    edition.title,
                    edition.source_file,
                    [FEES_TITLE],
                )
            )
    return cited


def grouping_editions(page: CataloguePage) -> list[tuple]:
    """(title, publisher, URL, edition, file, supports) of the CMS grouping tables loaded for
    an ICD-10-CM code that has the MS-DRG or risk adjustment section. The edition comes
    with the code (selectors.CODE_FACTS): no query, for every reader alike."""
    edition = loaded_edition(page.code)
    if edition is None:
        return []
    found = []
    if edition.ms_drg_title:
        found.append(
            (
                "IPPS final rule tables 6I, 6J and 6K: MCC list, CC list and CC exclusions",
                CMS,
                "https://www.cms.gov/medicare/payment/prospective-payment-systems/"
                "acute-inpatient-pps",
                edition.ms_drg_title,
                "",
                [MS_DRG],
            )
        )
    if edition.hcc_title:
        found.append(
            (
                "CMS-HCC risk adjustment model software: diagnosis mappings",
                CMS,
                "https://www.cms.gov/medicare/payment/medicare-advantage-rates-statistics/"
                "risk-adjustment",
                edition.hcc_title,
                "",
                [RISK_ADJUSTMENT],
            )
        )
    return found


def supported_part(source: SourceReference, parts: dict[str, SectionView]) -> str:
    """What on the page the source supports, as the Sources list names it."""
    if source.supports == SourceReference.DESCRIPTION:
        return DESCRIPTION
    if source.supports == Section.Kind.FEES:
        return FEES_TITLE
    if source.supports in parts:
        return parts[source.supports].title
    if source.supports in Section.Kind.values:  # a section locked for this reader
        return Section.Kind(source.supports).label
    return "The whole page"


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
