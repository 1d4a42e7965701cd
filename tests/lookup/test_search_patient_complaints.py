"""More of a patient's sentence read as the coder's words: skin rubbed off is an abrasion and
teeth in it a bite, how an injury happened told first is left to the external cause, a side
said inside an everyday term still picks its code, a part that cannot be felt is numb and a
joint that cannot be bent stiff, what is heard or seen that is not there a hallucination, low
mood and worry depression and anxiety, a burning stomach heartburn, swelling while pregnant
gestational edema, dribbling after peeing post-void dribbling, urine leaking on a cough stress
incontinence, a stomach bug gastroenteritis (lookup/search/lay_terms.py, synonyms.py)."""

import pytest

from lookup.search.lay_terms import mood_readings, sentence_words_left_out
from lookup.search.synonyms import load_seed_synonyms
from tests.lookup.conftest import make_titled_icd_codes, search_page

CODES = {
    "S50.319A": ("Abrasion of unspecified elbow, initial encounter", ""),
    "S60.819A": ("Abrasion of unspecified wrist, initial encounter", ""),
    "S51.059A": ("Open bite, unspecified elbow, initial encounter", ""),
    "W18.40XA": ("Slipping, tripping and stumbling without falling, unspecified, initial", ""),
    "W06.XXXA": ("Fall from bed, initial encounter", ""),
    "H93.11": ("Tinnitus, right ear", ""),
    "H93.12": ("Tinnitus, left ear", ""),
    "H93.19": ("Tinnitus, unspecified ear", ""),
    "H15.852": ("Ring staphyloma, left eye", ""),
    "R20.0": ("Anesthesia of skin", "Numbness"),
    "M79.646": ("Pain in unspecified finger(s)", ""),
    "R44.0": ("Auditory hallucinations", ""),
    "R44.1": ("Visual hallucinations", ""),
    "Z01.10": ("Encounter for examination of ears and hearing without abnormal findings", ""),
    "F32.A": ("Depression, unspecified", ""),
    "F41.9": ("Anxiety disorder, unspecified", ""),
    "R45.82": ("Worries", ""),
    "R12": ("Heartburn", ""),
    "T21.01XA": ("Burn of unspecified degree of chest wall, initial encounter", ""),
    "O12.00": ("Gestational edema, unspecified trimester", ""),
    "M25.473": ("Effusion, unspecified ankle", ""),
    "M25.476": ("Effusion, unspecified foot", ""),
    "N39.43": ("Post-void dribbling", ""),
    "R32": ("Unspecified urinary incontinence", ""),
    "N39.3": ("Stress incontinence (female) (male)", ""),
    "R41.840": ("Attention and concentration deficit", ""),
    "R41.3": ("Other amnesia", "Memory loss NOS"),
    "R63.30": ("Feeding difficulties, unspecified", ""),
    "R13.10": ("Dysphagia, unspecified", ""),
    "A08.4": ("Viral intestinal infection, unspecified", "Viral gastroenteritis NOS"),
    "J11.1": ("Influenza due to unidentified influenza virus with other respiratory", ""),
    "R05.9": ("Cough, unspecified", ""),
    "L65.9": ("Nonscarring hair loss, unspecified", "Alopecia NOS"),
    "M25.629": ("Stiffness of unspecified elbow, not elsewhere classified", ""),
    "J34.89": ("Other specified disorders of nose and nasal sinuses", "Rhinorrhea"),
}


@pytest.fixture
def codes(db):
    make_titled_icd_codes(CODES)
    load_seed_synonyms()  # "ringing in the ears" = tinnitus, "pregnant" = pregnancy


def test_skin_rubbed_off_is_an_abrasion_and_teeth_in_it_a_bite(client, codes):
    found, html = search_page(client, "grazed my wrist")

    assert found[0] == "S60.819A"
    assert "= abrasion wrist" in html
    assert search_page(client, "bitten on my elbow")[0][0] == "S51.059A"


def test_how_an_injury_happened_told_first_is_left_to_the_external_cause(client, codes):
    found, html = search_page(client, "tripped over the cat and skinned my elbow")

    assert found[0] == "S50.319A"
    assert "W18.40XA" not in found
    assert "\u2192" not in html  # "tripped" is no misspelling


def test_a_fall_told_alone_is_searched(client, codes):
    assert search_page(client, "fell out of bed")[0][0] == "W06.XXXA"


