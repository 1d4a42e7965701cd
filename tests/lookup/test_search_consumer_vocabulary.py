"""The seed's consumer health vocabulary: a patient's everyday name finds the code the code sets
name otherwise (phlegm: sputum, athletes foot: tinea pedis), and a coder's own words still find
what they found (fixtures/search/synonyms.tsv, lookup/search/synonyms.py)."""

import pytest

from lookup.search.synonyms import SEED_FILE, load_seed_synonyms, read_seed
from tests.lookup.conftest import make_titled_icd_codes, search_page

CODES = {
    "R09.3": ("Abnormal sputum", "Abnormal amount of sputum"),
    "R05.9": ("Cough, unspecified", ""),
    "J98.8": ("Other specified respiratory disorders", ""),
    "B35.6": ("Tinea cruris", "Dhobi itch"),
    "L29.9": ("Pruritus, unspecified", "Itch NOS"),
    "T63.441A": (
        "Toxic effect of venom of bees, accidental (unintentional), initial encounter",
        "",
    ),
    "W57.XXXA": (
        "Bitten or stung by nonvenomous insect and other nonvenomous arthropods, initial encounter",
        "",
    ),
    "T63.461A": (
        "Toxic effect of venom of wasps, accidental (unintentional), initial encounter",
        "",
    ),
    "B35.3": ("Tinea pedis", ""),
    "R11.0": ("Nausea", "Nausea NOS"),
    "R11.10": ("Vomiting, unspecified", ""),
    "M79.672": ("Pain in left foot", ""),
    "S02.609A": ("Fracture of mandible, unspecified, initial encounter for closed fracture", ""),
    "S09.90XA": ("Unspecified injury of head, initial encounter", ""),
    "E87.1": ("Hypo-osmolality and hyponatremia", "Sodium [Na] deficiency"),
    "E87.0": ("Hyperosmolality and hypernatremia", "Sodium [Na] excess"),
}


@pytest.fixture
def codes(db):
    make_titled_icd_codes(CODES)
    load_seed_synonyms()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("phlegm in the morning", "R09.3"),
        ("athletes foot between the toes", "B35.3"),
        ("wasp sting on his neck", "T63.461A"),
        ("queasy", "R11.0"),
        ("fractured jawbone", "S02.609A"),
        ("high sodium on labs", "E87.0"),
    ],
)
def test_a_patients_everyday_name_finds_the_code_that_names_it_otherwise(
    client, codes, query, expected
):
    found, _html = search_page(client, query)

    assert found[0] == expected


def test_the_result_says_which_everyday_name_it_read(client, codes):
    _found, html = search_page(client, "athletes foot between the toes")

    assert "athletes foot = tinea pedis" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stung by nonvenomous insect", "W57.XXXA"),
        ("abnormal sputum", "R09.3"),
        ("sodium deficiency", "E87.1"),
        ("tinea cruris", "B35.6"),
        ("pain in left foot", "M79.672"),
    ],
)
def test_a_coders_own_words_still_find_what_they_name(client, codes, query, expected):
    found, _html = search_page(client, query)

    assert found[0] == expected


def test_the_vocabulary_says_one_meaning_per_entry_in_other_words():
    entries = read_seed(SEED_FILE)

    assert len(entries) == len(set(entries))
    assert [term for term, expansion, _kind in entries if term == expansion] == []
