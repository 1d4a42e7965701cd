"""The full-text expressions both backends send for index terms (each in its own syntax)."""

from collections.abc import Callable, Iterator
from itertools import combinations

Groups = list[list[tuple[str, ...]]]

# Letters of a suggestion's last word (a prefix) from which it is looked up in the index on
# its own: "si" or "c" would match thousands of index words, which all get ranked.
SUGGEST_INDEX_FROM = 4


def index_expressions(
    groups: Groups, prefix_last: bool, build: Callable[..., str], either: str
) -> Iterator[str]:
    """Expressions to try in turn: index terms with any two of the query's groups, then (if
    none has two) with any word at all (but a suggestion's short last word).

    A path that shares a single word with a query of several ("injury" in "injury left hand")
    is rarely the one wanted, and there are thousands of them: asking for two keeps the rows
    ranked few. `build(groups, prefix_last, every)` writes the backend's syntax; `either` is its
    OR operator.
    """
    last = len(groups) - 1
    if len(groups) > 1:
        pairs = [
            f"({build([groups[first], groups[second]], prefix_last and second == last)})"
            for first, second in combinations(range(len(groups)), 2)
        ]
        yield either.join(pairs)
    short_last = len(groups[-1]) == 1 and len(groups[-1][0][-1]) < SUGGEST_INDEX_FROM
    if prefix_last and len(groups) > 1 and short_last:
        # "sciatica si": the paths saying "sciatica"; ranking still reads the prefix.
        groups, prefix_last = groups[:-1], False
    yield build(groups, prefix_last, every=False)
