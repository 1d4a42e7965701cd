"""Compose CasePilot's answer: open the codes it quotes (the meter decides), quote, cite.

No text is written here: every sentence of an answer is a sentence of a code page the asker
may read, with a numbered citation to that page's section.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from accounts.metering import Access, MeteredCode, access_without_view, metered_code
from accounts.models import User
from fees.selectors import has_fee_section
from grouping.sections import has_grouping_sections
from lookup.models import Code, CodeSystem, Section, canonical_code
from lookup.search import search_codes

from .facts import FactReply, facts_for
from .models import IndexedSection
from .payer_answers import PayerReply, payer_reply_for
from .questions import Question
from .retrieval import RankedRow, Retrieval, rank_rows
from .sentences import Sentence, mentions, pick_sentences
from .subjects import PAIR_WORDS

# An answer quotes at most this many codes, and so opens (meters) at most this many.
MAX_CODES_QUOTED = 3
MAX_SOURCES = 6
MAX_LOCKED = 4
MAX_SEARCH_RESULTS = 8
MAX_SUPPORTING_QUOTES = 3


@dataclass
class Citation:
    number: int
    code: Code | None  # None: a page of `system` that is not a code's (the modifier list)
    title: str
    url: str
    kind: str = ""  # the kind of section it cites, "" for a fact's part of the page
    system: CodeSystem | None = None

    @property
    def label(self) -> str:
        """What the cited page is: "CPT 27323", or "HCPCS Level II modifiers"."""
        if self.code is None:
            return f"{self.system.name} modifiers"
        return f"{self.code.system.name} {self.code.code}"

    @property
    def edition(self) -> str:
        return (self.code.system if self.code else self.system).edition


@dataclass
class AnswerSentence:
    text: str
    citation: int  # 0: our statement of what we do not hold, citing no page


@dataclass
class CodeOpener:
    """Opens codes for an asker once each: the meter counts a code once per answer."""

    asker: "Asker"
    accesses: dict[int, Access] = field(default_factory=dict)

    def open(self, code: Code) -> Access:
        if code.pk not in self.accesses:
            gated = Section.objects.filter(code=code, gated=True).exists()
            self.accesses[code.pk] = self.asker.open_code(metered_code_for(code, gated))
        return self.accesses[code.pk]


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
    # Whether a fact, or a payer's policy record, answers the question (not quotes alone).
    from_facts: bool = False

    @property
    def found(self) -> bool:
        return bool(self.sentences)

    @property
    def answers_directly(self) -> bool:
        """Whether it answers the question itself: from a fact we hold, or with quotes from
        the section of the kind the question asks for (CaseConsultant emails only these)."""
        if self.from_facts:
            return True
        if self.question.subject or self.question.unknown_codes or not self.found:
            return False
        kinds = {source.kind for source in self.sources}
        return not self.question.kinds or bool(kinds & set(self.question.kinds))

    @property
    def search_listing(self) -> list[tuple[Code, str]]:
        """The codes offered, each with the title the answer gives it (`result_title`)."""
        return [(code, result_title(code)) for code in self.search_results]

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


@dataclass(frozen=True)
class Asker:
    """Whom an answer is for: a guest or not, and what opening a code's page gives them."""

    guest: bool
    # Opens a code's page (as the meter sees it), returning what the asker may read of it.
    open_code: Callable[[MeteredCode], Access]

    @property
    def may_rank_gated(self) -> bool:
        """Only registered askers can ever read gated text, so only theirs may rank by it.

        A guest's ranking never sees gated text, so which sections an answer cites cannot
        reveal what a gated section says.
        """
        return not self.guest


def mail_asker(user: User) -> Asker:
    """An account reading an answer away from the pages (CaseConsultant's email): no view is
    used, so codes it has not unlocked give only the text open to every reader."""
    return Asker(guest=False, open_code=lambda metered: access_without_view(user, metered))


def metered_code_for(code: Code, has_gated_sections: bool) -> MeteredCode:
    """`code`'s page as the meter sees it, as the page itself decides (pages/gates.py): gated
    content is a gated section, the fee section or the MS-DRG and risk adjustment sections."""
    return metered_code(
        code.pk,
        is_hierarchy_node=code.is_hierarchy_node,
        holds_gated_content=has_gated_sections
        or has_fee_section(code)
        or has_grouping_sections(code),
    )


def section_url(row: IndexedSection) -> str:
    return f"{reverse('pages:code', args=[row.code.system.slug, row.code.code])}#{row.anchor}"


def can_read(access: Access, row: IndexedSection) -> bool:
    """The page's rule for the part `row` indexes: its section's gate, or for the other parts
    of the page (descriptor, description, the fact sections) the gate the page gives them."""
    if row.is_page_part:
        return access.can_read(row)
    return access.can_read(row.section)


def best_rows(ranked: list[RankedRow]) -> list[IndexedSection]:
    """The best-ranked rows."""
    ordered = sorted(ranked, key=lambda item: (-item.score, item.row.pk))
    return [item.row for item in ordered[:MAX_SOURCES]]


