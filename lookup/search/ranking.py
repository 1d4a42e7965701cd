"""How Case2Code orders what the index and the descriptors found (plain functions, no queries).

A code scores by the Alphabetic Index path that leads to it (how much of the query the path
covers, and how much of the path the query covers), by how much of the query its own
descriptor says, and by whether a coder can report it:

- the index's code for a bare term comes first ("Shingles" -> B02.9);
- a path that leads to a header hands the query's other words to the header's codes:
  "abscess left arm" follows Abscess > arm to L02.41- and "left" picks L02.414;
- a billable code ranks above its header; among equals an "unspecified" code (what a coder
  reports when nothing more is known) and then code order come first.
"""

import re
from dataclasses import dataclass, field, replace

from ..words import query_words
from .stemming import stem
from .synonyms import WordGroup, content_words

# Weights of the parts of a score (see score_codes).
QUERY_COVERED_WEIGHT = 2.0
PATH_COVERED_WEIGHT = 1.5
INDEX_BONUS = 0.5
DESCRIPTOR_WEIGHT = 0.3
INCLUSION_TERMS_SHARE = 0.8  # words found only in inclusion terms count a little less
HEAD_WORD_BONUS = 0.2  # the descriptor starts with a query word: "Walker, rigid", "Gout..."
BILLABLE_BONUS = 0.4
UNSPECIFIED_BONUS = 0.1
UNASKED_SIDE_PENALTY = 0.2  # "right", "left", "bilateral" when the query names no side
LATER_ENCOUNTER_PENALTY = 0.2  # 7th character D, S...: the initial encounter (A) first
SEE_ALSO_PENALTY = 0.3
# A suggestion's last word read as a completion: the most used one first ("pa": pain).
COMPLETION_WEIGHT = 0.3
# An index entry saying the whole query and nothing else ("Necrosis, avascular").
WHOLE_ENTRY_BONUS = 0.3
TEXT_RANK_BONUS = 0.15  # the database's own ranking, as a tie-breaker
# The code says the query's rarest word, by far its most distinctive ("Dupuytren" beside
# "contracture"): it ranks above codes saying only the common ones.
RAREST_WORD_BONUS = 0.3
# A reportable code's descriptor says the query's words and no others, as a coder copies it
# from the tabular list ("age-related osteoporosis without current pathological fracture"), its
# denied clauses included.
WHOLE_DESCRIPTOR_BONUS = 0.6
# The code states what the query denies ("with current pathological fracture" for a query
# "without" one).
DENIAL_CONTRADICTED_PENALTY = 1.0
# Words that deny what follows them in a query.
QUERY_NEGATIONS = frozenset(["without", "no", "not", "w/o"])
# A word's weight above the next to be the rarest: used at least five times less (the
# weights are logarithms of rarity, frequency.py).
RAREST_WORD_MARGIN = 1.6
# Words found as typed, not only by stem: English stemming makes "sinusitis" "sinus".
EXACT_WORDS_BONUS = 0.1
SIDES = frozenset(["right", "left", "bilater"])  # stemmed
# What a descriptor says that changes the condition, which a coder reports only when the
# record says it ("Pathological fracture", "in remission", "complicating pregnancy",
# "Family history", "Encounter for screening"): codes saying one the query does not rank
# below the plain condition.
QUALIFIER_WORDS = ["pathological", "periprosthetic", "stress", "osteoporotic", "nonunion",
                   "malunion", "remission", "intractable", "recurrent", "induced",
                   "secondary", "pregnancy", "puerperium", "childbirth", "newborn", "neonatal",
                   "perinatal", "family", "screening", "carrier", "exposure",
                   "atypical", "implant", "prosthesis", "prosthetic",
                   # Supplies for a dialysis patient (A4772 test strips), not a home user's.
                   "dialysis"]  # fmt: skip
UNASKED_QUALIFIER_PENALTY = 0.3
# A clause a descriptor denies: "without angina pectoris", "not having achieved remission".
NEGATED_CLAUSE = re.compile(r"\b(?:without|not|w/o)\b[^,;(]*", re.IGNORECASE)
# An ICD-10-CM code that denies what the query does not mention is the one a coder reports
# when the record says nothing more ("without complications", "not intractable").
DENIED_DEFAULT_BONUS = 0.1
# "of unspecified lower leg": a code for when no side is known, whose siblings name one.
UNSPECIFIED_SITE = re.compile(r"(?:\bof|,) unspecified [a-z]", re.IGNORECASE)
# Between an index path's terms, as the index import writes it (importers/icd10cm_index.py).
PATH_SEPARATOR = " \u203a "
# Index paths followed for a query, best first; their headers' codes are read.
INDEX_MATCHES = 12
HEADERS_OPENED = 4


