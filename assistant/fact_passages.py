"""CasePilot's passages of the fact sections a code page shows: Medicare payment, RVUs and the
payment rules, MS-DRG, CMS-HCC, code history, the 7th characters a code takes and the index
terms that lead to it.

Each table row is said as one sentence by the builders CasePilot answers with (facts.py),
one passage per part of the page, anchored where the page shows it. The facts of a batch of
codes are read together, with a few queries, whatever the batch's size.

What most codes of a kind say alike is left to facts.py, which states it when asked, so that
the first build of the index stays quick (bench/README.md): an ICD-10-CM code that is
neither CC nor MCC, maps to no HCC, or has been valid unchanged since the first edition has
no passage for that part. The notes a code inherits are indexed once, on the code that
carries them (its own section), except the 7th characters, said with the full code on each
code that takes one.

The index terms (ICD-10-CM's Alphabetic Index, Neoplasm Table and External Cause Index, as
the page's "Index terms" list shows them, open to every reader who sees the page) are a
sentence each, "The Alphabetic Index entry “Calculus \u203a kidney” leads to N20.0.", on the code
they lead to; those leading to a header above it are indexed on the header, as its notes
are. Unlike the other fact rows these are searched by full text (assistant migration 0005):
their words are the index's own, what "what is the code for kidney stone" asks about.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from fees.models import FacilityRate, PhysicianFee
from fees.selectors import FeeSection, has_fee_section
from grouping.models import ComplicationCode, HccDiagnosis
from grouping.sections import (
    MsDrgSection,
    RiskAdjustmentSection,
    ms_drg_section_for,
    risk_adjustment_section_for,
)
from lookup.history import may_have_successors, successors_among
from lookup.models import Code, CodeHistory, CodeSystem, IndexTerm, Section
from lookup.selectors import INDEX_TERMS_SHOWN, fetched_fact

from .facts import (
    FEES_ANCHOR,
    HISTORY_ANCHOR,
    INDICATOR_FIELDS,
    RULES_ANCHOR,
    RVUS_ANCHOR,
    SITE_ANCHOR,
    CodeFacts,
    FactSentence,
    global_period_fact,
    hcc_fact,
    history_facts,
    indicator_fact,
    ms_drg_fact,
    national_payment_fact,
    rvu_text,
    seventh_character_fact,
    seventh_character_values,
    site_of_service_facts,
    status_fact,
)
from .questions import Question

# The page's "Index terms" list (templates/pages/code_page/index_terms.html).
INDEX_TERMS_ANCHOR = "index-terms"
INDEX_TERMS_KIND = "index-terms"
# How each index names itself in a sentence.
INDEX_NAMES = {
    IndexTerm.Source.MAIN: "Alphabetic Index",
    IndexTerm.Source.NEOPLASM: "Neoplasm Table",
    IndexTerm.Source.EXTERNAL: "External Cause Index",
}
TERM_COLUMNS = ["code_id", "source", "path", "reference", "index_code"]

# The index row kind of each fact part of a page (by its anchor there), and its title. The
# kinds of inherited notes differ from their section kinds: a code's own note has that kind.
FACT_PARTS = {
    # One row for the payment and the RVUs it comes from, anchored where it begins (the
    # section, or the notice that Medicare does not pay the code, which the page shows at #rvus).
    FEES_ANCHOR: ("fee-payment", FeeSection.title),
    RVUS_ANCHOR: ("fee-payment", FeeSection.title),
    RULES_ANCHOR: ("fee-rules", "Global period and payment rules"),
    SITE_ANCHOR: ("fee-site", "Payment by site of service"),
    MsDrgSection.anchor: ("ms-drg", MsDrgSection.title),
    RiskAdjustmentSection.anchor: ("risk-adjustment", RiskAdjustmentSection.title),
    HISTORY_ANCHOR: ("code-history", "Code history"),
    # Not "seventh-character": that is the kind of a code's own note.
    Section.Kind.SEVENTH_CHARACTER: ("seventh-characters", Section.Kind.SEVENTH_CHARACTER.label),
    INDEX_TERMS_ANCHOR: (INDEX_TERMS_KIND, "Index terms"),
}
FACT_KINDS = list(dict.fromkeys(kind for kind, _ in FACT_PARTS.values()))
# Parts open to every reader whose page shows its text; the fee and grouping facts are gated
# on the page, and the 7th characters as the note that gives them.
OPEN_PARTS = {HISTORY_ANCHOR, INDEX_TERMS_ANCHOR}
# A code's rows one-to-one with it that its page shows (lookup.selectors.fetched_fact).
ONE_TO_ONE_FACTS = {
    "ms_drg": ComplicationCode,
    "risk_adjustment": HccDiagnosis,
    "history": CodeHistory,
}
# What no sentence says of a fee: the split of the global package.
UNSAID_FEE_FIELDS = ["preoperative_share", "intraoperative_share", "postoperative_share"]
TREE_COLUMNS = ["id", "parent_id", "code", "level", "billable"]
NOTE_COLUMNS = ["id", "code_id", "kind", "gated", "body_html", "position"]


@dataclass
class Passage:
    """The sentences of one fact part of a code's page, with the part's anchor and gate."""

    anchor: str
    sentences: list[str] = field(default_factory=list)
    gated: bool = True

    @property
    def kind(self) -> str:
        return FACT_PARTS[self.anchor][0]

    @property
    def title(self) -> str:
        return FACT_PARTS[self.anchor][1]


@dataclass
class BatchFacts:
    """The facts of a batch of codes, read together: fees by code, the codes
    above and under them and the notes those carry."""

    fees: dict[str, PhysicianFee] = field(default_factory=dict)
    rates: dict[tuple[str, str], FacilityRate] = field(default_factory=dict)
    tree: dict[int, Code] = field(default_factory=dict)  # codes above, by id
    children: dict[int, list] = field(default_factory=dict)  # (code, level) rows, by parent
    notes: dict[int, list[Section]] = field(default_factory=dict)  # by the code carrying them
    seventh_characters: dict[int, list[tuple[str, str]]] = field(default_factory=dict)  # by note
    index_terms: dict[int, list] = field(default_factory=dict)  # TERM_COLUMNS rows, by code
    added_in_place: dict[int, list[str]] = field(default_factory=dict)  # by deleted code


def read_batch_facts(codes: list[Code], systems: dict[int, CodeSystem]) -> BatchFacts:
    """Read the facts of `codes` (in primary key order, with the columns of PAGE_COLUMNS) and
    attach each code's system, MS-DRG, CMS-HCC and history, as the page's selector joins them.

    Rows are read by the batch's key range, and only those a passage is made of."""
    facts = BatchFacts()
    first, last = codes[0].pk, codes[-1].pk
    for code in codes:
        code.system = systems[code.system_id]
    one_to_one = {
        "ms_drg": ComplicationCode.objects.defer("drg_exclusions"),
        "risk_adjustment": HccDiagnosis.objects.all(),
        "history": CodeHistory.objects.filter(
            Q(fiscal_year_added__isnull=False)
            | Q(valid_to__isnull=False)
            | Q(title_revised_in__isnull=False)
        ),
    }
    for name, rows in one_to_one.items():
        found = {
            row.catalogue_code_id: row
            for row in rows.filter(catalogue_code_id__gte=first, catalogue_code_id__lte=last)
        }
        relation = Code._meta.get_field(name)
        for code in codes:
            # Cached, found or not (None), as select_related leaves it: reading it costs nothing.
            relation.set_cached_value(code, found.get(code.pk))
    priced = [code.code for code in codes if has_fee_section(code)]
    if priced:
        fees = PhysicianFee.objects.filter(hcpcs__in=priced, modifier="").defer(*UNSAID_FEE_FIELDS)
        facts.fees = {fee.hcpcs: fee for fee in fees}
        rates = FacilityRate.objects.filter(hcpcs__in=priced)
        facts.rates = {(rate.hcpcs, rate.setting): rate for rate in rates}
    # What the sentences read of the codes under a header: their code and level.
    children = Code.objects.filter(parent_id__gte=first, parent_id__lte=last).order_by("code")
    for child in children.values_list("parent_id", "code", "level", named=True):
        facts.children.setdefault(child.parent_id, []).append(child)
    takers = [code for code in codes if takes_seventh_character(facts.children.get(code.pk))]
    read_codes_above(facts, takers)
    carriers = {ancestor.pk for code in takers for ancestor in codes_above(facts, code)}
    notes = Section.objects.filter(code__in=carriers, kind=Section.Kind.SEVENTH_CHARACTER)
    for note in notes.only(*NOTE_COLUMNS).order_by("position", "id"):
        note.code = facts.tree[note.code_id]
        facts.notes.setdefault(note.code_id, []).append(note)
        facts.seventh_characters[note.pk] = seventh_character_values(note)
    read_index_terms(facts, first, last)
    read_codes_added_in_place(facts, codes)
    return facts


