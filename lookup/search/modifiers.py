"""Modifiers as search results: CPT modifiers (lookup/cpt_modifiers.py) and HCPCS Level II
modifiers (the CMS file), each leading to its row of the HCPCS modifier page.

A query asks for modifiers when it says "modifier" (or "mod", or slips a letter of it:
"modifer 25") or writes one as it is appended to a code ("-59"): then modifiers are all it
gets, if any fits. A bare two-character query ("LT"), a modifier with words that it says ("GA
waiver") or words that name one ("distinct procedural service", "technical component") get
the modifier above the codes they find.

Every modifier is held in memory, read once per catalogue generation: matching them costs a
search no query.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass

from django.urls import reverse

from ..cpt_modifiers import CPT_MODIFIERS, CptModifier
from ..models import Code, Modifier
from ..selectors import HeldPerGeneration
from ..words import query_words
from .ranking import stem
from .spelling import edit_distance

MODIFIER_WORDS = frozenset(["modifier", "modifiers", "mod", "mods"])
# Words one letter from "modifier" that are words of their own, not a slip of it.
NOT_MODIFIER_WORDS = frozenset(["modified", "modifies"])
MODIFIER_CODE = re.compile(r"[a-z0-9]{2}")
# A modifier as written after a code: "-59", "- LT".
APPENDED = re.compile(r"-\s*[A-Za-z0-9]{2}")
# Words that say nothing about which modifier is meant.
FILLER_WORDS = frozenset(["a", "an", "the", "for", "of", "on", "to", "by", "in", "with", "and",
                          "or", "as", "at", "be", "is", "was", "during", "vs", "code", "codes",
                          "cpt", "hcpcs", "level", "ii"])  # fmt: skip
# A modifier's title on the HCPCS page is its descriptor up to the first aside or clause.
TITLE_END = re.compile(r"[(,;:]")
# Its name, as search reads it, ends only at an aside or a new sentence: "Left foot, great
# toe" is not "Left foot".
NAME_END = re.compile(r"[(;]")
# A word of this many letters may be typed short: "postop" is "postoperative".
SHORTENED_FROM = 4
# Words typed without the word "modifier" name one when they say most of one of its names
# (two thirds) and the modifier says every one of them, or when they are this many and it does.
NAMED_SHARE = 2 / 3
WORDS_SAYING_ENOUGH = 4
MAX_MODIFIERS = 5

# Other names coders give some Level II modifiers, in our words (CPT's are in `also`).
LEVEL_TWO_NAMES = {
    "AS": ("non-physician assistant at surgery",),
    "FQ": ("audio-only telehealth",),
    "GA": ("ABN on file", "signed ABN"),
    "GQ": ("store and forward telehealth",),
    "GT": ("telehealth", "telemedicine"),
    "GW": ("unrelated to the hospice terminal condition",),
    "GX": ("voluntary ABN",),
    "GY": ("statutorily excluded", "not a Medicare benefit"),
    "GZ": ("no ABN on file", "expected denial"),
    "JW": ("drug wastage", "wasted drug"),
    "JZ": ("no drug wastage", "no drug wasted"),
    "KX": ("policy requirements met", "therapy threshold exceeded"),
    "PD": ("3-day payment window",),
    "Q6": ("locum tenens",),
}


@dataclass(frozen=True)
class FoundModifier:
    code: str
    system_name: str  # "CPT" or "HCPCS Level II"
    title: str
    description: str
    url: str
    deleted: bool = False


@dataclass(frozen=True)
class ModifierSearch:
    found: list[FoundModifier]
    asked_for: bool  # the query asks for modifiers alone: no codes are searched


@dataclass(frozen=True)
class Listed:
    """A modifier as search reads it: what it shows, and its names' words that say
    something ("Two surgeons" -> two, surgeons)."""

    found: FoundModifier
    names: tuple[tuple[str, ...], ...]


class ModifierList:
    """Every modifier, CPT's first, with which of them say each word (by stem, or as the
    start of a word: "postop")."""

    def __init__(self, listed: list[Listed], texts: list[str]):
        self.listed = listed
        self.by_code: dict[str, list[int]] = {}
        self.by_stem: dict[str, set[int]] = {}
        by_word: dict[str, set[int]] = {}
        for number, (entry, text) in enumerate(zip(listed, texts, strict=True)):
            self.by_code.setdefault(entry.found.code, []).append(number)
            for word in query_words(text, limit=None):
                by_word.setdefault(word, set()).add(number)
                self.by_stem.setdefault(stem(word), set()).add(number)
        self.words = sorted(by_word)
        self.by_word = by_word

    def saying(self, word: str) -> set[int]:
        """The modifiers saying `word`, or a longer word it starts ("postop")."""
        found = set(self.by_stem.get(stem(word), ()))
        if len(word) >= SHORTENED_FROM:
            for each in self.words[bisect_left(self.words, word) :]:
                if not each.startswith(word):
                    break
                found |= self.by_word[each]
        return found

    def coded(self, code: str, include_deleted: bool) -> list[FoundModifier]:
        return shown(
            [self.listed[number] for number in self.by_code.get(code, [])], include_deleted
        )


def find_modifiers(
    query: str, include_deleted: bool = False, generation: str | None = None
) -> ModifierSearch:
    """The modifiers a query names, best first, and whether it asks for modifiers alone;
    `generation`, the catalogue's, when the caller has read it already."""
    words = query_words(query)
    asked = any(map(says_modifier, words)) or bool(APPENDED.fullmatch(query.strip()))
    wanted = [word for word in words if not says_modifier(word) and word not in FILLER_WORDS]
    typed = [word.upper() for word in wanted if MODIFIER_CODE.fullmatch(word)]
    if len(wanted) == 1 and typed:
        # Typed bare, a letter and a digit ("E1", "J1") start codes more than they name a
        # modifier: no lookup for one.
        if asked or typed[0].isdigit() or typed[0].isalpha():
            return ModifierSearch(modifier_list(generation).coded(typed[0], include_deleted), asked)
        return ModifierSearch([], False)
    if not wanted or (len(wanted) == 1 and not asked):
        return ModifierSearch([], asked)
    modifiers = modifier_list(generation)
    if asked and len(typed) == len(wanted):  # "modifier 59 vs XS"
        return ModifierSearch(
            [found for code in typed for found in modifiers.coded(code, include_deleted)], True
        )
    # A modifier typed with words it says: "GA waiver", "modifier 25 same day".
    for code in typed:
        others = [word for word in wanted if word.upper() != code]
        numbers = set(modifiers.by_code.get(code, []))
        for word in others:
            numbers &= modifiers.saying(word)
        if numbers:
            entries = [modifiers.listed[number] for number in sorted(numbers)]
            return ModifierSearch(shown(entries, include_deleted), asked)
    return ModifierSearch(modifiers_saying(modifiers, wanted, asked, include_deleted), asked)