def stems(words) -> frozenset[str]:
    return frozenset(stem(word) for word in words)


QUALIFIERS = stems(QUALIFIER_WORDS)


def text_stems(text: str) -> frozenset[str]:
    """The stems of a descriptor's words."""
    return stems(text_words(text))


def text_words(text: str) -> frozenset[str]:
    return frozenset(_words(text))


def content_stems(text: str) -> frozenset[str]:
    """The stems of a descriptor's words but the words that tie a phrase together."""
    return stems(content_words(_words(text)))


def asserted_stems(text: str) -> frozenset[str]:
    """The stems of what a descriptor says, leaving out the clauses it denies
    ("... without angina pectoris" does not say angina)."""
    return text_stems(NEGATED_CLAUSE.sub(" ", text))


def denied_stems(text: str) -> frozenset[str]:
    """The stems of the clauses a descriptor denies ("without angina pectoris")."""
    return frozenset().union(*(text_stems(clause) for clause in NEGATED_CLAUSE.findall(text)))


@dataclass
class Candidate:
    """A code as ranking reads it (read with values_list: no model instance per candidate)."""

    FIELDS = ("pk", "system_id", "code", "level", "billable", "status", "short_descriptor",
              "long_descriptor", "search_terms", "system__slug")  # fmt: skip

    pk: int
    system_id: int
    code: str
    level: str
    billable: bool
    status: str
    short_descriptor: str
    long_descriptor: str
    search_terms: str
    system_slug: str


@dataclass
class QueryShape:
    """The query's groups as stem sets, ready to compare with paths and descriptors."""

    groups: list[WordGroup]
    # Per group, how much it decides (rare words more: frequency.py); equal when not given.
    weights: list[float] | None = None
    alternatives: list[list[frozenset[str]]] = field(init=False)
    all_stems: frozenset[str] = field(init=False)

    def __post_init__(self):
        if not self.weights or len(self.weights) != len(self.groups):
            self.weights = [1.0] * len(self.groups)
        self.alternatives = [[stems(each) for each in group.alternatives] for group in self.groups]
        self.all_stems = frozenset().union(*(s for group in self.alternatives for s in group))
        self.all_words = frozenset(
            word
            for group in self.groups
            for alternative in group.alternatives
            for word in alternative
        )
        self.typed_words = frozenset(
            word for group in self.groups for word in group.alternatives[0]
        )
        self.typed_stems = stems(self.typed_words)
        typed = [word for group in self.groups for word in group.alternatives[0]]
        negated_at = next(
            (index for index, word in enumerate(typed) if word in QUERY_NEGATIONS), None
        )
        # What the query denies: its words after "without" ("without current fracture").
        self.denied = stems(typed[negated_at + 1 :]) if negated_at is not None else frozenset()
        # The group whose word is far rarer than the others', if one is.
        ordered = sorted(range(len(self.weights)), key=lambda number: -self.weights[number])
        self.rarest = (
            ordered[0]
            if len(ordered) > 1
            and self.weights[ordered[0]] - self.weights[ordered[1]] >= RAREST_WORD_MARGIN
            else None
        )

    def mean(self, shares: list[float]) -> float:
        """The groups' shares averaged by their weights: a rare word found counts more."""
        return sum(w * share for w, share in zip(self.weights, shares, strict=True)) / sum(
            self.weights
        )

    def exact_share(self, words: frozenset[str]) -> float:
        """The share of the typed words found as typed in `words`."""
        return len(self.typed_words & words) / len(self.typed_words) if self.typed_words else 0.0

    def coverage(self, words: frozenset[str]) -> list[tuple[float, int]]:
        """Per group: the share of its best alternative found in `words`, and which one."""
        covered = []
        for alternatives in self.alternatives:
            best, which = 0.0, 0
            for index, alternative in enumerate(alternatives):
                share = len(alternative & words) / len(alternative) if alternative else 0.0
                if share > best:
                    best, which = share, index
            covered.append((best, which))
        return covered


@dataclass
class IndexMatch:
    """An index path that matches the query, and what it leaves to the tabular list."""

    term_id: int
    code_id: int
    path: str
    reference: str
    position: int
    score: float
    path_share: float  # how much of the path the query names
    penalty: float
    exact_share: float  # how much of the query the path has as typed
    group_coverage: list[tuple[float, int]]  # per query group: share covered, alternative

    @property
    def shown(self) -> str:
        reference = f" ({self.reference})" if self.reference else ""
        return f"Index: {self.path}{reference}"


