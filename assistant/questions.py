"""Read a question: check it, find the codes it names and the shape it has (what it asks for)."""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from lookup.models import Code, CodeSystem, Modifier, canonical_code

from .subjects import (
    BARE_LETTERS,
    bare_modifiers_in,
    date_of_service_in,
    modifiers_named_in,
    subject_of,
    without_non_codes,
)

MAX_QUESTION_LENGTH = 500

STOP_WORDS = frozenset(
    " ".join(
        [
            "a about an and any apply applies are as at be been billed billing bill by can code",
            "codes cpt could do does for from get has have hcpcs how i icd if in is it its me my",
            "of on or our please should tell that the their them there these this to use used",
            "using was we what when where which while who why will with would you your",
        ]
    ).split()
)

# Question words that point at a section kind, compared by stem (see `stem`).
KIND_WORDS = {
    "guidelines": "guideline guidelines rule rules instruction instructions choose choice",
    "documentation": "document documentation documented note notes chart record support "
    "compliance compliant",
    "modifiers": "modifier modifiers laterality bilateral side",
    "crosswalks": "crosswalk crosswalks diagnosis diagnoses icd anesthesia dx procedure procedures",
    "ncci": "ncci bundle bundled bundling unbundle unbundling edit edits mue together separately",
    "coverage": "coverage cover covered covers lcd ncd mac necessity necessary",
    "fees": "rvu rvus pay pays paid payment fee fees rate rates reimbursement cost price global "
    "dollars",
    "denials": "deny denied denial denials reject rejected rejection compliance audit",
    # ICD-10-CM's instructional notes, as the importer writes them.
    "excludes1": "excludes exclude excluded exclusion excludes1",
    "excludes2": "excludes exclude excluded exclusion excludes2",
    "includes": "includes",
    "inclusion-terms": "inclusion synonym synonyms",
    "code-first": "first",
    "use-additional-code": "additional",
    "seventh-character": "seventh 7th character extension",
    # The Alphabetic Index entries leading to a code (assistant/fact_passages.py).
    "index-terms": "index alphabetic entry entries",
}
DEFINITION_PATTERN = re.compile(
    r"^\s*(what\s+is|what's|whats|what\s+does|define|definition|describe|meaning|explain)\b"
    r"|\bmean(s|ing)?\b",
    re.IGNORECASE,
)
TOGETHER_PATTERN = re.compile(
    r"\b(with|together|and|alongside|same\s+(day|session)|bundl\w*)\b", re.IGNORECASE
)
CODE_CANDIDATE = re.compile(
    r"(?<![\w.$])[A-Za-z]?\d[0-9A-Za-z]{1,3}(?:\.?[0-9A-Za-z]{1,4})?(?![\w$])"
)
DECIMAL_NUMBER = re.compile(r"(?<![\w.$])\d{1,3}\.\d{1,2}(?![\w.])")
# A word keeps its apostrophe's ending ("what's", "patient's"), so the ending is not read as
# a word of its own ("s"); `question_words` then drops the ending or the word.
RIGHT_QUOTE = "\u2019"  # the typographic apostrophe: "what\u2019s"
WORD = re.compile(r"[A-Za-z0-9]+(?:['" + RIGHT_QUOTE + r"][A-Za-z]+)?(?:\.[0-9]+)?")
SUFFIXES = (
    "ations", "ation", "ions", "ion", "ings", "ing", "ies", "ied", "ers", "es", "ed", "er", "s",
    "ly", "al",
)  # fmt: skip
IRREGULAR_FORMS = {"paid": "pay", "done": "do", "taken": "take", "fatty": "fat"}
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co"}


class QuestionError(ValueError):
    """A question that cannot be asked as typed; the message says why, for the asker."""


@dataclass
class Question:
    text: str
    codes: list[Code] = field(default_factory=list)
    context_code: Code | None = None
    shape: str = "general"
    kinds: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    # What the question asks for (assistant/subjects.py), "" when no fact we hold answers it.
    subject: str = ""
    modifiers: list[str] = field(default_factory=list)
    day: date | None = None  # the date of service it asks about
    # Code-shaped words the catalogue does not hold ("99299"): we say so.
    unknown_codes: list[str] = field(default_factory=list)

    @property
    def subject_codes(self) -> list[Code]:
        """The codes the answer is about: those named, else the page's code it was asked on."""
        if self.codes:
            return self.codes
        return [self.context_code] if self.context_code else []

    @property
    def stems(self) -> set[str]:
        return {stem(word) for word in self.words}

    @property
    def asked_kinds(self) -> list[str]:
        """The section kinds the question's own words ask for (`kinds` adds the kinds its
        shape may draw on): "modifiers for 27323" asks for the modifiers section."""
        stems = self.stems
        return [kind for kind, words in KIND_STEMS.items() if stems & words]


def stem(word: str) -> str:
    """A light English stem, the same for question and page words: billed/billing -> bill."""
    word = IRREGULAR_FORMS.get(word.lower(), word.lower())
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + ("y" if suffix in {"ies", "ied"} else "")
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def clean_question(raw: str) -> str:
    """The question as one tidy line, or QuestionError with a message the asker can act on."""
    if "\x00" in raw or "\ufffd" in raw:
        raise QuestionError(
            "Your question has characters we could not read. Retype it in plain text."
        )
    text = unicodedata.normalize("NFKC", raw)
    if any(
        unicodedata.category(char) in INVISIBLE_CATEGORIES for char in text if char not in "\t\n\r"
    ):
        raise QuestionError(
            "Your question has invisible control characters. Retype it in plain text."
        )
    text = " ".join(text.split())
    if not text:
        raise QuestionError("Type a question, for example: What is CPT code 27323?")
    if len(text) > MAX_QUESTION_LENGTH:
        raise QuestionError(
            f"That question is too long: use at most {MAX_QUESTION_LENGTH} characters "
            f"(it has {len(text)})."
        )
    return text


