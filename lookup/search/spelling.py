"""Pick the indexed word nearest a misspelt one (shared by both search backends)."""


def trigrams(word: str) -> set[str]:
    """The word's trigrams padded as pg_trgm pads them: "cat" -> "  c", " ca", "cat", "at "."""
    padded = f"  {word} "
    return {padded[index : index + 3] for index in range(len(padded) - 2)}


def most_similar(word: str, candidates: list[str], count: int) -> list[str]:
    """The `count` candidates sharing the largest part of their trigrams with `word`."""
    wanted = trigrams(word)

    def similarity(candidate: str) -> float:
        theirs = trigrams(candidate)
        return len(wanted & theirs) / len(wanted | theirs)

    return sorted(candidates, key=similarity, reverse=True)[:count]


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