def path_components(terms: str) -> list[list[frozenset[str]]]:
    """ "calculus / calculi | kidney" -> [[{calculus}, {calculi}], [{kidney}]] (stemmed)."""
    components = []
    for component in terms.split(" | "):
        spellings = [stems(spelling.split()) for spelling in component.split(" / ")]
        spellings = [spelling for spelling in spellings if spelling]
        if spellings:
            components.append(spellings)
    return components


def path_words(terms: str) -> frozenset[str]:
    return frozenset().union(*(s for spellings in path_components(terms) for s in spellings))


def index_matches(shape: QueryShape, rows: list[tuple]) -> list[IndexMatch]:
    """Score index rows (id, code id, path, reference, terms, modifiers, position), best first.

    A path counts only when the query names its main term (the condition a coder looks up).
    """
    matches = []
    for term_id, code_id, path, reference, terms, modifiers, position in rows:
        components = path_components(terms)
        if not components or not any(spelling <= shape.all_stems for spelling in components[0]):
            continue
        coverage = shape.coverage(path_words(terms) | text_stems(modifiers))
        query_share = shape.mean([share for share, _ in coverage])
        path_share = sum(
            any(spelling <= shape.all_stems for spelling in spellings) for spellings in components
        ) / len(components)
        penalty = SEE_ALSO_PENALTY if reference.startswith("see also") else 0.0
        exact = shape.exact_share(text_words(terms) | text_words(modifiers))
        score = QUERY_COVERED_WEIGHT * query_share + PATH_COVERED_WEIGHT * path_share - penalty
        if query_share == 1.0 and path_share == 1.0:
            score += WHOLE_ENTRY_BONUS
        score += EXACT_WORDS_BONUS * exact
        matches.append(
            IndexMatch(
                term_id,
                code_id,
                path,
                reference,
                position,
                score,
                path_share,
                penalty,
                exact,
                coverage,
            )
        )
    followed_references(matches)
    matches.sort(key=lambda match: (-match.score, match.position))
    best: dict[int, IndexMatch] = {}
    for match in matches:
        best.setdefault(match.code_id, match)
        if len(best) == INDEX_MATCHES:
            break
    return list(best.values())


def followed_references(matches: list[IndexMatch]) -> None:
    """A path that sends the coder elsewhere ("Pain > toe: see Pain, limb, lower") scores for
    the entry it sends to, when that entry lists the same term ("Pain > limb > lower > toe",
    M79.67-), as a coder follows it: not for the header it names (M79.60-, whose codes are
    the arms and legs)."""
    by_path = {match.path: match for match in matches}
    for match in matches:
        if not match.reference.startswith("see ") or match.reference.startswith("see also"):
            continue
        target = match.reference.removeprefix("see ").split(", ")
        last_term = match.path.split(PATH_SEPARATOR)[-1]
        followed = by_path.get(PATH_SEPARATOR.join([*target, last_term]))
        if followed is not None and followed.score < match.score:
            for name in ("score", "path_share", "exact_share", "group_coverage"):
                ours, theirs = getattr(match, name), getattr(followed, name)
                setattr(followed, name, ours)
                setattr(match, name, theirs)


def unasked_qualifiers(shape: QueryShape) -> list[str]:
    """The qualifying words the query does not say: index paths through them ("Fracture >
    pathological > femur") are not read, as a coder would not follow them."""
    return [word for word in QUALIFIER_WORDS if stem(word) not in shape.all_stems]


def headers_to_open(shape: QueryShape, matches: list[IndexMatch], codes: dict) -> list:
    """The codes whose billable codes are read and ranked with the index path that led to
    them: headers the best paths lead to ("Abscess > arm" -> L02.41-), and, when the query
    names a side, the parent of a code for an unspecified one, so that the side picks its
    sibling ("DVT right leg": I82.409 ... of unspecified lower extremity -> I82.401)."""
    asks_side = bool(shape.all_stems & SIDES)
    opened: list[Candidate] = []
    for match in matches:
        code = codes.get(match.code_id)
        if code is None:
            continue
        if asks_side and code.level == "code" and UNSPECIFIED_SITE.search(code.long_descriptor):
            # The same branch one level up, as a code prefix ("I82.409" -> "I82.40").
            opened.append(replace(code, code=code.code[:-1].rstrip(".X"), billable=False))
        elif not code.billable:
            opened.append(code)
        if len(opened) == HEADERS_OPENED:
            break
    return opened


@dataclass
class Scored:
    code: object  # a Candidate while ranking, then the Code shown
    score: float
    reasons: list[str]