def test_a_side_said_inside_an_everyday_term_still_picks_that_sides_code(client, codes):
    found, html = search_page(client, "ringing in my left ear")

    assert found[0] == "H93.12"
    assert "H15.852" not in found  # not a ring of the left eye
    assert "= tinnitus" in html


def test_one_part_typed_finds_the_everyday_term_naming_both(client, codes):
    assert search_page(client, "ringing in my ear")[0][0] in {"H93.11", "H93.12", "H93.19"}


def test_a_part_that_cannot_be_felt_is_numb(client, codes):
    found, html = search_page(client, "i can't feel my fingers")

    # Numbness is only an inclusion term here (the index's entry in the full catalogue).
    assert "R20.0" in found
    assert "= numbness" in html


def test_hearing_or_seeing_what_is_not_there_is_a_hallucination(client, codes):
    assert search_page(client, "hearing things")[0][0] == "R44.0"
    assert search_page(client, "seeing people at night")[0][0] == "R44.1"


def test_low_mood_and_worry_words_read_as_depression_and_anxiety(client, codes):
    assert mood_readings(["down", "and", "miserable"]) == ["depression"]
    assert mood_readings(["down"]) == []  # "down" alone says no mood
    assert mood_readings(["worried", "sick"]) == []

    assert search_page(client, "feeling sad and worthless")[0][0] == "F32.A"
    assert search_page(client, "so anxious all the time")[0][0] == "F41.9"


def test_a_burning_stomach_or_chest_is_heartburn_not_a_burn(client, codes):
    assert search_page(client, "my stomach burns at night")[0][0] == "R12"
    assert search_page(client, "burn on my chest")[0][0] == "T21.01XA"


def test_when_a_complaint_comes_by_the_meal_is_left_out():
    assert sentence_words_left_out(["heartburn", "after", "meals"]) == ["heartburn"]
    assert sentence_words_left_out(["cough", "when", "eating"]) == ["cough"]


def test_swelling_while_pregnant_is_gestational_edema(client, codes):
    found, html = search_page(client, "swollen feet during pregnancy")

    assert found[0] == "O12.00"
    assert "= gestational edema" in html


def test_dribbling_after_peeing_is_post_void_dribbling(client, codes):
    assert search_page(client, "dribble after peeing")[0][0] == "N39.43"


def test_what_cannot_be_kept_in_mind_is_a_concentration_deficit_or_memory_loss(client, codes):
    assert search_page(client, "trouble focusing at work")[0][0] == "R41.840"
    assert search_page(client, "always forgetting things")[0][0] == "R41.3"


def test_what_someone_will_not_do_is_hard_for_them(client, codes):
    found, html = search_page(client, "my toddler won't eat")

    assert found[0] == "R63.30"
    assert "= feeding difficulties" in html


def test_a_grandparent_spoken_of_only_says_who(client, codes):
    found, html = search_page(client, "grandma has trouble swallowing")

    assert found[0] == "R13.10"
    assert "\u2192" not in html  # "grandma" is no misspelling


def test_urine_leaking_when_the_belly_strains_is_stress_incontinence(client, codes):
    assert search_page(client, "i leak when i jump")[0][0] == "N39.3"


def test_a_bug_or_flu_of_the_stomach_is_gastroenteritis_not_influenza(client, codes):
    assert search_page(client, "tummy flu")[0][0] == "A08.4"


def test_vague_words_for_what_comes_up_are_no_misspellings(client, codes):
    found, html = search_page(client, "coughing up yellow stuff")

    assert found[0] == "R05.9"
    assert "\u2192" not in html


def test_a_part_before_its_symptom_finds_the_everyday_term_naming_both(client, codes):
    found, html = search_page(client, "my ear is ringing")

    assert found[0] in {"H93.11", "H93.12", "H93.19"}
    assert "= tinnitus" in html


def test_hair_that_thins_is_hair_loss(client, codes):
    found, html = search_page(client, "my hair is thinning")

    assert found[0] == "L65.9"
    assert "= alopecia" in html


def test_a_joint_that_cannot_be_moved_is_its_stiffness(client, codes):
    found, html = search_page(client, "can't straighten my elbow")

    assert found[0] == "M25.629"
    assert "= stiffness elbow" in html


def test_a_run_ending_with_a_tie_word_is_no_phrase_of_its_own(client, codes):
    _, html = search_page(client, "runny nose and a cough")

    assert "runny nose and =" not in html
