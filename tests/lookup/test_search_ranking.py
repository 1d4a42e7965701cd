"""Case2Code's ranking rules on plain candidates (lookup/search/ranking.py, no database)."""

from lookup.search.ranking import (
    Candidate,
    IndexMatch,
    QueryShape,
    headers_to_open,
    score_codes,
)
from lookup.search.synonyms import WordGroup


def shape(*words: str) -> QueryShape:
    return QueryShape([WordGroup(word, [(word,)]) for word in words])


def candidate(pk: int, code: str, descriptor: str, billable: bool = True) -> Candidate:
    return Candidate(pk, 1, code, "code", billable, "active", descriptor[:100], descriptor, "",
                     "icd-10-cm")  # fmt: skip


def order(query: QueryShape, *codes: Candidate) -> list[str]:
    return [item.code.code for item in score_codes(query, list(codes), [], {}, {})]


def test_a_denied_clause_does_not_say_its_words():
    without = candidate(1, "I25.10", "Atherosclerotic heart disease of native coronary artery "
                                     "without angina pectoris")  # fmt: skip
    with_angina = candidate(2, "I25.119", "Atherosclerotic heart disease of native coronary "
                                          "artery with unspecified angina pectoris")  # fmt: skip
    query = shape("coronary", "artery", "angina")
    assert order(query, without, with_angina) == ["I25.119", "I25.10"]


def test_a_qualifier_the_query_does_not_say_ranks_below_the_plain_condition():
    pathological = candidate(1, "M84.451A", "Pathological fracture, right femur, initial "
                                            "encounter for fracture")  # fmt: skip
    traumatic = candidate(2, "S72.91XA", "Unspecified fracture of right femur, initial "
                                         "encounter for closed fracture")  # fmt: skip
    assert order(shape("right", "femur", "fracture"), pathological, traumatic)[0] == "S72.91XA"
    asked = shape("pathological", "right", "femur", "fracture")
    assert order(asked, pathological, traumatic)[0] == "M84.451A"


def test_the_code_denying_what_is_not_mentioned_is_the_default():
    relapse = candidate(1, "C92.12", "Chronic myeloid leukemia, BCR/ABL-positive, in relapse")
    default = candidate(2, "C92.10", "Chronic myeloid leukemia, BCR/ABL-positive, not having "
                                     "achieved remission")  # fmt: skip
    remission = candidate(3, "C92.11", "Chronic myeloid leukemia, BCR/ABL-positive, in "
                                       "remission")  # fmt: skip
    query = shape("chronic", "myeloid", "leukemia")
    assert order(query, relapse, remission, default)[0] == "C92.10"


def test_a_side_opens_the_siblings_of_the_index_code_for_an_unspecified_side():
    unspecified = candidate(7, "I82.409", "Acute embolism and thrombosis of unspecified deep "
                                          "veins of unspecified lower extremity")  # fmt: skip
    path = "Thrombosis \u203a vein \u203a deep"
    match = IndexMatch(1, 7, path, "", 1, 3.0, 1.0, 0.0, 1.0, [(1.0, 0)])
    opened = headers_to_open(shape("dvt", "right", "leg"), [match], {7: unspecified})
    assert [(each.code, each.pk, each.billable) for each in opened] == [("I82.40", 7, False)]
    # With no side named, the index's own code stands: a billable code opens nothing.
    assert headers_to_open(shape("dvt", "leg"), [match], {7: unspecified}) == []
