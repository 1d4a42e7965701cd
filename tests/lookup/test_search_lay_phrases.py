"""A patient's phrase about what the body does or what happened to a part finds the code
the code sets name it by (lookup/search/lay_terms.py: phrase_readings, levels after their
measure, parts named in two words, symptoms named after their part)."""

import pytest

from lookup.search.lay_terms import one_word_readings, phrase_readings
from lookup.search.synonyms import load_seed_synonyms
from tests.lookup.conftest import make_titled_icd_codes, search_page

# Codes as the tabular list names them, and neighbours sharing the patient's words.
SYMPTOMS = {
    "R13.10": ("Dysphagia, unspecified", ""),
    "R30.0": ("Dysuria", ""),
    "R30.9": ("Painful micturition, unspecified", ""),
    "R35.1": ("Nocturia", ""),
    "R61": ("Generalized hyperhidrosis", "Excessive sweating"),
    "R63.1": ("Polydipsia", "Excessive thirst"),
    "R14.2": ("Eructation", ""),
    "E87.1": ("Hypo-osmolality and hyponatremia", ""),
    "E78.5": ("Hyperlipidemia, unspecified", ""),
    "M25.421": ("Effusion, right elbow", ""),
    "M25.429": ("Effusion, unspecified elbow", ""),
    "R60.9": ("Edema, unspecified", "Swelling NOS"),
    "L89.009": ("Pressure ulcer of unspecified elbow, unspecified stage", ""),
    "J35.2": ("Hypertrophy of adenoids", "Enlargement of adenoids"),
    "L65.9": ("Nonscarring hair loss, unspecified", "Alopecia NOS"),
    "W06.XXXA": ("Fall from bed, initial encounter", ""),
    "R19.7": ("Diarrhea, unspecified", ""),
    "R04.0": ("Epistaxis", "Hemorrhage from nose; Nosebleed"),
    "J34.89": ("Other specified disorders of nose and nasal sinuses", "Perforation of nose NOS"),
    "K81.9": ("Cholecystitis, unspecified", ""),
    "N21.0": ("Calculus in bladder", ""),
    "H04.201": ("Unspecified epiphora, right lacrimal gland", ""),
    "H04.209": ("Unspecified epiphora, unspecified lacrimal gland", ""),
    "H25.099": ("Other age-related incipient cataract, unspecified eye", "Water clefts"),
    "H93.19": ("Tinnitus, unspecified ear", ""),
    "H61.20": ("Impacted cerumen, unspecified ear", ""),
    "G47.00": ("Insomnia, unspecified", ""),
    "W19.XXXA": ("Unspecified fall, initial encounter", ""),
}


@pytest.fixture
def symptoms(db):
    make_titled_icd_codes(SYMPTOMS)
    load_seed_synonyms()  # "ringing in the ears" = tinnitus, "can t sleep" = insomnia


@pytest.mark.parametrize(
    ("query", "code", "reading"),
    [
        ("struggling to swallow", "R13.10", "dysphagia"),  # hard to do
        ("burning when urinating", "R30.0 R30.9", "dysuria"),  # painful
        ("sweating a lot", "R61", "hyperhidrosis"),  # too often, said after
        ("always thirsty", "R63.1", "polydipsia"),  # too often, said before
        ("pees at night", "R35.1", "nocturia"),  # at night
        ("can't stay asleep", "G47.00", "insomnia"),
    ],
)
def test_what_is_wrong_with_what_the_body_does_finds_its_medical_word(
    client, symptoms, query, code, reading
):
    codes, html = search_page(client, query)

    assert codes[0] in code.split()
    assert f"= {reading}" in html  # the page says how it read the phrase
    assert "\u2192" not in html  # no word was "corrected" ("always" is not "away")


def test_a_patients_verb_the_code_sets_never_use_is_read_as_their_noun(client, symptoms):
    codes, html = search_page(client, "burping")

    assert codes == ["R14.2"]  # eructation, not "burning"
    assert "burping = eructation" in html


def test_a_level_said_after_its_measure_is_read_as_before_it(client, symptoms):
    assert search_page(client, "sodium levels low")[0][0] == "E87.1"
    assert search_page(client, "blood fats high")[0][0] == "E78.5"


