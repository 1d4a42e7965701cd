"""The parts of a code page as one reader sees them: sections (locked or not), the wall block's
locked parts, the summary card's facts, the cited sources and the list "On this page", with
the names the page gives its parts."""

from dataclasses import dataclass, field
from typing import Protocol

from fees.selectors import FeeSection
from grouping.sections import MsDrgSection, RiskAdjustmentSection
from lookup.models import Code


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
    named: str = ""  # what a prompt to unlock the fact calls it, when not its label


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


OFFICIAL_DESCRIPTOR = "Official descriptor"
CODE_WITHOUT_DESCRIPTOR = "The code (its AMA descriptor is not loaded here)"
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
