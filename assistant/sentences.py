"""Pick the sentences of readable rows that answer a question, in the order the page has them."""

import re
from dataclasses import dataclass

from lookup.models import Code

from .models import IndexedSection
from .questions import WORD, Question, stem

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'$*])")
# A full stop after these does not end a sentence.
ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "approx.")
MAX_SENTENCES = 5
MAX_PER_ROW = 3
LEAD_SENTENCES = 3
MIN_SCORE = 1.0


@dataclass
class Sentence:
    text: str
    row: IndexedSection
    order: int
    score: float
    lead: bool = False  # among the first sentences of a row that fits the question's shape


def split_sentences(block: str) -> list[str]:
    """Sentences of one block, keeping abbreviations and decimals ("33.4009") whole."""
    pieces = SENTENCE_END.split(block)
    sentences: list[str] = []
    for piece in pieces:
        if sentences and sentences[-1].lower().endswith(ABBREVIATIONS):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return [sentence.strip() for sentence in sentences if sentence.strip()]


def stems_of(text: str) -> set[str]:
    return {stem(word) for word in WORD.findall(text.lower())}


def mentions(text: str, value: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(value)}(?![\w]|\.\d)", text, re.IGNORECASE) is not None


def scored_sentences(
    question: Question, row: IndexedSection, focus_codes: list[Code]
) -> list[Sentence]:
    """Every quotable sentence of `row` with its relevance to `question`.

    A sentence scores by the question's words it shares, codes named in the question other
    than its own, and figures the question quotes. FAQ questions are not quoted: their score
    carries over to the answer under them. Rows of the kind the question asks for, and the
    descriptor and description of a code asked about, score their first sentences anyway,
    when they belong to a code the question is about.
    """
    question_stems = question.stems
    other_codes = [code.code for code in question.codes if code.pk != row.code_id]
    # Asked about a figure, only sentences stating it answer; otherwise the lead of a fitting row.
    lead_kinds = ["ncci"] if question.shape == "billed_with" else question.kinds
    fits_shape = not question.numbers and row.kind in lead_kinds and row.code in focus_codes
    page_stems = stems_of(f"{row.code.short_descriptor} {row.title}")
    sentences: list[Sentence] = []
    heading_text = ""
    order = 0
    blocks = row.text.splitlines()
    for index, block in enumerate(blocks):
        heading = (
            not row.is_page_part and index + 1 < len(blocks) and not block.endswith((".", "!", "?"))
        )
        for text in split_sentences(block):
            if heading or text.endswith(("?", ":")):
                heading_text = text  # a heading or FAQ question: the sentence after it answers it
                continue
            # A sentence is read where it stands: on its code's page, under its headings.
            context = f"{heading_text} {text}"
            score = len((stems_of(context) | page_stems) & question_stems)
            score += 2.0 * sum(mentions(context, code) for code in other_codes)
            numbers = sum(mentions(text, number) for number in question.numbers)
            score = 3.0 * numbers + (score if numbers or not question.numbers else 0.0)
            heading_text = ""
            lead = fits_shape and order < LEAD_SENTENCES
            if lead:
                score += MIN_SCORE + 0.5 * (LEAD_SENTENCES - order)
            sentences.append(Sentence(text, row, order, score, lead))
            order += 1
    return sentences


def pick_sentences(
    question: Question, rows: list[IndexedSection], focus_codes: list[Code]
) -> list[Sentence]:
    """The best sentences of `rows` (ranked, readable): rows with the best sentence first,
    each row's sentences in page order."""
    # A sentence must share more than half of the question's words, or be a fitting lead.
    least = max(MIN_SCORE, len(question.stems) // 2 + 1)
    candidates = []
    for rank, row in enumerate(rows):
        for sentence in scored_sentences(question, row, focus_codes):
            if sentence.score >= least or sentence.lead:
                candidates.append((sentence.score - 0.01 * rank, rank, sentence))
    candidates.sort(key=lambda item: (-item[0], item[1], item[2].order))
    chosen: list[tuple[int, Sentence]] = []
    per_row: dict[int, int] = {}
    best_of_row: dict[int, float] = {}
    for score, rank, sentence in candidates:
        if per_row.get(rank, 0) >= MAX_PER_ROW:
            continue
        per_row[rank] = per_row.get(rank, 0) + 1
        best_of_row.setdefault(rank, score)
        chosen.append((rank, sentence))
        if len(chosen) == MAX_SENTENCES:
            break
    chosen.sort(key=lambda item: (-best_of_row[item[0]], item[0], item[1].order))
    return [sentence for _, sentence in chosen]