def says_modifier(word: str) -> bool:
    """Whether a query's word is "modifier" or a slip of it ("modifer", "modifiier")."""
    if word in MODIFIER_WORDS:
        return True
    return (
        len(word) >= 7 and word not in NOT_MODIFIER_WORDS and edit_distance(word, "modifier") <= 1
    )


def modifiers_saying(
    modifiers: ModifierList, wanted: list[str], asked: bool, include_deleted: bool
) -> list[FoundModifier]:
    """The modifiers saying the query's words, those whose name the query says most of
    first, CPT's before Level II's, in code order.

    Asked for ("... modifier"), a modifier saying every word fits, or when none does and
    the query has three words or more, one saying all but one of them ("PA assistant at
    surgery"). Not asked for, it must say every word and the words must name it: say most
    of one of its names, or be WORDS_SAYING_ENOUGH words or more.
    """
    saying = [modifiers.saying(word) for word in wanted]
    counts: dict[int, int] = {}
    for numbers in saying:
        for number in numbers:
            counts[number] = counts.get(number, 0) + 1
    every = [number for number, count in counts.items() if count == len(wanted)]
    if asked:
        fitting = every
        if not fitting and len(wanted) >= 3:
            fitting = [number for number, count in counts.items() if count == len(wanted) - 1]
    else:
        fitting = [
            number
            for number in every
            if len(wanted) >= WORDS_SAYING_ENOUGH
            or name_share(modifiers.listed[number], wanted) >= NAMED_SHARE
        ]
    ranked = sorted(
        fitting, key=lambda number: (-name_share(modifiers.listed[number], wanted), number)
    )
    return shown([modifiers.listed[number] for number in ranked], include_deleted)[:MAX_MODIFIERS]


def name_share(entry: Listed, wanted: list[str]) -> float:
    """The largest share of one of the modifier's names that the query's words say."""
    typed = {stem(word) for word in wanted}
    shortened = [word for word in wanted if len(word) >= SHORTENED_FROM]

    def said(word: str) -> bool:
        return stem(word) in typed or any(word.startswith(short) for short in shortened)

    return max((sum(map(said, name)) / len(name) for name in entry.names if name), default=0.0)


def shown(entries: list[Listed], include_deleted: bool) -> list[FoundModifier]:
    return [entry.found for entry in entries if include_deleted or not entry.found.deleted]


def modifier_list(generation: str | None = None) -> ModifierList:
    """Every modifier, read from the database once per catalogue generation."""
    return HELD_MODIFIERS.get(generation)


def read_modifiers() -> ModifierList:
    listed, texts = [], []
    for modifier in CPT_MODIFIERS:
        names = [modifier.name, *modifier.also]
        listed.append(Listed(cpt_found(modifier), name_words(names)))
        texts.append(" ".join([*names, modifier.description]))
    rows = Modifier.objects.filter(system__slug="hcpcs").order_by("code")
    for row in rows.only("code", "long_descriptor", "status"):
        names = [NAME_END.split(row.long_descriptor, maxsplit=1)[0]]
        names += LEVEL_TWO_NAMES.get(row.code, ())
        listed.append(Listed(hcpcs_found(row), name_words(names)))
        texts.append(" ".join([*names, row.long_descriptor]))
    return ModifierList(listed, texts)


HELD_MODIFIERS = HeldPerGeneration(read_modifiers)


def name_words(names: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(
        tuple(word for word in query_words(name, limit=None) if word not in FILLER_WORDS)
        for name in names
    )


def hcpcs_title(descriptor: str) -> str:
    return TITLE_END.split(descriptor, maxsplit=1)[0].strip() or descriptor


def modifier_url(code: str) -> str:
    """The modifier's row of the HCPCS modifier page, where CPT's are listed too."""
    return f"{reverse('lookup:modifiers', args=['hcpcs'])}#modifier-{code}"


def cpt_found(modifier: CptModifier) -> FoundModifier:
    return FoundModifier(
        modifier.code, "CPT", modifier.name, modifier.description, modifier_url(modifier.code)
    )


def hcpcs_found(row: Modifier) -> FoundModifier:
    return FoundModifier(
        row.code,
        "HCPCS Level II",
        hcpcs_title(row.long_descriptor),
        row.long_descriptor,
        modifier_url(row.code),
        deleted=row.status == Code.Status.DELETED,
    )
