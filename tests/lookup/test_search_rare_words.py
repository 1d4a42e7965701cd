"""Issue 25: a query's rare words decide its ranking, on SQLite as on PostgreSQL (queries
written for these tests, none from an evaluation set)."""

import re

import pytest

from lookup.models import Code, IndexTerm
from lookup.search.ranking import Candidate, IndexMatch, QueryShape, score_codes
from lookup.search.synonyms import WordGroup, load_seed_synonyms
from lookup.words import query_words
from tests.lookup.conftest import make_titled_icd_codes

ICD = {
    "H81.01": ("Ménière's disease, right ear", ""),
    "H81.02": ("Ménière's disease, left ear", ""),
    "H93.91": ("Unspecified disorder of right ear", ""),
    "H83.91": ("Unspecified disease of right inner ear", ""),
    "M35.00": ("Sjögren syndrome, unspecified", ""),
    "M35.9": ("Systemic involvement of connective tissue, unspecified", ""),
    "M72.0": ("Palmar fascial fibromatosis [Dupuytren]", ""),
    "M24.541": ("Contracture, right hand", ""),
    "M62.441": ("Contracture of muscle, right hand", ""),
    "M92.521": (
        "Juvenile osteochondrosis of tibia tubercle, right leg",
        "Osgood-Schlatter disease",
    ),
    "M22.91": ("Unspecified disorder of patella, right knee", ""),
    "M23.91": ("Unspecified internal derangement of right knee", ""),
    "I31.9": ("Disease of pericardium, unspecified", ""),
    "D75.9": ("Disease of blood and blood-forming organs, unspecified", ""),
    "F41.9": ("Anxiety disorder, unspecified", ""),
}
# Index paths as the importer writes them: (components, the code it leads to, as indexed).
INDEX = [
    (["Ménière's disease", "syndrome or vertigo"], "H81.01", "H81.0-"),
    (["Disease", "ear"], "H93.91", "H93.9-"),
    (["Disease", "ear", "inner"], "H83.91", "H83.9-"),
    (["Syndrome", "Sjögren"], "M35.00", "M35.00"),
    (["Contracture", "hand"], "M24.541", "M24.54-"),
    (["Contracture", "muscle", "hand"], "M62.441", "M62.44-"),
    (["Disorder", "anxiety"], "F41.9", "F41.9"),
    (["Disorder", "blood"], "D75.9", "D75.9"),
]


@pytest.fixture
def catalogue(db):
    make_titled_icd_codes(ICD, billable=True)
    for position, (components, code, index_code) in enumerate(INDEX, start=1):
        IndexTerm.objects.create(
            code=Code.objects.get(code=code),
            source=IndexTerm.Source.MAIN,
            path=" \u203a ".join(components),
            index_code=index_code,
            terms=" | ".join(" ".join(query_words(each)) for each in components),
            position=position,
        )
    load_seed_synonyms()


def first_three(client, query: str) -> list[str]:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    return re.findall(r'class="code-list__code">[^<]* ([A-Z0-9.]+)</span>', page)[:3]


def test_an_eponym_typed_without_its_accents_finds_its_code(client, catalogue):
    assert first_three(client, "meniere disease right ear")[0] == "H81.01"
    assert first_three(client, "sjogren syndrome")[0] == "M35.00"


def test_an_eponym_typed_with_its_accents_still_finds_its_code(client, catalogue):
    assert first_three(client, "Ménière disease left ear")[0] == "H81.02"


def test_the_rare_word_decides_when_no_code_says_every_word(client, catalogue):
    # No descriptor says "dupuytren", "contracture" and "palm" together: the code saying
    # the rare eponym comes before those saying only "contracture".
    assert first_three(client, "dupuytren contracture of palm")[0] == "M72.0"
    assert first_three(client, "osgood schlatter of right knee")[0] == "M92.521"
    assert first_three(client, "disorder of pericardium")[0] == "I31.9"


def coded(pk: int, code: str, descriptor: str) -> Candidate:
    return Candidate(pk, 1, code, "code", True, "active", descriptor, descriptor, "", "icd-10-cm")


def test_a_far_rarer_word_outranks_a_common_word_heading_a_descriptor():
    # Weights as frequency.py gives them: "dupuytren" in 6 descriptors, "contracture" in 89.
    query = QueryShape(
        [WordGroup(word, [(word,)]) for word in ("dupuytren", "contracture", "palm")],
        [11.4, 8.7, 8.2],
    )
    eponym = coded(1, "M72.0", "Palmar fascial fibromatosis [Dupuytren]")
    common = coded(2, "M24.50", "Contracture, unspecified joint")
    ranked = score_codes(query, [common, eponym], [], {2: 0, 1: 1}, {})
    assert [item.code.code for item in ranked] == ["M72.0", "M24.50"]


def test_a_query_denying_a_condition_finds_the_code_that_denies_it():
    words = ("age", "related", "osteoporosis", "without", "current", "pathological", "fracture")
    query = QueryShape([WordGroup(word, [(word,)]) for word in words])
    denying = coded(1, "M81.0", "Age-related osteoporosis without current pathological fracture")
    stating = coded(
        2,
        "M80.00XA",
        "Age-related osteoporosis with current pathological fracture, unspecified site, "
        "initial encounter for fracture",
    )
    # The index paths to each: "Osteoporosis > age-related" and its subterm "with current
    # pathologic fracture", which says more of the query's words.
    plain = IndexMatch(1, 1, "Osteoporosis \u203a age-related", "", 1, 2.5, 1.0, 0.0, 0.4,
                       [(1.0, 0)] * 3 + [(0.0, 0)] * 4)  # fmt: skip
    fracture = IndexMatch(2, 2, "Osteoporosis \u203a age-related \u203a with current "
                          "pathologic fracture", "", 2, 4.0, 1.0, 0.0, 0.9,
                          [(1.0, 0)] * 3 + [(0.0, 0)] + [(1.0, 0)] * 3)  # fmt: skip
    ranked = score_codes(query, [stating, denying], [plain, fracture], {}, {})
    assert [item.code.code for item in ranked] == ["M81.0", "M80.00XA"]
