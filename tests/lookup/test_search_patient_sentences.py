"""A patient's whole sentence finds the code its phrase names: the words that only carry the
sentence are left out, what was done to a part is its injury, a part that hurts is its pain,
a patient's inflected verb is not "corrected" into another word, and where it happened counts
less than what happened (lookup/search/lay_terms.py, synonyms.py, search/__init__.py)."""

import pytest

from lookup.importers.icd10cm_index import PATH_SEPARATOR
from lookup.models import IndexTerm
from lookup.search import same_stem
from lookup.search.lay_terms import (
    injury_readings,
    one_word_readings,
    sentence_words_left_out,
)
from lookup.search.synonyms import load_seed_synonyms
from tests.conftest import make_code, make_system
from tests.lookup.conftest import make_titled_icd_codes, search_page

CODES = {
    "R00.0": ("Tachycardia, unspecified", "Rapid heart beat"),
    "R00.2": ("Palpitations", "Awareness of heart beat"),
    "I51.9": ("Heart disease, unspecified", ""),
    "S50.00XA": ("Contusion of unspecified elbow, initial encounter", ""),
    "S53.409A": ("Unspecified sprain of unspecified elbow, initial encounter", ""),
    "M25.529": ("Pain in unspecified elbow", ""),
    "H92.09": ("Otalgia, unspecified ear", ""),
    "H61.20": ("Impacted cerumen, unspecified ear", ""),
    "R09.81": ("Nasal congestion", ""),
    "J34.89": ("Other specified disorders of nose and nasal sinuses", ""),
    "R06.83": ("Snoring", ""),
    "R29.700": ("NIHSS score 0", ""),
    "W20.8XXA": ("Other cause of strike by thrown, projected or falling object, initial", "shelf"),
    "K08.89": ("Other specified disorders of teeth and supporting structures", "Toothache"),
    "R11.10": ("Vomiting, unspecified", "Throwing up"),
    "R06.2": ("Wheezing", ""),
    "W54.0XXA": ("Bitten by dog, initial encounter", "wheel"),
    "R35.0": ("Frequency of micturition", ""),
    "R35.1": ("Nocturia", ""),
    "R51.9": ("Headache, unspecified", ""),
    "R32": ("Unspecified urinary incontinence", ""),
    "R33.9": ("Retention of urine, unspecified", ""),
    "T18.128A": ("Food in esophagus causing other injury, initial encounter", ""),
    "M51.26": ("Other intervertebral disc displacement, lumbar region", ""),
    "W18.40XA": ("Slipping, tripping and stumbling without falling, unspecified, initial", ""),
    "M25.469": ("Effusion, unspecified knee", ""),
    "R22.9": ("Localized swelling, mass and lump, unspecified", ""),
    "H92.20": ("Otorrhagia, unspecified ear", ""),
}


@pytest.fixture
def codes(db):
    make_titled_icd_codes(CODES)
    load_seed_synonyms()  # "heart racing" = tachycardia


def test_the_words_that_carry_a_patients_sentence_are_left_out():
    assert sentence_words_left_out(["his", "heart", "was", "racing"]) == ["heart", "racing"]
    assert sentence_words_left_out(["i", "snore", "when", "i", "sleep"]) == [
        "snore",
        "when",
        "sleep",
    ]
    assert sentence_words_left_out(["type", "i", "diabetes"]) == ["type", "i", "diabetes"]
    assert sentence_words_left_out(["me"], frozenset(["me"])) == ["me"]  # ME, in capitals
    assert sentence_words_left_out(["is", "was"]) == ["is", "was"]  # nothing else
    assert sentence_words_left_out(["wheezing", "out", "of", "breath"]) == [
        "wheezing",
        "of",
        "breath",
    ]  # the "out" of "out of"
    assert sentence_words_left_out(["our", "baby", "has", "colic"]) == ["has", "colic"]
    assert sentence_words_left_out(["blue", "baby"]) == ["blue", "baby"]  # no one's baby
    assert sentence_words_left_out(["daughter", "has", "an", "earache"]) == [
        "has",
        "an",
        "earache",
    ]  # who it is about


def test_a_phrase_split_by_a_patients_sentence_is_read_whole(client, codes):
    found, html = search_page(client, "his heart was racing")

    assert found[0] == "R00.0"
    assert "heart racing = tachycardia" in html


