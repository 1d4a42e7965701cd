"""English stems, as ranking compares words and the dictionary reads everyday forms."""

import threading
import unicodedata
from functools import lru_cache

import Stemmer

# No cache of its own (maxCacheSize 0): stem() keeps the stems it made, and two caches would
# hold each word twice.
_stemmer = Stemmer.Stemmer("english", 0)
# A stemmer keeps state while it stems a word: one word at a time (the development server
# serves requests in threads).
_stemming = threading.Lock()


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The word's English stem, its accents dropped as both databases' search reads them: a
    coder types "meniere" and "sjogren" for the index's Ménière and Sjögren."""
    with _stemming:
        return _stemmer.stemWord(without_accents(word))


def without_accents(text: str) -> str:
    """`text` with its letters' accents dropped ("ménière" -> "meniere")."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))
