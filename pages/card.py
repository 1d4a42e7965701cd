"""The summary card under a code page's title: the facts a coder looks for first, each
linking to the part of the page that holds it."""

from fees.selectors import FeeSection, has_fee_section
from grouping.sections import MsDrgSection
from lookup.models import Code, Section

from .parts import FEES_ANCHOR, CardFact, GatedFacts
from .selectors import CataloguePage


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
            CardFact("Medicare national", None, here, named="Medicare payment"),
            CardFact("Total RVUs", None, "#rvus", named="RVUs"),
            CardFact("Global days", None, "#global-period", named="global days"),
        ]
    if fees.physician is None:
        return [CardFact("Medicare national", "Not on the fee schedule", here)]
    payment, setting = fees.headline_payment
    paid = fees.is_payable and payment is not None
    total = fees.headline_total_rvu
    local = fees.headline_locality_payment
    # The reader's locality first, as what they are paid; national beside it.
    locality = (
        [CardFact(f"Medicare, {fees.locality.name_with_state}", f"${local:,.2f}", here, setting)]
        if paid and local is not None
        else []
    )
    return [
        *locality,
        CardFact(
            "Medicare national",
            f"${payment:,.2f}" if paid else "Not paid",
            here,
            setting if paid else "",
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