def test_what_was_done_to_a_part_is_the_injury_the_index_lists_it_under(client, codes):
    known = {"contusion", "elbow", "fracture", "rib", "chest", "sprain", "toe"}.__contains__

    assert injury_readings(["banged", "elbow"], known) == ["contusion elbow"]
    assert injury_readings(["cracked", "left", "ribs"], known) == [
        "fracture left rib",
        "fracture left chest",  # the index's region for a rib's bruise or burn
    ]
    assert injury_readings(["stubbed", "doorframe"], known) == []  # no part of the body
    assert injury_readings(["stubbed", "pinky", "toe"], known) == [
        "contusion pinky toe",
        "contusion little toe",
    ]

    found, html = search_page(client, "banged my elbow")
    assert found[0] == "S50.00XA"
    assert "= contusion elbow" in html


def test_a_part_that_hurts_is_its_pain_in_the_code_sets_own_word(client, codes):
    assert search_page(client, "elbow is aching")[0][0] == "M25.529"

    found, _ = search_page(client, "her ear is throbbing")
    assert found[0] == "H92.09"  # otalgia, built from ear + pain
    assert "H61.20" not in found[:1]


def test_a_heart_that_flutters_is_palpitations_and_a_blocked_nose_congestion(client, codes):
    assert search_page(client, "heart fluttering")[0][0] == "R00.2"
    assert search_page(client, "nostrils all blocked up")[0][0] == "R09.81"


def test_a_level_that_drops_or_spikes_is_low_or_high():
    known = {"hypoglycemia", "hyperglycemia"}.__contains__

    assert one_word_readings(["glucose", "crashing"], known) == ["hypoglycemia"]
    assert one_word_readings(["sugar", "spiking"], known) == ["hyperglycemia"]


def test_blood_with_the_stool_is_hematochezia():
    known = {"hematochezia", "hematuria"}.__contains__

    assert one_word_readings(["poo", "blood"], known) == ["hematochezia"]
    assert one_word_readings(["blood", "stools"], known) == ["hematochezia"]


def test_a_patients_inflected_verb_is_not_corrected_into_another_word(client, codes):
    assert same_stem("snores", ["scores", "snoring"])  # snore
    assert same_stem("shake", ["shaking", "snake"])  # its e dropped
    assert not same_stem("migrane", ["migrans"])  # a misspelling sharing a stem

    found, html = search_page(client, "she snores")
    assert found[0] == "R06.83"
    assert "R29.700" not in found  # "snores" is not "scores"
    assert "snores \u2192 snoring" in html


def test_a_patients_word_for_a_pain_is_no_misspelling(client, codes):
    found, html = search_page(client, "throbbing toothache")

    assert found[0] == "K08.89"
    assert "R11.10" not in found  # "throbbing" is not "throwing"
    assert "\u2192" not in html


def test_a_dictionary_term_is_found_without_the_articles_inside_it(client, codes):
    make_titled_icd_codes({"H93.19": ("Tinnitus, unspecified ear", "")})

    found, html = search_page(client, "ringing in my ears")
    assert found[0] == "H93.19"  # the seed's "ringing in the ears"
    assert "= tinnitus" in html


def test_a_dropped_g_is_read_as_ing(client, codes):
    found, html = search_page(client, "throwin up")

    assert found[0] == "R11.10"
    assert "throwin \u2192 throwing" in html


def test_a_patients_verb_for_a_symptom_is_read_as_its_ing_form(client, codes):
    found, html = search_page(client, "she wheezes")

    assert found[0] == "R06.2"
    assert "wheezes \u2192 wheezing" in html  # not "wheel"


def test_how_often_in_several_words_is_read_as_one(client, codes):
    assert sentence_words_left_out(["wee", "all", "the", "time"]) == ["wee", "constantly"]

    found, html = search_page(client, "wee all the time")
    assert found[0] == "R35.0"
    assert "= frequency micturition" in html


def test_a_suggestion_reads_the_last_word_whole_when_no_word_starts_so(client, codes):
    response = client.get("/search/suggest", {"q": "wheezing all the time"})
    urls = [each["url"] for each in response.json()["suggestions"]]

    assert urls and "R06.2" in urls[0]


def test_where_an_injury_happened_counts_less_than_the_injury(client, codes):
    found, _ = search_page(client, "banged my elbow on a shelf")

    assert found[0] == "S50.00XA"


