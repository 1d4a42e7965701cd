"""Find the index rows that may answer a question: named codes, full text, numbers.

Each source gives a ranked list; reciprocal rank fusion merges them and the question's shape
adds a boost to the section kinds that answer it. Gated rows enter ranking by their text only
for askers who may ever read gated text; whether they may read a given code is decided later,
per code, by the meter (see answers.py).
"""

from dataclasses import dataclass

from django.db.models import Q

from lookup.models import Code

from . import fulltext
from .models import IndexedSection
from .questions import KIND_STEMS, Question, stem

FUSION_K = 60
SOURCE_WEIGHTS = {"codes": 1.0, "fulltext": 1.0, "numbers": 1.5}
KIND_BOOST = 0.03
CANDIDATES_PER_SOURCE = 30


@dataclass
class RankedRow:
    row: IndexedSection
    score: float


@dataclass
class Retrieval:
    """Ranked candidate rows and the codes the question is about (named, asked on, or found)."""

    ranked: list[RankedRow]
    focus_codes: list[Code]


def rows_with_gates():
    """Index rows with their code and their section's own gate, which answers trust (an index
    row's copy of the gate could lag behind a bulk update until the next rebuild)."""
    return IndexedSection.objects.select_related("code__system", "section").defer(
        "section__body", "section__body_html"
    )


def rows_of_codes(codes: list[Code]) -> list[IndexedSection]:
    """Every index row of `codes`, in page order (no text used: the gate is checked later)."""
    if not codes:
        return []
    rows = rows_with_gates().filter(code__in=codes)
    order = {code.pk: index for index, code in enumerate(codes)}
    return sorted(rows, key=lambda row: (order[row.code_id], row.position, row.pk))


def rows_with_numbers(numbers: list[str], include_gated: bool) -> list[int]:
    """Fee rows that state one of `numbers` ("8.23"): the way to answer "what does 8.23 pay"."""
    if not numbers:
        return []
    mentions = Q()
    for number in numbers:
        mentions |= Q(text__contains=number)
    rows = IndexedSection.objects.filter(mentions, kind="fees")
    if not include_gated:
        rows = rows.filter(gated=False)
    return list(rows.order_by("pk").values_list("pk", flat=True)[:CANDIDATES_PER_SOURCE])


def topic_words(question: Question) -> list[str]:
    """The question's words that name a topic, not a section kind: "gauze", not "coverage";
    for a question naming modifiers, the modifiers ("modifier 25")."""
    if question.modifiers and not question.subject_codes:
        return ["modifier", *question.modifiers]
    kind_stems = set().union(*KIND_STEMS.values())
    return [word for word in question.words if stem(word) not in kind_stems] or question.words


def rank_rows(question: Question, *, include_gated: bool) -> Retrieval:
    """Candidate rows for `question`, best first, fused from every retrieval source.

    A question that names no code is about the codes whose rows best match its topic words:
    their rows of the asked-for kinds join the candidates as a named code's would.
    """
    # A question about named codes is answered from their pages: search only those.
    subject_ids = [code.pk for code in question.subject_codes] or None
    found_ids = fulltext.search_index(
        topic_words(question),
        include_gated=include_gated,
        limit=CANDIDATES_PER_SOURCE,
        code_ids=subject_ids,
    )
    focus_codes = question.subject_codes
    if not focus_codes and question.kinds and found_ids:
        best = IndexedSection.objects.select_related("code__system").get(pk=found_ids[0])
        focus_codes = [best.code]
    focus_rows = rows_of_codes(focus_codes)
    by_shape = sorted(
        focus_rows,
        key=lambda row: row.kind not in question.kinds and row.kind != "description",
    )
    ranked_ids = {
        "codes": [row.pk for row in by_shape],
        "fulltext": found_ids,
        "numbers": rows_with_numbers(question.numbers, include_gated),
    }
    scores: dict[int, float] = {}
    for source, ids in ranked_ids.items():
        for rank, row_id in enumerate(ids):
            scores[row_id] = scores.get(row_id, 0.0) + SOURCE_WEIGHTS[source] / (FUSION_K + rank)

    known = {row.pk: row for row in focus_rows}
    missing = [row_id for row_id in scores if row_id not in known]
    known |= rows_with_gates().in_bulk(missing)
    ranked = []
    for row_id, score in scores.items():
        row = known.get(row_id)
        if row is None:
            continue
        if row.kind in question.kinds:
            score += KIND_BOOST * (1 - question.kinds.index(row.kind) / (len(question.kinds) + 1))
        ranked.append(RankedRow(row, score))
    ranked.sort(key=lambda item: (-item.score, item.row.pk))
    return Retrieval(ranked, focus_codes)
