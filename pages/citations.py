"""A code page's "Sources & references": the official file, the index and history files, the
CMS grouping and fee files, and the editors' sources, numbered; each part of the page learns
the numbers of the sources it rests on."""

from fees.models import Edition
from fees.selectors import FeeSection
from grouping.sections import loaded_edition
from lookup.models import Section, SourceReference

from .parts import (
    CMS,
    CODE_HISTORY,
    CODE_WITHOUT_DESCRIPTOR,
    DESCRIPTION,
    FEES_TITLE,
    INDEX_TERMS,
    INDEX_TITLE,
    LOCKED_FEE_SOURCE,
    MS_DRG,
    OFFICIAL_DESCRIPTOR,
    RISK_ADJUSTMENT,
    CitedSource,
    SectionView,
)
from .selectors import CataloguePage


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
    # A CPT code known from the fee schedule only: the code set gives the code, not its text.
    code_part = OFFICIAL_DESCRIPTOR if page.code.has_descriptor else CODE_WITHOUT_DESCRIPTOR
    official = CitedSource(
        1,
        system.source_title or f"{system.name} code set",
        system.publisher,
        system.source_url,
        f"{system.edition} edition",
        system.source_file,
        [code_part] + [each.title for each in sections if each.official],
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