def read_codes_added_in_place(facts: BatchFacts, codes: list[Code]) -> None:
    """The codes added under each deleted code of a batch by the update that deleted it, one
    query for the batch (lookup.history.codes_added_in_place_of, for each code)."""
    deleted = [code for code in codes if may_have_successors(code, fetched_fact(code, "history"))]
    if not deleted:
        return
    years = {fetched_fact(code, "history").fiscal_year_deleted for code in deleted}
    added = list(
        CodeHistory.objects.filter(fiscal_year_added__in=years).values_list(
            "code", "fiscal_year_added"
        )
    )
    for code in deleted:
        facts.added_in_place[code.pk] = successors_among(code, fetched_fact(code, "history"), added)


def read_index_terms(facts: BatchFacts, first: int, last: int) -> None:
    """The index terms leading to the codes of a batch, in index order, as many of each as
    the page lists (lookup.selectors.index_terms_of)."""
    terms = IndexTerm.objects.filter(code_id__gte=first, code_id__lte=last)
    for term in terms.order_by("code_id", "position").values_list(*TERM_COLUMNS, named=True):
        shown = facts.index_terms.setdefault(term.code_id, [])
        if len(shown) < INDEX_TERMS_SHOWN:
            shown.append(term)


def takes_seventh_character(children: list | None) -> bool:
    """Whether the codes under a code are that code with a 7th character (S72.001A...)."""
    return bool(children) and all(len(child.code.replace(".", "")) == 7 for child in children)


