"""How many descriptors and index terms use each word: rare words weigh more in ranking.

Counted from the catalogue itself (every code's descriptors and inclusion terms, every index
path), once per process and catalogue generation, so an eponym or an organism decides a
ranking before "disease" or "pain" does, whatever the query.
"""

import math
from bisect import bisect_left
from collections import Counter

from ..models import Code, IndexTerm
from ..selectors import catalogue_generation
from ..words import query_words

# A word typed but used nowhere weighs as one used once: it is rare, not decisive alone.
# Words scanned for a prefix's most used completion ("diab" -> diabetes).
COMPLETIONS_SCANNED = 5000


class Frequencies:
    """Document counts of the catalogue's words, and the weights ranking gives them."""

    def __init__(self, counts: Counter, documents: int):
        self.counts = counts
        self.documents = max(documents, 1)
        self.listed = sorted(counts)

    def weight(self, word: str) -> float:
        """1 for a word in most documents, more the rarer it is (log of its inverse share)."""
        used = max(self.counts.get(word, 0), 1)
        return 1.0 + math.log(max(self.documents / used, 1.0))

    def completion(self, prefix: str) -> str:
        """The most used word starting with `prefix` ("pa" -> "pain"); the prefix if none."""
        best, best_count = prefix, 0
        start = bisect_left(self.listed, prefix)
        for word in self.listed[start : start + COMPLETIONS_SCANNED]:
            if not word.startswith(prefix):
                break
            if self.counts[word] > best_count:
                best, best_count = word, self.counts[word]
        return best


_current: tuple[str, Frequencies] | None = None


def current_frequencies() -> Frequencies:
    """The counts of the catalogue's current generation, counted the first time this process
    needs them after it changed."""
    global _current
    generation = catalogue_generation()
    if _current is None or _current[0] != generation:
        _current = (generation, count_documents())
    return _current[1]


def count_documents() -> Frequencies:
    counts: Counter = Counter()
    documents = 0
    texts = Code.objects.values_list("short_descriptor", "long_descriptor", "search_terms")
    for short, long, terms in texts.iterator(chunk_size=5000):
        counts.update(set(query_words(f"{short} {long} {terms}", limit=None)))
        documents += 1
    for path in IndexTerm.objects.values_list("path", flat=True).iterator(chunk_size=5000):
        counts.update(set(query_words(path, limit=None)))
        documents += 1
    return Frequencies(counts, documents)
