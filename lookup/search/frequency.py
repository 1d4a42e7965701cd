"""How many descriptors and index terms use each word: rare words weigh more in ranking.

Counted from the catalogue itself (every code's descriptors and inclusion terms, every index
path), so an eponym or an organism decides a ranking before "disease" or "pain" does,
whatever the query. Counting the full code sets takes a few seconds: an import counts them
once after it is committed and keeps them in the shared cache with the catalogue generation
they hold for, and each process reads that copy (one cache get) rather than counting. Without
Redis, no change is published to the other processes: each compares, every minute, the number
of documents with the database's, since another process's import may go unseen.
"""

import math
import time
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django_tasks import task

from ..models import Code, IndexTerm
from ..selectors import HELD_WITHOUT_SHARED_CACHE_SECONDS, catalogue_generation
from ..words import query_words

# A word in this many descriptors and index terms is one of the code sets' words: an
# abbreviation from an outside source is not read into it unless typed in capitals.
COMMON_WORD_USES = 30
# A catalogue this small is recounted at every change (in well under a second); a larger
# one's counts are kept through edits for this long, then recounted by the task queue: one
# edit hardly moves them.
RECOUNT_AT_ONCE = 20_000
RECOUNT_SECONDS = 600
# How often a process holding counts of an older generation looks for newer ones.
RECHECK_SECONDS = 60
STORED_KEY = "search-word-frequencies"
RECOUNT_QUEUED_KEY = "search-word-frequencies-recount-queued"
# Words scanned for a prefix's most used completion ("diab" -> diabetes).
COMPLETIONS_SCANNED = 5000
# Completions of a suggestion's last word searched beside it.
COMPLETIONS = 6


class Frequencies:
    """Document counts of the catalogue's words, and the weights ranking gives them."""

    def __init__(self, counts: dict[str, int], documents: int, listed: list[str] | None = None):
        self.counts = counts
        self.documents = max(documents, 1)
        self.listed = listed if listed is not None else sorted(counts)

    def weight(self, word: str) -> float:
        """1 for a word in most documents, more the rarer it is (log of its inverse share)."""
        used = max(self.counts.get(word, 0), 1)
        return 1.0 + math.log(max(self.documents / used, 1.0))

    def is_common(self, word: str) -> bool:
        """Whether the code sets use `word` as a word, not now and then as an abbreviation
        ("all", "aid" and "mg" are; "ckd" in a few HCPCS descriptors is not)."""
        return self.counts.get(word, 0) >= COMMON_WORD_USES

    def is_known(self, word: str) -> bool:
        """Whether any descriptor or index term uses `word`."""
        return word in self.counts

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


@dataclass(frozen=True)
class StoredCounts:
    """The counts as the shared cache keeps them: the words in order and their uses."""

    generation: str
    counted_at: float  # time.time(), shared by every process
    words: list[str]
    uses: list[int]
    documents: int

    def frequencies(self) -> Frequencies:
        counts = dict(zip(self.words, self.uses, strict=True))
        return Frequencies(counts, self.documents, self.words)


# This process's counts: (the generation they hold for, when read, the counts).
_held: tuple[str, float, Frequencies] | None = None


def current_frequencies(generation: str | None = None) -> Frequencies:
    """The catalogue's counts, read from the shared cache the first time this process needs
    them and after the catalogue changed; counted here only when no process has counted
    them yet, or the catalogue is small (the demo before an import). `generation`, the
    catalogue's, when the caller has read it already."""
    global _held
    generation = generation or catalogue_generation()
    now = time.monotonic()
    if (
        _held is not None
        and not settings.REDIS_URL
        and now - _held[1] > HELD_WITHOUT_SHARED_CACHE_SECONDS
    ):
        # Without a shared cache another process's import (make run's background load) does
        # not renew this process's generation: the number of documents tells it instead.
        if document_count() == _held[2].documents:
            _held = (_held[0], now, _held[2])
        else:
            stored = store_frequencies()
            _held = (stored.generation, now, stored.frequencies())
    if _held is not None and (
        _held[0] == generation
        or (_held[2].documents >= RECOUNT_AT_ONCE and now - _held[1] < RECHECK_SECONDS)
    ):
        return _held[2]
    stored = cache.get(STORED_KEY)
    if stored is None or (stored.generation != generation and stored.documents < RECOUNT_AT_ONCE):
        # Stored with the generation read now: the caller's may be older than a change
        # this process has just published, which would label fresh counts stale.
        stored = store_frequencies()
    elif (
        stored.generation != generation
        and time.time() - stored.counted_at > RECOUNT_SECONDS
        and cache.add(RECOUNT_QUEUED_KEY, True, timeout=RECOUNT_SECONDS)
    ):
        recount_frequencies.enqueue()
    _held = (stored.generation, now, stored.frequencies())
    return _held[2]


def store_frequencies(generation: str | None = None) -> StoredCounts:
    """Count the catalogue's words and keep the counts in the shared cache for `generation`
    (the current one if not given, read before counting so a change meanwhile shows)."""
    generation = generation or catalogue_generation()
    frequencies = count_documents()
    stored = StoredCounts(
        generation,
        time.time(),
        frequencies.listed,
        [frequencies.counts[word] for word in frequencies.listed],
        frequencies.documents,
    )
    cache.set(STORED_KEY, stored, timeout=None)
    cache.delete(RECOUNT_QUEUED_KEY)
    return stored


@task()
def recount_frequencies() -> None:
    """Recount the words after edits to a large catalogue, off the request that noticed."""
    store_frequencies()


def document_count() -> int:
    """How many documents count_documents would count: every code and every index term."""
    return Code.objects.count() + IndexTerm.objects.count()


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
    return Frequencies(dict(counts), documents)