def test_when_it_started_or_how_long_it_lasted_is_left_out(client, codes):
    assert sentence_words_left_out(["headache", "for", "three", "days", "now"]) == ["headache"]
    assert sentence_words_left_out(["loose", "stools", "since", "yesterday"]) == [
        "loose",
        "stools",
    ]
    assert sentence_words_left_out(["fever", "on", "and", "off", "for", "a", "week"]) == ["fever"]
    assert sentence_words_left_out(["heel", "hurts", "in", "the", "morning"]) == ["heel", "hurts"]
    assert sentence_words_left_out(["cough", "for", "2", "weeks"]) == ["cough"]
    # Weeks count a pregnancy, and "at night" says nocturia: both stay.
    assert sentence_words_left_out(["8", "weeks", "pregnant"]) == ["8", "weeks", "pregnant"]
    assert sentence_words_left_out(["peeing", "at", "night"]) == ["peeing", "at", "night"]
    hospice = make_code(
        "G9860", make_system("hcpcs"),
        long_descriptor="Patient spent less than three days in hospice care",
    )  # fmt: skip

    found, html = search_page(client, "headache for three days now")

    assert found[0] == "R51.9"
    assert hospice.code not in found
    assert "\u2192" not in html  # "days" and "now" are no misspellings


def test_a_question_about_a_complaint_is_read_as_the_complaint(client, codes):
    assert search_page(client, "why does my elbow hurt")[0][0] == "M25.529"


def test_what_a_patient_cannot_hold_is_its_incontinence(client, codes):
    found, html = search_page(client, "i cant hold my pee")

    assert found[0] == "R32"
    assert "= incontinence urine" in html


def test_food_that_does_not_stay_down_is_vomiting(client, codes):
    found, _ = search_page(client, "cant keep any food down")

    assert found[0] == "R11.10"  # before food stuck in the esophagus (T18.128A)


def test_how_often_then_at_night_says_at_night(client, codes):
    assert sentence_words_left_out(["pee", "a", "lot"]) == ["pee", "constantly"]

    assert search_page(client, "pee a lot at night")[0][0] == "R35.1"


def test_a_heart_that_skips_a_beat_is_palpitations(client, codes):
    assert search_page(client, "my heart skips a beat sometimes")[0][0] == "R00.2"


def test_a_slipped_disc_is_a_displaced_one_not_a_slip(client, codes):
    found, html = search_page(client, "slipped disc in my lower back")

    assert found[0] == "M51.26"
    assert "W18.40XA" not in found
    assert "= displacement disc" in html


def test_where_on_a_part_it_is_reads_as_the_part(client, codes):
    found, html = search_page(client, "swelling behind my knee")

    assert found[0] == "M25.469"
    assert "= effusion knee" in html


def test_which_finger_or_toe_hurts_is_the_pain_of_the_toe_or_finger():
    known = {"pain", "toe", "finger"}.__contains__

    assert injury_readings(["big", "toe", "hurts"], known) == ["pain toe"]
    assert injury_readings(["index", "finger", "aching"], known) == ["pain finger"]


def test_an_index_entry_sending_the_coder_elsewhere_is_followed_to_the_same_term(client, codes):
    """ "Pain > toe: see Pain, limb, lower" leads to "Pain > limb > lower > toe" (M79.67-), not
    to the codes of the header the reference names (M79.60-: arms and legs)."""
    system = make_system("icd-10-cm")
    limb = make_code("M79.60", system, long_descriptor="Pain in limb, unspecified", billable=False)
    make_code("M79.601", system, long_descriptor="Pain in right arm")
    toes = make_code("M79.67", system, long_descriptor="Pain in foot and toes", billable=False)
    make_code("M79.676", system, long_descriptor="Pain in unspecified toe(s)")
    paths = [(limb, ["Pain", "toe"], "see Pain, limb, lower"),
             (toes, ["Pain", "limb", "lower", "toe"], "")]  # fmt: skip
    for position, (code, path, reference) in enumerate(paths):
        IndexTerm.objects.create(
            code=code, source=IndexTerm.Source.MAIN, path=PATH_SEPARATOR.join(path),
            reference=reference, index_code=code.code, terms=" | ".join(path).lower(),
            position=position,
        )  # fmt: skip

    found, _ = search_page(client, "why does my big toe hurt")

    assert found[0] == "M79.676"  # not the right arm's pain


def test_blood_coming_from_a_part_is_its_bleeding(client, codes):
    assert sentence_words_left_out(["blood", "coming", "out", "of", "my", "ear"]) == [
        "blood",
        "of",
        "my",
        "ear",
    ]
    assert sentence_words_left_out(["hair", "coming", "out"]) == ["hair", "coming", "out"]

    found, html = search_page(client, "blood coming out of my ear")

    assert found[0] == "H92.20"
    assert "= otorrhagia" in html