def read_codes_above(facts: BatchFacts, codes: list[Code]) -> None:
    """Every code above `codes`, one level of the tree a query."""
    wanted = {code.parent_id for code in codes} - {None}
    while wanted:
        found = list(Code.objects.filter(pk__in=wanted).only(*TREE_COLUMNS))
        facts.tree |= {code.pk: code for code in found}
        wanted = {code.parent_id for code in found} - {None} - set(facts.tree)


def codes_above(facts: BatchFacts, code: Code) -> list[Code]:
    """The codes above `code` whose notes it inherits (not the chapters and blocks), nearest
    last, as lookup.selectors.sections_with_inherited_notes reads them."""
    chain = []
    parent = facts.tree.get(code.parent_id)
    while parent is not None:
        chain.append(parent)
        parent = facts.tree.get(parent.parent_id)
    return [each for each in reversed(chain) if each.level == Code.Level.CODE]


def passages_of(code: Code, facts: BatchFacts) -> list[Passage]:
    """The passages of every fact part `code`'s page shows, in page order."""
    sentences = fee_sentences(code, facts) + grouping_sentences(code)
    children = facts.children.get(code.pk, [])
    above = codes_above(facts, code) if takes_seventh_character(children) else []
    inherited = [note for each in above for note in facts.notes.get(each.pk, [])]
    history = fetched_fact(code, "history")
    page = CodeFacts(
        code, [], [], inherited, children, history, facts.added_in_place.get(code.pk, [])
    )
    if has_changed(page.history):
        sentences += history_facts(page) + title_change_sentences(page)
    sentences += seventh_character_sentences(page, facts)
    sentences += index_term_sentences(code, facts)
    passages: dict[str, Passage] = {}
    for sentence in sentences:
        passage = passages.setdefault(FACT_PARTS[sentence.anchor][0], Passage(sentence.anchor))
        passage.sentences.append(sentence.text)
    for passage in passages.values():
        if passage.anchor in OPEN_PARTS:
            passage.gated = False
        elif passage.anchor == Section.Kind.SEVENTH_CHARACTER:
            passage.gated = inherited[-1].gated
    return list(passages.values())


