"""Modifiers as search results: CPT modifiers (lookup/cpt_modifiers.py) and HCPCS Level II
modifiers (the CMS file), each leading to its row of the HCPCS modifier page.

A query asks for modifiers when it says "modifier" ("modifier 59", "XS modifier",
"bilateral modifier") or writes one as it is appended to a code ("-59"): then modifiers are
all it gets. A bare two-character query ("LT") or one naming a CPT modifier ("distinct
procedural service") gets the modifier above the codes it finds.
"""

import re
from dataclasses import dataclass

from django.urls import reverse

from ..cpt_modifiers import CPT_MODIFIERS, CptModifier
from ..models import Code, Modifier
from ..words import query_words
from .ranking import stem, stems, text_stems

MODIFIER_WORDS = frozenset(["modifier", "modifiers", "mod"])
MODIFIER_CODE = re.compile(r"[a-z0-9]{2}")
# A modifier as written after a code: "-59", "- LT".
APPENDED = re.compile(r"-\s*[A-Za-z0-9]{2}")
# Words that say nothing about which modifier is meant.
FILLER_WORDS = frozenset(["a", "an", "the", "for", "of", "on", "to", "by", "in", "with", "and",
                          "code", "codes", "cpt", "hcpcs"])  # fmt: skip
# A modifier's title on the HCPCS page is its descriptor up to the first aside or clause.
TITLE_END = re.compile(r"[(,;:]")
MAX_MODIFIERS = 5


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


def find_modifiers(query: str, include_deleted: bool = False) -> ModifierSearch:
    """The modifiers a query names, best first, and whether it asks for modifiers alone."""
    words = query_words(query)
    asked = bool(MODIFIER_WORDS.intersection(words)) or bool(APPENDED.fullmatch(query.strip()))
    wanted = [word for word in words if word not in MODIFIER_WORDS and word not in FILLER_WORDS]
    if len(wanted) == 1 and MODIFIER_CODE.fullmatch(wanted[0]) and len(words) <= 2:
        code = wanted[0].upper()
        # Typed bare, a letter and a digit ("E1", "J1") start codes more than they name a
        # modifier: no query for one.
        if asked or code.isdigit() or code.isalpha():
            return ModifierSearch(modifiers_coded(code, include_deleted), asked)
        return ModifierSearch([], False)
    if asked and wanted:
        return ModifierSearch(modifiers_saying(wanted, include_deleted), True)
    if len(wanted) > 1:
        return ModifierSearch(cpt_modifiers_named(wanted), False)
    return ModifierSearch([], asked)


def modifiers_coded(code: str, include_deleted: bool) -> list[FoundModifier]:
    """The modifier with this code: CPT's are numbers, HCPCS Level II's hold a letter."""
    if code.isdigit():
        return [cpt_found(each) for each in CPT_MODIFIERS if each.code == code]
    rows = hcpcs_modifiers(include_deleted).filter(code=code)
    return [hcpcs_found(row) for row in rows]


def modifiers_saying(words: list[str], include_deleted: bool) -> list[FoundModifier]:
    """Modifiers whose name or description says every word, those whose name says them
    first, then CPT's before Level II's, in code order."""
    wanted = stems(words)
    ranked = [
        (name_rank([modifier.name, *modifier.also], wanted), cpt_found(modifier))
        for modifier in CPT_MODIFIERS
        if wanted <= cpt_stems(modifier)
    ]
    rows = hcpcs_modifiers(include_deleted)
    for word in words:  # the database keeps the few rows saying each word (a stem's start)
        rows = rows.filter(long_descriptor__icontains=stem_start(word))
    ranked += [
        (name_rank([hcpcs_title(row.long_descriptor)], wanted), hcpcs_found(row))
        for row in rows
        if wanted <= text_stems(row.long_descriptor)
    ]
    ranked.sort(key=lambda pair: pair[0])
    return [found for _, found in ranked[:MAX_MODIFIERS]]


def cpt_modifiers_named(words: list[str]) -> list[FoundModifier]:
    """The CPT modifiers a query of several words names without saying "modifier"
    ("distinct procedural service"): it holds every word of a name or another term for one,
    and the modifier says every word of it. No query: a words search pays nothing for it."""
    wanted = stems(words)
    return [
        cpt_found(modifier)
        for modifier in CPT_MODIFIERS
        if wanted <= cpt_stems(modifier)
        and any(names_within(name, wanted) for name in [modifier.name, *modifier.also])
    ][:MAX_MODIFIERS]


def cpt_stems(modifier: CptModifier) -> frozenset[str]:
    return text_stems(" ".join([modifier.name, *modifier.also, modifier.description]))


def name_rank(names: list[str], wanted: frozenset[str]) -> int:
    """0 when a name is just the query's words ("bilateral"), 1 when one holds them all,
    2 when only the description does."""
    if any(text_stems(name) == wanted for name in names):
        return 0
    return 1 if any(wanted <= text_stems(name) for name in names) else 2


def stem_start(word: str) -> str:
    """What a word and its stem start with ("injury", "injuri" -> "injur"): a descriptor
    saying any form of the word holds it."""
    root = stem(word)
    length = 0
    while length < min(len(word), len(root)) and word[length] == root[length]:
        length += 1
    return word[:length]


def names_within(name: str, wanted: frozenset[str]) -> bool:
    """Whether every word of `name` that says something is among the query's stems."""
    named = stems(word for word in query_words(name) if word not in FILLER_WORDS)
    return bool(named) and named <= wanted


def hcpcs_modifiers(include_deleted: bool):
    rows = Modifier.objects.filter(system__slug="hcpcs").order_by("code")
    if not include_deleted:
        rows = rows.exclude(status=Code.Status.DELETED)
    return rows.only("code", "long_descriptor", "status")


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