def answer_for(asker: Asker, question: Question) -> Answer:
    """Answer `question` for `asker` from what they may read, with citations.

    A first pass over the rows the asker could ever read finds the codes the answer would
    quote; only those are opened (`asker.open_code`: for a page's asker the meter counts
    each as the page would), and the answer is then picked from what the opened codes let
    the asker read.
    """
    reply = payer_reply_for(question, guest=asker.guest, open_code=asker.open_code)
    if reply is not None:
        return payer_answer(asker, question, reply)
    answer = Answer(question, guest=asker.guest)
    opener = CodeOpener(asker)
    facts = facts_for(question, opener.open)
    cite_facts(answer, facts)
    clearance = asker.may_rank_gated
    retrieval = rank_rows(question, include_gated=clearance)
    candidates = retrieval.ranked
    if question.subject_codes:
        # A question about named codes is answered from their pages only.
        candidates = [item for item in candidates if item.row.code in question.subject_codes]
    rankable = [item for item in candidates if clearance or not item.row.gated]
    draft = pick_sentences(question, best_rows(rankable), retrieval.focus_codes)
    quoted_codes = list(dict.fromkeys(sentence.row.code for sentence in draft))

    readable: list[RankedRow] = []
    accesses = opener.accesses
    opened = quoted_codes[:MAX_CODES_QUOTED]
    for code in opened:
        # For a page's asker, opening a code here is opening its page: the meter counts it.
        # The sections' own gates decide, not the index's copy a bulk update may leave behind.
        access = opener.open(code)
        readable_rows = [
            item
            for item in candidates
            if item.row.code_id == code.pk and can_read(access, item.row)
        ]
        if not readable_rows:
            answer.beyond_allowance.append(code)
        readable += readable_rows

    sentences = pick_sentences(question, best_rows(readable), retrieval.focus_codes)
    if question.subject_codes:
        # A question about named codes: a quote naming another code would suggest it. Our
        # editors' sections name codes where they help, so one of the kind the question asks
        # for ("which diagnoses support 27323": the crosswalks) is kept: its codes answer. A
        # line of the official files naming another code (an Excludes note) never is: the
        # notes asked for are stated as facts.
        named = [code.code for code in question.subject_codes]
        sentences = [
            each
            for each in sentences
            if names_only(each.text, named)
            or (by_editors(each.row) and each.row.kind in question.asked_kinds)
        ]
    elif not CODE_ASKED.search(question.text):
        # A question about no code: a quote naming a code would suggest it to the asker (its
        # citation names the page it comes from). One asking which code to use is answered
        # by the codes its quotes name (an index entry: "Stone > kidney leads to N20.0").
        sentences = without_codes(sentences)
    if not question.subject_codes and question.modifiers:
        # A question about modifiers and no code: only sentences naming one answer it.
        sentences = [
            each
            for each in sentences
            if any(mentions(each.text, modifier) for modifier in question.modifiers)
        ]
    if answer.from_facts:
        # The fact answers; quotes support it, after it.
        sentences = sentences[:MAX_SUPPORTING_QUOTES]
    cite_sentences(answer, sentences)
    answer.locked = (answer.locked + locked_citations(answer, retrieval, accesses, clearance))[
        :MAX_LOCKED
    ]
    if not answer.found:
        answer.search_results = related_search_results(question)
    return answer


def payer_answer(asker: Asker, question: Question, reply: PayerReply) -> Answer:
    """The answer to a payer question, from the policy records (assistant/payer_answers.py)."""
    answer = Answer(question, guest=asker.guest)
    for number, source in enumerate(reply.sources, start=1):
        answer.sources.append(Citation(number, reply.code, source.title, source.url))
    answer.sentences = [AnswerSentence(text, cited + 1) for text, cited in reply.sentences]
    answer.from_facts = reply.states_policy
    if reply.locked:
        title = f"{reply.payer.name} policy on the payer overview"
        answer.locked = [LockedCitation(reply.code, title, reply.overview_url, asker.guest)]
    return answer


def locked_citations(
    answer: Answer, retrieval: Retrieval, accesses: dict[int, Access], clearance: bool
) -> list[LockedCitation]:
    """Sections of the kinds asked for, on the codes asked about, that the asker may not read.

    Chosen by kind, never by their text, so a locked citation reveals nothing a page's table
    of contents does not.
    """
    locked = []
    for code in answer.beyond_allowance:
        if code in retrieval.focus_codes:
            url = code.get_absolute_url()
            locked.append(LockedCitation(code, code.short_descriptor, url, answer.guest))
    for item in retrieval.ranked:
        row = item.row
        if row.code not in retrieval.focus_codes or row.kind not in answer.question.kinds:
            continue
        access = accesses.get(row.code_id)
        if access is None and (clearance or not row.gated):
            continue
        if access is not None and (row.code in answer.beyond_allowance or can_read(access, row)):
            continue
        locked.append(LockedCitation(row.code, row.title, section_url(row), needs_account=True))
    return locked