def fee_sentences(code: Code, facts: BatchFacts) -> list[FactSentence]:
    """Payment, RVUs, status, global period, each payment indicator and the site-of-service
    rates: what the fee section's tables show, a sentence a row."""
    if not has_fee_section(code):
        return []
    fee = facts.fees.get(code.code)
    fees = FeeSection(
        locked=False,
        physician=fee,
        hospital_outpatient=facts.rates.get((code.code, FacilityRate.Setting.HOSPITAL_OUTPATIENT)),
        surgery_center=facts.rates.get((code.code, FacilityRate.Setting.SURGERY_CENTER)),
    )
    sentences = []
    if fee is not None:
        sentences.append(status_fact(code, fees))
    if fees.is_payable:
        sentences.append(national_payment_fact(code, fees))
        sentences.append(FactSentence(rvu_text(code, fee), code, RVUS_ANCHOR))
    if fee is not None:
        sentences.append(global_period_fact(code, fees))
        sentences += [indicator_fact(code, fee, name) for name in INDICATOR_FIELDS.values()]
    for rate in site_of_service_facts(code, fees):
        # Said alone, a rate names its code where the answer's sentence would say "Its".
        rate.text = f"{code.code}'s {rate.text.removeprefix('Its ')}"
        sentences.append(rate)
    return sentences


def grouping_sentences(code: Code) -> list[FactSentence]:
    """CC or MCC in MS-DRG, and the HCC of each CMS-HCC model, a sentence per model, for a
    code that is a CC or MCC, or maps to an HCC."""
    sentences = []
    # Most codes are neither CC nor MCC and map to no HCC: their sections are not built.
    if fetched_fact(code, "ms_drg") and (ms_drg := ms_drg_section_for(code, readable=True)):
        sentences.append(ms_drg_fact(code, ms_drg))
    if fetched_fact(code, "risk_adjustment") is None:
        return sentences
    risk = risk_adjustment_section_for(code, readable=True)
    if risk and any(assignments for _, assignments in risk.models):
        # hcc_fact says the models the question names: asked for one at a time.
        sentences += [hcc_fact(Question(text=label), code, risk) for label, _ in risk.models]
    return sentences


def has_changed(history: CodeHistory | None) -> bool:
    """Whether a code's history says more than "valid since the first edition, unchanged"."""
    return history is not None and bool(
        history.fiscal_year_added or history.valid_to or history.title_changes
    )


def title_change_sentences(page: CodeFacts) -> list[FactSentence]:
    code = page.code
    return [
        FactSentence(
            f"In FY{change['edition']}, the title of {code.code} changed from "
            f"“{change['before']}” to “{change['after']}”.",
            code,
            HISTORY_ANCHOR,
        )
        for change in page.history.title_changes
    ]


def seventh_character_sentences(page: CodeFacts, facts: BatchFacts) -> list[FactSentence]:
    """Each 7th character's meaning with the full code, on a code whose codes under it are
    the code with a 7th character (the nearest note above it gives them)."""
    notes = page.inherited_notes
    if not notes:
        return []
    values = facts.seventh_characters[notes[-1].pk]
    return [seventh_character_fact(page, *value) for value in values]


def index_term_sentences(code: Code, facts: BatchFacts) -> list[FactSentence]:
    """Each index entry that leads to `code`, as its page lists it: "The Alphabetic Index entry
    “Shingles” (see Herpes, zoster) leads to B02.9." An entry whose code ends in a dash leads
    to a header, which the tabular list completes ("leads to L02.41-")."""
    if code.system.slug != "icd-10-cm":
        return []
    sentences = []
    for term in facts.index_terms.get(code.pk, []):
        reference = f" ({term.reference})" if term.reference else ""
        dash = "-" if term.index_code.endswith("-") else ""
        sentences.append(
            FactSentence(
                f"The {INDEX_NAMES.get(term.source, 'index')} entry “{term.path}”{reference} "
                f"leads to {code.code}{dash}.",
                code,
                INDEX_TERMS_ANCHOR,
            )
        )
    return sentences
