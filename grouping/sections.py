"""The code page's MS-DRG and risk adjustment sections, as one reader sees them.

Both are gated, like the page's other in-depth sections: a reader who may not read gated
content gets a locked section with no fact in it. The facts come with the code's cached
catalogue part (GROUPING_FACTS, joined by pages/selectors.py): building a section costs no
query, except answering the "with this principal diagnosis" question.
"""

from dataclasses import dataclass, field
from datetime import date

from lookup.history import fiscal_year_start
from lookup.models import Code, CodeHistory
from lookup.selectors import fetched_fact

from .models import ComplicationCode, Edition, HccCategory
from .selectors import ExclusionAnswer, exclusion_answer, hcc_assignments

# The grouping rows one-to-one with a code (or its system) that a code page joins to the
# code's own query (lookup.selectors.code_with_ancestors): how it groups in MS-DRG and
# CMS-HCC, and the editions of the tables loaded for its system.
GROUPING_FACTS = ["ms_drg", "risk_adjustment", "system__grouping_edition"]


@dataclass
class MsDrgSection:
    """`locked` carries no fact; otherwise `facts` is None when the code is neither CC nor MCC."""

    locked: bool
    edition: Edition | None = None
    facts: ComplicationCode | None = None
    # The code could not be reported at all in the tables' fiscal year.
    outside_edition_year: bool = False
    answer: ExclusionAnswer | None = None

    title = "MS-DRG: CC and MCC"
    anchor = "ms-drg"


@dataclass
class RiskAdjustmentSection:
    locked: bool
    edition: Edition | None = None
    # (model name, its HCCs for the code): V28 first.
    models: list[tuple[str, list]] = field(default_factory=list)

    title = "Risk adjustment: CMS-HCC"
    anchor = "risk-adjustment"


def loaded_edition(code: Code) -> Edition | None:
    """The grouping tables' edition when the code is an ICD-10-CM code they can grade: a
    reportable one (or one that was). Headers have no such sections, so walking down the
    hierarchy stays free of views (pages/gates.py)."""
    if code.system.slug != "icd-10-cm" or code.level != Code.Level.CODE or not code.billable:
        return None
    return fetched_fact(code.system, "grouping_edition")


def has_grouping_sections(code: Code) -> bool:
    """Whether `code`'s page shows the MS-DRG or risk adjustment section (both gated).

    No query for a code from the code page's selector (it joins GROUPING_FACTS); another
    code's system costs one.
    """
    edition = loaded_edition(code)
    return edition is not None and bool(edition.ms_drg_title or edition.hcc_title)


def ms_drg_section_for(
    code: Code, *, readable: bool, principal: str | None = None
) -> MsDrgSection | None:
    """The MS-DRG section of an ICD-10-CM code page; None where the tables do not apply.

    `principal`, a principal diagnosis the reader asked about, is answered from table 6K.
    """
    edition = loaded_edition(code)
    if edition is None or not edition.ms_drg_title:
        return None
    if not readable:
        return MsDrgSection(locked=True)
    facts = fetched_fact(code, "ms_drg")
    history = fetched_fact(code, "history")
    section = MsDrgSection(
        locked=False,
        edition=edition,
        facts=facts,
        outside_edition_year=facts is None
        and history is not None
        and not reportable_in(history, edition.ms_drg_fiscal_year),
    )
    if principal is not None:
        section.answer = exclusion_answer(code.code, facts, principal)
    return section


def reportable_in(history: CodeHistory, fiscal_year: int) -> bool:
    """Whether the code could be reported on some day of the fiscal year."""
    first_day = fiscal_year_start(fiscal_year)
    last_day = date(fiscal_year, 9, 30)
    return history.valid_from <= last_day and (
        history.valid_to is None or history.valid_to >= first_day
    )


def risk_adjustment_section_for(code: Code, *, readable: bool) -> RiskAdjustmentSection | None:
    """The CMS-HCC section of an ICD-10-CM code page; None where the mappings do not apply."""
    edition = loaded_edition(code)
    if edition is None or not edition.hcc_title:
        return None
    if not readable:
        return RiskAdjustmentSection(locked=True)
    diagnosis = fetched_fact(code, "risk_adjustment")
    by_model = hcc_assignments(diagnosis.mappings if diagnosis else [])
    return RiskAdjustmentSection(
        locked=False,
        edition=edition,
        models=[(label, by_model.get(model, [])) for model, label in HccCategory.Model.choices],
    )