# CMS-HCC model names: in a sentence they are never the ICD-10-CM categories V22, V24, V28.
MODEL_NAMES = {"V22", "V24", "V28"}
# Code-shaped words of a quote: ICD-10-CM codes and categories, CPT and HCPCS codes.
CODE_IN_TEXT = re.compile(
    r"(?<![\w.])(?:[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?|\d{4}[0-9FTU]|[A-V]\d{4})(?![\w])"
)


def without_codes(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences that name no code the catalogue holds: a code-shaped word naming none
    (a figure) or a CMS-HCC model's name ("V28") suggests nothing."""
    named = [
        {
            spelling
            for word in CODE_IN_TEXT.findall(each.text)
            if word not in MODEL_NAMES
            for spelling in (word, canonical_code("icd-10-cm", word))
        }
        for each in sentences
    ]
    wanted = set().union(*named)
    held = (
        set(Code.objects.filter(code__in=wanted).values_list("code", flat=True))
        if wanted
        else set()
    )
    return [each for each, words in zip(sentences, named, strict=True) if not words & held]


def names_only(text: str, codes: list[str]) -> bool:
    """Whether every code `text` names is one of `codes`, or (ICD-10-CM) above or under one."""
    for word in CODE_IN_TEXT.findall(text):
        if not any(word.startswith(code) or code.startswith(word) for code in codes):
            return False
    return True


def by_editors(row: IndexedSection) -> bool:
    return row.section is not None and row.section.source == Section.Source.EDITOR


def page_url(code: Code, anchor: str) -> str:
    return f"{reverse('pages:code', args=[code.system.slug, code.code])}#{anchor}"


def cite_facts(answer: Answer, facts: FactReply) -> None:
    """State the facts first, each citing the part of its code's page that shows it; name the
    parts that show facts the asker may not read."""
    for fact in facts.sentences:
        citation = 0
        if fact.code is not None or fact.url:
            url = fact.url or page_url(fact.code, fact.anchor)
            cited = next((source for source in answer.sources if source.url == url), None)
            if cited is None:
                number = len(answer.sources) + 1
                cited = Citation(number, fact.code, fact.title, url, system=fact.system)
                answer.sources.append(cited)
            citation = cited.number
        answer.sentences.append(AnswerSentence(fact.text, citation))
    answer.from_facts = facts.answers
    answer.locked = [
        LockedCitation(locked.code, locked.title, page_url(locked.code, locked.anchor), True)
        for locked in facts.locked
    ]


def cite_sentences(answer: Answer, sentences) -> None:
    """Number the sources in the order the answer first quotes them, after the facts'."""
    numbers: dict[int, int] = {}
    for sentence in sentences:
        row = sentence.row
        if row.pk not in numbers:
            numbers[row.pk] = len(answer.sources) + 1
            answer.sources.append(
                Citation(numbers[row.pk], row.code, row.title, section_url(row), row.kind)
            )
        answer.sentences.append(AnswerSentence(sentence.text, numbers[row.pk]))


def result_title(code: Code) -> str:
    """A code's list title, unless it names other codes: a CPT code without descriptor is
    titled by its range ("Codes 0500T to 0599T"), and a descriptor may name another code
    ("if performed with ERCP, use 43265"); the question asks for neither."""
    for title in (code.list_title, code.short_descriptor):
        if title and names_only(title, [code.code]):
            return title
    return "(descriptor naming other codes: see the code's page)"


# A question asking for a code: "what code for...", "which ICD-10 code", "code for...".
CODE_ASKED = re.compile(
    r"\b(?:what|which)\s+(?:(?:icd-?10(?:-cm)?|cpt|hcpcs|dx|diagnosis|procedure|billing)\s+)?"
    r"codes?\b(?!\s+(?:first|also)\b)|\bcodes?\s+(?:for|to use)\b",
    re.IGNORECASE,
)


def related_search_results(question: Question) -> list[Code]:
    """Codes whose descriptors match the question's words, offered when nothing answers it."""
    if question.subject_codes:
        return question.subject_codes
    if question.modifiers:
        return []  # a modifier is not a code: codes matching its words would not help
    about_a_rule = (
        question.subject
        or set(question.asked_kinds) - {"crosswalks"}
        or PAIR_WORDS.search(question.text)
    )
    if about_a_rule and not CODE_ASKED.search(question.text):
        # A question about a fact or rule in general ("what is a 90-day global period", "why
        # would a claim deny", "can PT and OT be billed the same day"), not about which code
        # to use: codes matching its words would suggest codes it does not ask for.
        return []
    # All the words, then each of the longest alone, until one search finds codes.
    attempts = [" ".join(question.words), *sorted(question.words, key=len, reverse=True)[:3]]
    for words in attempts:
        outcome = search_codes(words) if words else None
        if outcome and outcome.exact:
            return [outcome.exact]
        # Deleted codes (search's offer when no current one matches) are not for today's claims.
        if outcome and outcome.results and not outcome.only_deleted:
            return [result.code for result in outcome.results[:MAX_SEARCH_RESULTS]]
    return []
