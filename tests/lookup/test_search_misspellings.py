"""Spelling correction reads a misspelt word as the word meant: a rare word it starts, or a
word its stem happens to be, does not take its place (queries written for these tests, none
from an evaluation set)."""

import re

import pytest

from lookup.search.synonyms import load_seed_synonyms
from tests.lookup.conftest import make_titled_icd_codes

ICD = {
    "C43.9": ("Malignant melanoma of skin, unspecified", ""),
    "D03.9": ("Melanoma in situ, unspecified", ""),
    "D16.5": ("Benign neoplasm of lower jaw bone", "Melanoameloblastoma"),
    "X58.XXXA": ("Exposure to other specified factors, initial encounter", "Accident NOS"),
    "V89.2XXA": ("Person injured in unspecified motor-vehicle accident, traffic, initial", ""),
    "T54.2X1A": ("Toxic effect of corrosive acids and acid-like substances, accidental", ""),
    "E87.20": ("Acidosis, unspecified", "Acid base imbalance"),
    "J03.90": ("Acute tonsillitis, unspecified", ""),
    "J35.1": ("Hypertrophy of tonsil", "Enlarged tonsil"),
    "R32": ("Unspecified urinary incontinence", "Leaking of urine"),
    "R04.0": ("Epistaxis", "Leak of blood from nose"),
    "S06.9X0A": ("Unspecified intracranial injury, initial encounter", "Leading edge"),
}


@pytest.fixture
def catalogue(db):
    make_titled_icd_codes(ICD, billable=True)
    load_seed_synonyms()


def searched(client, query: str) -> tuple[list[str], str]:
    page = client.get("/search/", {"q": query}).content.decode()
    return re.findall(r'class="code-list__code">[^<]* ([A-Z0-9.]+)</span>', page), page


def test_a_misspelling_is_not_read_as_a_rare_word_it_starts(client, catalogue):
    codes, page = searched(client, "melanoam")
    assert codes[0] in {"C43.9", "D03.9"}
    assert "Showing results for <strong>melanoma</strong>" in page


def test_a_misspelling_whose_stem_is_another_word_is_corrected(client, catalogue):
    codes, page = searched(client, "acident")
    assert "Showing results for <strong>accident</strong>" in page
    assert codes[0] in {"X58.XXXA", "V89.2XXA"}
    codes, page = searched(client, "tonsilitis")
    assert codes[0] == "J03.90"


def test_an_inflected_word_is_searched_as_typed(client, catalogue):
    codes, page = searched(client, "leaking urine")
    assert "Showing results for" not in page
    assert codes[0] == "R32"
