"""Abbreviations no list holds, read as the initials of a condition's name in the tabular
list (lookup/search/abbreviations.py), and never spelling-corrected when typed in capitals."""

import re

import pytest

from lookup.search.abbreviations import initials_of_names, load_abbreviations
from tests.conftest import make_code, make_system
from tests.lookup.conftest import make_titled_icd_codes

ICD = {
    "I78.0": ("Hereditary hemorrhagic telangiectasia", ""),
    "B08.4": ("Enteroviral vesicular stomatitis with exanthem", "Hand, foot and mouth disease"),
    "H34.811": ("Central retinal vein occlusion, right eye", ""),
    "H34.812": ("Central retinal vein occlusion, left eye", ""),
    "H34.831": ("Tributary (branch) retinal vein occlusion, right eye", ""),
    "E83.52": ("Hypercalcemia", ""),
    "F45.22": ("Body dysmorphic disorder", ""),
    "Q44.5": ("Other congenital malformations of bile ducts", "Biliary duct duplication"),
    "F32.81": ("Premenstrual dysphoric disorder", ""),
    "I27.24": ("Chronic thromboembolic pulmonary hypertension", ""),
    # The words that the parts' rests begin: "pre" + "menstrual", "thrombo" + "embolic".
    "N92.6": ("Irregular menstruation, unspecified", ""),
    "I26.99": ("Other pulmonary embolism without acute cor pulmonale", ""),
}


@pytest.fixture
def catalogue(db):
    make_titled_icd_codes(ICD)
    hcpcs = make_system("hcpcs", name="HCPCS Level II")
    make_code("L3912", hcpcs, short_descriptor="Hfo flexion glove", long_descriptor="Hfo glove")
    load_abbreviations()


def first_three(client, query: str) -> tuple[list[str], str]:
    page = client.get("/search/", {"q": query}).content.decode()
    return re.findall(r'class="code-list__code">[^<]* ([A-Z0-9.]+)</span>', page)[:3], page


def test_a_condition_is_found_by_the_initials_of_its_name(client, catalogue):
    codes, page = first_three(client, "HHT")

    assert codes[0] == "I78.0"
    assert "HHT = hereditary hemorrhagic telangiectasia" in page
    assert first_three(client, "CRVO left eye")[0][0] == "H34.812"


def test_an_abbreviation_in_capitals_is_never_corrected_to_a_near_word(client, catalogue):
    codes, page = first_three(client, "HFMD")

    assert codes[0] == "B08.4"  # hand, foot and mouth disease
    assert "hfmd \u2192 hfo" not in page
    assert "L3912" not in codes


def test_initials_many_names_share_are_read_as_none_of_them():
    names = ["Disorder of calcium metabolism", "Diffuse cystic mastopathy", "Other disorder",
             "Dominant centronuclear myopathy",
             "Acute pulmonary manifestations due to radiation"]  # fmt: skip
    found = initials_of_names([*names, "Central retinal vein occlusion, right eye"])

    assert ("crvo", "central retinal vein occlusion") in found
    assert ("rvo", "retinal vein occlusion") in found
    assert not any(term == "dcm" for term, _ in found)
    assert not any("other" in meaning for _, meaning in found)
    assert not any("radiation" in meaning for _, meaning in found)  # a cause is no name


def test_a_long_injury_name_gives_no_initials_and_leaves_a_conditions_alone():
    names = ["Lateral rectus fibrosis", "Late radiation fibrosis",
             "Crush injury of distal segment of left ring finger"]  # fmt: skip
    found = initials_of_names(names)

    lrf = {meaning for term, meaning in found if term == "lrf"}
    assert lrf == {"lateral rectus fibrosis", "late radiation fibrosis"}
    assert not any("finger" in meaning for _, meaning in found)


def test_initials_two_names_share_are_both_offered(client, catalogue):
    codes, page = first_three(client, "BDD")

    assert set(codes[:2]) == {"F45.22", "Q44.5"}
    assert "BDD could mean:" in page
    assert "body dysmorphic disorder" in page and "biliary duct duplication" in page


def test_a_word_in_brackets_gives_the_name_its_other_initials(client, catalogue):
    codes, page = first_three(client, "BRVO right eye")

    assert codes[0] == "H34.831"  # "Tributary (branch) retinal vein occlusion"
    assert "BRVO = branch retinal vein occlusion" in page


def test_a_prefix_of_a_word_may_give_a_letter_of_its_own(client, catalogue):
    codes, page = first_three(client, "PMDD")

    assert codes[0] == "F32.81"
    assert "PMDD = premenstrual dysphoric disorder" in page
    assert first_three(client, "CTEPH")[0][0] == "I27.24"  # thrombo + embolic


def test_letters_of_word_parts_never_crowd_out_a_name_plain_initials():
    names = ["Polyp of middle ear", "Progressive myoclonus epilepsy", "Postmeasles encephalitis",
             "Pregnancy induced hypertension", "Menstrual migraine"]  # fmt: skip
    found = initials_of_names(names)

    assert {meaning for term, meaning in found if term == "pme"} == {
        "polyp middle ear",
        "progressive myoclonus epilepsy",
    }
    # "pre" + "gnancy": no word of the names begins so, so "pregnancy" keeps one letter.
    assert {term for term, meaning in found if meaning == "pregnancy induced hypertension"} == {
        "pih"
    }


def test_a_word_in_brackets_is_read_before_letters_of_word_parts():
    names = ["Gestational [pregnancy-induced] hypertension, first trimester",
             "Postinfectious hypothyroidism", "Postinflammatory hyperpigmentation",
             "Postirradiation hypothyroidism", "Infective myositis"]  # fmt: skip
    found = initials_of_names(names)

    assert {meaning for term, meaning in found if term == "pih"} == {
        "pregnancy induced hypertension"
    }