# Words shaped like a code of one of our systems, to tell "99299" (a code we don't hold) from
# a number: five-character CPT and HCPCS codes, ICD-10-CM codes with their dot.
STRICT_CODE = re.compile(
    r"(?<![\w.$/])(?:\d{4}[0-9FTU]|[A-V]\d{4}|[A-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4})(?![\w/])",
    re.IGNORECASE,
)


def unknown_codes_in(text: str, named: list[Code]) -> list[str]:
    """Code-shaped words of `text` that name no code we hold ("What is CPT code 99299?")."""
    held = {code.code.upper() for code in named}
    shaped = [match.group().upper() for match in STRICT_CODE.finditer(text)]
    return list(dict.fromkeys(word for word in shaped if word not in held))


def codes_named_in(text: str, systems: list[CodeSystem]) -> tuple[list[Code], str]:
    """Catalogue codes the text names, in any usual spelling, and the text without them."""
    candidates = [match.group() for match in CODE_CANDIDATE.finditer(text)]
    spellings = []
    for candidate in candidates:
        for system in systems:
            spelling = (system.pk, canonical_code(system.slug, candidate))
            if spelling not in spellings:
                spellings.append(spelling)
    if not spellings:
        return [], text
    wanted = Q()
    for system_id, code in spellings:
        wanted |= Q(system_id=system_id, code=code)
    found = {
        (code.system_id, code.code): code
        # With its range: a CPT code without descriptor is titled by it (Code.list_title).
        for code in Code.objects.filter(wanted, level=Code.Level.CODE).select_related(
            "system", "parent"
        )
    }
    # A word naming codes of two systems ("J1100": HCPCS J1100, ICD-10-CM J11.00) names the
    # one spelt exactly as typed.
    exact = {word.upper() for word in candidates} & {code.code for code in found.values()}
    named = [
        found[spelling]
        for spelling in spellings
        if spelling in found and (spelling[1] in exact or spelling[1].replace(".", "") not in exact)
    ]
    spelt = {(code.system_id, code.code) for code in named}

    def blank_if_named(match: re.Match) -> str:
        spellings = {(system.pk, canonical_code(system.slug, match.group())) for system in systems}
        return " " if spellings & spelt else match.group()

    rest = CODE_CANDIDATE.sub(blank_if_named, text)
    return list(dict.fromkeys(named)), rest


def context_code_from(value: str, systems: list[CodeSystem]) -> Code | None:
    """The code a question was asked on, from "cpt:27323" (None when unknown or malformed)."""
    system_slug, _, raw_code = value.strip().partition(":")
    system = next((each for each in systems if each.slug == system_slug.lower()), None)
    if system is None or not raw_code or len(raw_code) > 20:
        return None
    return (
        Code.objects.select_related("system")
        .filter(system=system, code=canonical_code(system.slug, raw_code), level=Code.Level.CODE)
        .first()
    )


def read_question(raw: str, context: str = "") -> Question:
    """Check the question, find its codes and shape; raises QuestionError for bad input."""
    text = clean_question(raw)
    systems = list(CodeSystem.objects.all())
    # Doses, dates, model names and modifiers look like codes but never are.
    plain = without_non_codes(text)
    codes, rest = codes_named_in(plain, systems)
    question = Question(text=text, codes=codes)
    question.unknown_codes = unknown_codes_in(rest, codes)
    question.modifiers = modifiers_named_in(text)
    question.day = date_of_service_in(text)
    if context:
        question.context_code = context_code_from(context, systems)
    if not question.subject_codes:
        capitals = set(BARE_LETTERS.findall(text))
        held = Modifier.objects.filter(code__in=capitals).values_list("code", flat=True)
        question.modifiers = bare_modifiers_in(
            text, question.modifiers, set(held) if capitals else set()
        )
    question.numbers = DECIMAL_NUMBER.findall(rest)
    question.words = [
        word for word in question_words(DECIMAL_NUMBER.sub(" ", rest)) if len(word) > 1
    ]
    question.shape, question.kinds = shape_of(question)
    question.subject = subject_of(question)
    return question


def question_words(text: str) -> list[str]:
    """The words of `text` that say what it is about: lower case, stop words left out, a
    contraction read as its first word ("what's" -> "what") and a negation ("doesn't")
    dropped."""
    words = []
    for word in WORD.findall(text.lower()):
        first, apostrophe, ending = word.replace(RIGHT_QUOTE, "'").partition("'")
        if apostrophe and ending == "t":
            continue
        if first not in STOP_WORDS:
            words.append(first if apostrophe else word)
    return words


def shape_of(question: Question) -> tuple[str, list[str]]:
    """The question's shape and the section kinds that answer it, most fitting first."""
    stems = question.stems
    kinds = [kind for kind, words in KIND_STEMS.items() if stems & words]
    if len(question.subject_codes) >= 2 and (
        TOGETHER_PATTERN.search(question.text) or "ncci" in kinds
    ):
        together = ["ncci", "guidelines", "faq", "modifiers", "crosswalks", "description"]
        return "billed_with", list(dict.fromkeys([*kinds, *together]))
    if question.numbers and "fees" in kinds:
        return "payment", ["fees"]
    if kinds:
        return kinds[0], kinds
    if question.subject_codes:
        # "what is 27323", or a question about a code that names no part of its page.
        shape = "definition" if DEFINITION_PATTERN.search(question.text) or not stems else "general"
        return shape, ["descriptor", "description"]
    return "general", []


KIND_STEMS = {kind: {stem(word) for word in words.split()} for kind, words in KIND_WORDS.items()}