def score_codes(
    shape: QueryShape,
    codes: list,
    matches: list[IndexMatch],
    text_ranks: dict[int, int],
    header_of: dict[int, int],
) -> list[Scored]:
    """Score each candidate code, best first.

    What the query says counts once per group, found in the index path leading to the code
    (or its header), in its descriptors or in its inclusion terms. A path adds how much of it
    the query names, in proportion to how much of the query it covers: a path that covers
    half the query counts half. `header_of` maps a code reached through a header the index
    leads to onto that header; `text_ranks` is the descriptor search's own order.
    """
    match_of = {match.code_id: match for match in matches}
    asks_side = bool(shape.all_stems & SIDES)
    scored = []
    for code in codes:
        own_words = asserted_stems(code.long_descriptor) | asserted_stems(code.short_descriptor)
        if shape.denied:
            # "... without current pathological fracture": a code denying what the query
            # denies says it; one stating it says the opposite.
            contradicted = bool(own_words & shape.denied)
            own_words |= denied_stems(code.long_descriptor) & shape.denied
            if contradicted and not denied_stems(code.long_descriptor) & shape.denied:
                score_penalty = DENIAL_CONTRADICTED_PENALTY
            else:
                score_penalty = 0.0
        else:
            score_penalty = 0.0
        own = shape.coverage(own_words)
        extra = shape.coverage(own_words | asserted_stems(code.search_terms))
        best = [
            max(mine, INCLUSION_TERMS_SHARE * wider)
            for (mine, _), (wider, _) in zip(own, extra, strict=True)
        ]
        score = DESCRIPTOR_WEIGHT * shape.mean(best)
        reasons: list[str] = []
        used = [which for _, which in own]
        match = max(
            filter(None, [match_of.get(code.pk), match_of.get(header_of.get(code.pk, -1))]),
            key=lambda each: each.score,
            default=None,
        )
        if match is not None:
            score += EXACT_WORDS_BONUS * match.exact_share
            path_query_share = shape.mean([share for share, _ in match.group_coverage])
            score += path_query_share * (
                PATH_COVERED_WEIGHT * match.path_share + INDEX_BONUS - match.penalty
            )
            used = [
                path_which if path_share >= mine else own_which
                for (path_share, path_which), mine, (_, own_which) in zip(
                    match.group_coverage, best, own, strict=True
                )
            ]
            best = [
                max(mine, path) for mine, (path, _) in zip(best, match.group_coverage, strict=True)
            ]
            reasons.append(match.shown)
        score += QUERY_COVERED_WEIGHT * shape.mean(best)
        if shape.rarest is not None and best[shape.rarest] == 1.0:
            score += RAREST_WORD_BONUS
        reportable = code.level == "code" and code.billable
        if reportable and shape.typed_stems in (
            content_stems(code.long_descriptor),
            content_stems(code.short_descriptor),
        ):
            score += WHOLE_DESCRIPTOR_BONUS
        head = _words(code.long_descriptor)[:1]
        if head and stem(head[0]) in shape.all_stems:
            score += HEAD_WORD_BONUS
        if code.level == "code" and code.billable:
            score += BILLABLE_BONUS
            descriptor = code.long_descriptor.lower()
            if "unspecified" in descriptor or "not otherwise specified" in descriptor:
                score += UNSPECIFIED_BONUS
            # An ICD-10-CM convention; in HCPCS "without wheels" is another product.
            denied = denied_stems(code.long_descriptor) - {"without", "not", "w"}
            if code.system_slug == "icd-10-cm" and denied and not denied & shape.all_stems:
                score += DENIED_DEFAULT_BONUS
        score -= score_penalty
        if not asks_side and own_words & SIDES:
            score -= UNASKED_SIDE_PENALTY
        if (own_words & QUALIFIERS) - shape.all_stems:
            score -= UNASKED_QUALIFIER_PENALTY
        if len(code.code) == 8 and code.code[-1].isalpha() and code.code[-1] != "A":
            score -= LATER_ENCOUNTER_PENALTY
        if code.pk in text_ranks:
            score += TEXT_RANK_BONUS / (1 + text_ranks[code.pk] / 10)
        for group, which in zip(shape.groups, used, strict=True):
            score += COMPLETION_WEIGHT * group.completion_shares.get(group.alternatives[which], 0)
            meaning = group.meanings.get(group.alternatives[which]) if which else None
            if meaning and meaning not in reasons:
                reasons.append(meaning)
        scored.append(Scored(code, score, reasons))
    scored.sort(key=lambda item: (item.code.status == "deleted", -item.score, item.code.code))
    return scored


def _words(text: str) -> list[str]:
    return query_words(text or "", limit=None)
