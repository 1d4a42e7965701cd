"""The word rule of search: how a query, a dictionary term or a descriptor splits into words.

Its own module so that the models (which store dictionary terms as queries read them) and
search (which reads them) share the rule without importing each other.
"""

import re

WORD = re.compile(r"[^\W_]+")
# A query of at most this many words is searched; more words rarely describe one code.
MAX_WORDS = 12


def query_words(query: str, limit: int | None = MAX_WORDS) -> list[str]:
    """Lower-case words of the query: quotes, operators and punctuation are dropped."""
    return WORD.findall(query.lower())[:limit]


def normalised_term(text: str) -> str:
    """A dictionary term as queries are read: lower case, letters and digits, single spaces
    ("Lou Gehrig's" -> "lou gehrig s")."""
    return " ".join(query_words(text, limit=None))
