"""Compose CasePilot's answer: open the codes it quotes (the meter decides), quote, cite.

No text is written here: every sentence of an answer is a sentence of a code page the asker
may read, with a numbered citation to that page's section.
"""

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.urls import reverse

from accounts.metering import Access, decide_access
from lookup.models import Code
from lookup.search import search_codes

from .models import IndexedSection
from .questions import Question
from .retrieval import RankedRow, Retrieval, may_rank_gated, rank_rows
from .sentences import pick_sentences

# An answer quotes at most this many codes, and so opens (meters) at most this many.
MAX_CODES_QUOTED = 3
# Codes tried in rank order when the best ones are beyond the asker's views.
MAX_CODES_TRIED = 5
MAX_SOURCES = 4
MAX_LOCKED = 4
MAX_SEARCH_RESULTS = 8


@dataclass
class Citation:
    number: int
    code: Code
    title: str
    url: str

    @property
    def edition(self) -> str:
        return self.code.system.edition


@dataclass
class AnswerSentence:
    text: str
    citation: int


@dataclass
class LockedCitation:
    """A section that answers the question but that the asker may not read: its name only."""

    code: Code
    title: str
    url: str
    needs_account: bool  # True: register to read; False: beyond the asker's code page views


@dataclass
class Answer:
    question: Question
    sentences: list[AnswerSentence] = field(default_factory=list)
    sources: list[Citation] = field(default_factory=list)
    locked: list[LockedCitation] = field(default_factory=list)
    search_results: list[Code] = field(default_factory=list)
    beyond_allowance: list[Code] = field(default_factory=list)
    guest: bool = False

    @property
    def found(self) -> bool:
        return bool(self.sentences)

    @property
    def notices(self) -> list[str]:
        """What the asker should know about what this answer could not draw on."""
        notices = []
        if self.beyond_allowance:
            notices.append(
                "You have no code page views left for some codes this question is about, so "
                "this answer draws only on codes you have already opened."
            )
        if self.guest and (self.locked or not self.found):
            notices.append(
                "Guests' answers draw only on sections open to everyone. Register a free "
                "account to have every section searched."
            )
        return notices


def section_url(row: IndexedSection) -> str:
    return f"{reverse('lookup:code', args=[row.code.system.slug, row.code.code])}#{row.anchor}"


def can_read(access: Access, row: IndexedSection) -> bool:
    """The page's rule for the part `row` indexes; descriptor and description are ungated."""
    return access.can_read(row)


def codes_to_open(question: Question, retrieval: Retrieval) -> list[Code]:
    """The codes the answer is about: those named or asked on, else the best-ranked ones."""
    if question.subject_codes:
        return question.subject_codes[:MAX_CODES_QUOTED]
    codes: list[Code] = list(retrieval.focus_codes)
    for item in retrieval.ranked:
        if item.row.code not in codes:
            codes.append(item.row.code)
        if len(codes) == MAX_CODES_TRIED:
            break
    return codes


def answer_question(request: HttpRequest, question: Question) -> Answer:
    """Answer `question` for the asker of `request` from what they may read, with citations."""
    answer = Answer(question, guest=not request.user.is_authenticated)
    retrieval = rank_rows(question, include_gated=may_rank_gated(request))
    ranked = retrieval.ranked

    readable: list[RankedRow] = []
    opened = 0
    for code in codes_to_open(question, retrieval):
        if opened == MAX_CODES_QUOTED:
            break
        # Opening a code here is opening its page: the meter counts it exactly as the page does.
        access = decide_access(request, code)
        rows = [item for item in ranked if item.row.code_id == code.pk]
        readable_rows = [item for item in rows if can_read(access, item.row)]
        if rows and not readable_rows:
            answer.beyond_allowance.append(code)
            if code in question.subject_codes:
                answer.locked.append(
                    LockedCitation(
                        code, code.short_descriptor, code.get_absolute_url(), answer.guest
                    )
                )
            continue
        opened += 1
        readable += readable_rows
        answer.locked += [
            LockedCitation(code, item.row.title, section_url(item.row), needs_account=True)
            for item in rows
            if item.row.kind in question.kinds and not can_read(access, item.row)
        ]
    answer.locked = answer.locked[:MAX_LOCKED]

    readable.sort(key=lambda item: (-item.score, item.row.pk))
    rows = [item.row for item in readable[:MAX_SOURCES]]
    cite_sentences(answer, pick_sentences(question, rows, retrieval.focus_codes))
    if not answer.found:
        answer.search_results = related_search_results(question)
    return answer


def cite_sentences(answer: Answer, sentences) -> None:
    """Number the sources in the order the answer first quotes them."""
    numbers: dict[int, int] = {}
    for sentence in sentences:
        row = sentence.row
        if row.pk not in numbers:
            numbers[row.pk] = len(numbers) + 1
            answer.sources.append(Citation(numbers[row.pk], row.code, row.title, section_url(row)))
        answer.sentences.append(AnswerSentence(sentence.text, numbers[row.pk]))


def related_search_results(question: Question) -> list[Code]:
    """Codes whose descriptors match the question's words, offered when nothing answers it."""
    if question.subject_codes:
        return question.subject_codes
    results: list[Code] = []
    attempts = [" ".join(question.words), *sorted(question.words, key=len, reverse=True)[:3]]
    for words in attempts:
        if not words:
            continue
        for code in search_codes(words).results:
            if code not in results:
                results.append(code)
        if len(results) >= MAX_SEARCH_RESULTS:
            break
    return results[:MAX_SEARCH_RESULTS]
