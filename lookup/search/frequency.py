"""How many descriptors and index terms use each word: rare words weigh more in ranking.

Counted from the catalogue itself (every code's descriptors and inclusion terms, every index
path), once per process and catalogue generation, so an eponym or an organism decides a
ranking before "disease" or "pain" does, whatever the query.
"""

import math
import time
from bisect import bisect_left
from collections import Counter

from ..models import Code, IndexTerm
from ..selectors import catalogue_generation
from ..words import query_words

# A word in this many descriptors and index terms is one of the code sets' words: an
# abbreviation from an outside source is not read into it unless typed in capitals.
COMMON_WORD_USES = 30
# A catalogue this small is recounted at every change (in well under a second); a larger one
# at most this often: counting the full code sets takes a few seconds.
RECOUNT_AT_ONCE = 20_000
RECOUNT_SECONDS = 600
# Words scanned for a prefix's most used completion ("diab" -> diabetes).
COMPLETIONS_SCANNED = 5000
# Completions of a suggestion's last word searched beside it.
COMPLETIONS = 6


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

    def is_common(self, word: str) -> bool:
        """Whether the code sets use `word` as a word, not now and then as an abbreviation
        ("all", "aid" and "mg" are; "ckd" in a few HCPCS descriptors is not)."""
        return self.counts.get(word, 0) >= COMMON_WORD_USES

    def completions(self, prefix: str, count: int = COMPLETIONS) -> list[tuple[str, float]]:
        """The most used words starting with `prefix` ("pa" -> pain, part...), each with
        its use as a share of the first's."""
        start = bisect_left(self.listed, prefix)
        found = []
        for word in self.listed[start : start + COMPLETIONS_SCANNED]:
            if not word.startswith(prefix):
                break
            found.append((self.counts[word], word))
        found = sorted(found, reverse=True)[:count]
        return [(word, used / found[0][0]) for used, word in found]


_current: tuple[str, float, Frequencies] | None = None


def current_frequencies() -> Frequencies:
    """The counts of the catalogue, counted the first time this process needs them and again
    after the catalogue changed: at once while it is small (the demo before an import),
    else at most every RECOUNT_SECONDS, as one edit hardly moves them."""
    global _current
    generation = catalogue_generation()
    now = time.monotonic()
    if _current is None or (
        _current[0] != generation
        and (_current[2].documents < RECOUNT_AT_ONCE or now - _current[1] > RECOUNT_SECONDS)
    ):
        _current = (generation, now, count_documents())
    return _current[2]


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
