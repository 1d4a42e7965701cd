"""English stems, as ranking compares words and the dictionary reads everyday forms."""

from functools import lru_cache

import snowballstemmer

_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)