def test_a_swollen_joint_is_an_effusion_and_a_swollen_organ_an_enlargement(client, symptoms):
    elbow, _ = search_page(client, "swollen elbow")

    assert elbow[0] in {"M25.429", "M25.421"}
    assert "L89.009" not in elbow
    assert search_page(client, "adenoids swollen")[0][0] == "J35.2"


def test_a_part_that_comes_away_is_its_loss(client, symptoms):
    codes, _ = search_page(client, "hair coming out")

    assert codes[0] == "L65.9"
    assert "W06.XXXA" not in codes  # not a fall


def test_loose_stools_and_a_bleeding_part_find_their_codes(client, symptoms):
    assert search_page(client, "runny poop")[0][0] == "R19.7"
    assert search_page(client, "bloody nose")[0][0] == "R04.0"


def test_a_part_named_in_two_words_is_read_as_one(client, symptoms):
    codes, _ = search_page(client, "gall bladder inflamed")

    assert codes[0] == "K81.9"  # cholecystitis, not the urinary bladder
    assert "N21.0" not in codes


def test_eyes_that_water_are_epiphora_not_a_cataracts_water_clefts(client, symptoms):
    codes, _ = search_page(client, "teary eyes")

    assert codes[0] in {"H04.209", "H04.201"}
    assert "H25.099" not in codes


def test_a_symptom_named_after_its_part_finds_the_entry_that_names_it_first(client, symptoms):
    codes, html = search_page(client, "ears ringing")  # the seed's "ringing in the ears"

    assert codes[0] == "H93.19"
    assert "tinnitus" in html


def test_only_readings_whose_words_the_catalogue_holds_are_offered():
    known = {"dysphagia", "effusion", "knee", "walking", "urination"}.__contains__

    assert phrase_readings(["trouble", "swallowing"], known) == ["dysphagia"]
    assert phrase_readings(["knee", "swelling"], known) == ["effusion knee"]
    assert phrase_readings(["trouble", "breathing"], known) == []  # dyspnea unknown here
    assert phrase_readings(["peeing"], known) == ["urination"]
    assert phrase_readings(["walk"], {"walk", "walking"}.__contains__) == []  # a word it uses


def test_a_rash_is_found_wherever_it_is_as_the_index_lists_rashes_by_kind(client, symptoms):
    make_titled_icd_codes(
        {
            "R21": ("Rash and other nonspecific skin eruption", ""),
            "M54.9": ("Dorsalgia, unspecified", "Back pain NOS"),
            "L74.0": ("Miliaria rubra", "Heat rash"),
        }
    )

    assert search_page(client, "rash on my back")[0][0] == "R21"
    assert search_page(client, "heat rash")[0][0] == "L74.0"  # a kind, not a site


def test_a_measure_is_read_in_any_order_and_a_rates_low_is_slow():
    known = {"hypoglycemia", "hypercalcemia", "bradycardia", "hypocardia"}.__contains__

    assert one_word_readings(["glucose", "blood", "low"], known) == ["hypoglycemia"]
    assert one_word_readings(["calcium", "blood", "high"], known) == ["hypercalcemia"]
    assert "bradycardia" in one_word_readings(["low", "heart", "rate"], known)


def test_fluid_in_a_joint_is_its_effusion(client, symptoms):
    codes, html = search_page(client, "fluid in the elbow")

    assert codes[0] in {"M25.429", "M25.421"}
    assert "= effusion elbow" in html


def test_a_broken_bone_is_a_fracture_where_the_part_says(client, symptoms):
    make_titled_icd_codes(
        {
            "S62.90XA": ("Unspecified fracture of unspecified hand, initial encounter", ""),
            "S62.109A": ("Fracture of unspecified carpal bone, unspecified wrist, initial", ""),
            "S60.229A": ("Contusion of unspecified hand, initial encounter", ""),
            "M89.9": ("Disorder of bone, unspecified", ""),
        }
    )
    load_seed_synonyms()  # broken = fracture

    hand, html = search_page(client, "bone broken in my hand")
    assert hand[0] == "S62.90XA"
    assert "bone broken = fracture" in html
    assert search_page(client, "wrist bone broken")[0][0] == "S62.109A"
