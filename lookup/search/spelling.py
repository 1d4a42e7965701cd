"""Correct a misspelt word to the nearest indexed word (on either database).

The indexed words (every word of a descriptor, inclusion term or index term) are read into
each process once per catalogue generation (imports and admin saves renew it,
lookup.selectors.catalogue_changed), and at least every VOCABULARY_SECONDS where processes
do not share a cache: whether a word is known and which words are near it then cost
no query. A word the list lacks is looked up in the database before it is corrected, so a
list older than the catalogue never corrects a word that is there.
"""

import time
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable

from django.conf import settings

from ..selectors import catalogue_generation
from .stemming import without_accents

# Candidates for a misspelt word handed to the edit-distance check, most trigrams shared first.
SIMILAR_WORDS = 50
# Without a shared cache (Redis) a process re-reads the word list at least this often
# (seconds): another process's import does not renew this one's catalogue generation.
VOCABULARY_SECONDS = 60


def trigrams(word: str) -> set[str]:
    """The word's trigrams padded as pg_trgm pads them: "cat" -> "  c", " ca", "cat", "at "."""
    padded = f"  {word} "
    return {padded[index : index + 3] for index in range(len(padded) - 2)}


class Vocabulary:
    """The indexed words, and for finding near ones, which words hold each trigram.

    The trigram lists are kept per first letter (a typo in the first letter is not
    corrected, as before): a misspelt word counts shared trigrams over a few hundred
    entries instead of comparing itself with thousands of words.
    """

    def __init__(self, words: Iterable[str]):
        self.words = frozenset(words)
        # Words written with accents, by their letters without ("meniere": ménière): where
        # the database's word list keeps the accents (PostgreSQL), a coder types them without.
        self.accented = {without_accents(word): word for word in self.words if not word.isascii()}
        self._listed: list[str] | None = None
        # Which words hold each first letter + trigram: the key's slot in `_slots`, its word
        # numbers `_numbers[_bounds[slot]:_bounds[slot + 1]]`. One flat array, not an array
        # per key: ~44,000 small arrays were objects every full garbage collection walked.
        self._slots: dict[str, int] = {}
        self._bounds = array("I", [0])
        self._numbers = array("I")
        self._sizes = array("H")

    def similar(self, word: str, count: int = SIMILAR_WORDS) -> list[str]:
        """Indexed words of similar length and the same first letter, most trigrams shared
        (as pg_trgm's similarity() counts them) first."""
        if self._listed is None:
            self._build_postings()
        wanted = trigrams(word)
        shared: Counter[int] = Counter()
        for gram in wanted:
            slot = self._slots.get(word[0] + gram)
            if slot is not None:
                shared.update(self._numbers[self._bounds[slot] : self._bounds[slot + 1]])
        lengths = range(len(word) - 2, len(word) + 3)
        scored = [
            (hits / (len(wanted) + self._sizes[number] - hits), self._listed[number])
            for number, hits in shared.items()
            if len(self._listed[number]) in lengths
        ]
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        return [candidate for _, candidate in scored[:count]]

    def starts_any(self, prefix: str) -> bool:
        """Whether some indexed word starts with `prefix` (or is it)."""
        if self._listed is None:
            self._build_postings()
        at = bisect_left(self._listed, prefix)
        return at < len(self._listed) and self._listed[at].startswith(prefix)

    def split(self, word: str) -> tuple[str, str] | None:
        """Two indexed words of three letters or more that `word` runs together, the longer
        first part first ("preeclampsia" -> pre, eclampsia), or None."""
        for at in range(len(word) - 3, 2, -1):
            if word[:at] in self.words and word[at:] in self.words:
                return word[:at], word[at:]
        return None

    def _build_postings(self) -> None:
        listed = sorted(self.words)
        postings: dict[str, list[int]] = {}
        for number, word in enumerate(listed):
            grams = trigrams(word)
            self._sizes.append(min(len(grams), 65_535))
            for gram in grams:
                postings.setdefault(word[0] + gram, []).append(number)
        for key, numbers in postings.items():
            self._slots[key] = len(self._bounds) - 1
            self._numbers.extend(numbers)
            self._bounds.append(len(self._numbers))
        self._listed = listed


_current: tuple[str, float, Vocabulary] | None = None


def current_vocabulary(read_words, generation: str | None = None) -> Vocabulary:
    """The vocabulary of the catalogue's current generation (`generation`, when the caller
    has read it), read with `read_words()` (the database's word list) the first time this
    process needs it."""
    global _current
    generation = generation or catalogue_generation()
    now = time.monotonic()
    # With a shared cache every process sees a change's generation at once: the list is
    # re-read only then, not every minute in each process (a search paused ~0.5 s for it).
    expired = _current is None or (
        not settings.REDIS_URL and now - _current[1] > VOCABULARY_SECONDS
    )
    if expired or _current[0] != generation:
        _current = (generation, now, Vocabulary(read_words()))
    return _current[2]


def edit_distance(left: str, right: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, swaps."""
    previous_row = None
    row = list(range(len(right) + 1))
    for i, left_char in enumerate(left, start=1):
        before, previous_row, row = previous_row, row, [i] + [0] * len(right)
        for j, right_char in enumerate(right, start=1):
            cost = left_char != right_char
            row[j] = min(previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + cost)
            if (
                before is not None
                and j > 1
                and left_char == right[j - 2]
                and left[i - 2] == right_char
            ):
                row[j] = min(row[j], before[j - 2] + 1)
    return row[-1]


def closest_words(word: str, candidates: list[str]) -> list[str]:
    """The candidates nearest `word`, all at the same distance: within one edit (short words)
    or two; empty when none is that near."""
    allowed = 1 if len(word) <= 4 else 2
    nearest, best_distance = [], allowed + 1
    for candidate in candidates:
        if abs(len(candidate) - len(word)) > allowed:
            continue
        distance = edit_distance(word, candidate)
        if distance < best_distance:
            nearest, best_distance = [candidate], distance
        elif distance == best_distance:
            nearest.append(candidate)
    return nearest
