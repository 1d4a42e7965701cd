"""Patients' everyday phrases find the code whose one medical word they mean
(lookup/search/lay_terms.py, and the adjectives spelling correction reads as nouns)."""

import re

import pytest

from lookup.search.lay_terms import one_word_readings
from lookup.search.synonyms import everyday_forms, load_seed_synonyms
from tests.conftest import make_code, make_system
from tests.lookup.conftest import make_titled_icd_codes

# A few symptoms as the tabular list and the index name them, and words near the lay ones.
SYMPTOMS = {
    "R00.0": ("Tachycardia, unspecified", ""),
    "J02.0": ("Streptococcal pharyngitis", "Streptococcal sore throat"),
    "S10.10XA": ("Unspecified superficial injuries of throat, initial encounter", "Strap mark"),
    "A04.72": ("Enterocolitis due to Clostridium difficile, not specified as recurrent", ""),
    "R04.0": ("Epistaxis", ""),
    "E87.6": ("Hypokalemia", ""),
    "R12": ("Heartburn", ""),
    "H53.8": ("Other visual disturbances", "Blurred vision"),
    "T78.1XXA": ("Other adverse food reactions, initial encounter", "Berry allergy"),
    "R31.9": ("Hematuria, unspecified", ""),
    "R49.0": ("Dysphonia", "Hoarseness"),
    "R49.8": ("Other voice and resonance disorders", ""),
    "R53.83": ("Other fatigue", "Tiredness"),
    "R80.9": ("Proteinuria, unspecified", ""),
    "I51.9": ("Heart disease, unspecified", ""),
    "T30.0": ("Burn of unspecified body region, unspecified degree", ""),
    "W55.19XA": ("Other contact with horse, initial encounter", ""),
    "R32": ("Unspecified urinary incontinence", "Leak of urine"),
    "Z91.89": ("Other specified personal risk factors, leading to falls", ""),
    "Z00.00": ("Encounter for general adult medical examination, blood and urine tests", ""),
}


# Codes the seed's everyday names for conditions, drugs and supplies lead to, and neighbours.
EVERYDAY_NAMED_ICD = {
    "M43.6": ("Torticollis", ""),
    "M43.8X9": ("Other specified deforming dorsopathies, site unspecified", ""),
    "R25.2": ("Cramp and spasm", ""),
    "R25.1": ("Tremor, unspecified", ""),
    "M81.0": ("Age-related osteoporosis without current pathological fracture", ""),
    "M85.80": ("Other specified disorders of bone density and structure, unspecified site", ""),
}
EVERYDAY_NAMED_HCPCS = {
    "J1756": "Injection, iron sucrose, 1 mg",
    "J1750": "Injection, iron dextran, 50 mg",
    "E0163": "Commode chair, mobile or stationary, with fixed arms",
    "E0241": "Bath tub wall rail, each",
    "E0100": "Cane, includes canes of all materials, adjustable or fixed, with tip",
}


@pytest.fixture
def symptoms(db):
    make_titled_icd_codes(SYMPTOMS)


@pytest.fixture
def everyday_named(db):
    make_titled_icd_codes(EVERYDAY_NAMED_ICD)
    hcpcs = make_system("hcpcs", name="HCPCS Level II")
    for code, descriptor in EVERYDAY_NAMED_HCPCS.items():
        make_code(code, hcpcs, short_descriptor=descriptor[:28], long_descriptor=descriptor)
    load_seed_synonyms()


def first_three(client, query: str) -> list[str]:
    html = client.get("/search/", {"q": query}).content.decode()
    return re.findall(r'class="code-list__code">[^<]* ([A-Z0-9.]+)</span>', html)[:3]


def test_a_phrase_patients_use_finds_the_one_word_the_code_sets_use(client, symptoms):
    response = client.get("/search/", {"q": "protein in urine"})

    assert "R80.9" in first_three(client, "protein in urine")
    assert "protein in urine = proteinuria" in response.content.decode()
    assert first_three(client, "blood in urine")[0] == "R31.9"


def test_two_words_the_code_sets_write_as_one_find_it(client, symptoms):
    assert first_three(client, "heart burn")[0] == "R12"


def test_an_adjective_finds_the_symptom_it_names_not_a_word_spelt_like_it(client, symptoms):
    assert "R49.0" in first_three(client, "hoarse voice")
    assert first_three(client, "hoarse") == ["R49.0"]  # not horse
    assert first_three(client, "tired")[0] == "R53.83"
    assert first_three(client, "blurry vision")[0] == "H53.8"  # blurred, not berry


def test_too_much_or_too_little_of_something_finds_its_medical_word(client, symptoms):
    codes = first_three(client, "low potassium")

    assert codes[0] == "E87.6"
    known = {"hypoxemia", "hypothyroidism"}.__contains__
    assert one_word_readings(["low", "oxygen"], known) == ["hypoxemia"]
    assert one_word_readings(["underactive", "thyroid"], known) == ["hypothyroidism"]


def test_only_words_the_catalogue_holds_are_offered():
    known = {"proteinuria", "hepatitis", "heartburn"}.__contains__

    assert one_word_readings(["protein", "urine"], known) == ["proteinuria"]
    assert one_word_readings(["inflamed", "liver"], known) == ["hepatitis"]
    assert one_word_readings(["liver", "inflammation"], known) == ["hepatitis"]
    assert one_word_readings(["kidney", "inflammation"], known) == []  # nephritis unknown here
    assert one_word_readings(["heart"], known) == []


def test_another_form_of_a_word_the_code_sets_use_is_not_corrected(client, symptoms):
    page = client.get("/search/", {"q": "urine leaking"}).content.decode()

    assert first_three(client, "urine leaking")[0] == "R32"
    assert "leaking \u2192 leading" not in page


def test_an_everyday_term_typed_in_the_plural_is_still_read(client, symptoms):
    load_seed_synonyms()  # "nose bleed" = epistaxis

    assert first_three(client, "nose bleeds")[0] == "R04.0"
    assert first_three(client, "heart burns")[0] == "R12"


def test_an_everyday_term_is_read_whatever_its_word_order_or_form(client, symptoms):
    load_seed_synonyms()  # "heart racing" = tachycardia, "throw up" = vomiting

    assert first_three(client, "racing heart")[0] == "R00.0"
    assert first_three(client, "C diff")[0] == "A04.72"  # the seed's "cdiff"
    assert "throw up" in everyday_forms("throwing up")
    assert everyday_forms("sores") == []  # a word alone is left to stemming


def test_a_word_cut_short_is_read_as_its_most_used_completion(client, symptoms):
    page = client.get("/search/", {"q": "strep throat"}).content.decode()

    assert first_three(client, "strep throat")[0] == "J02.0"
    assert "strep \u2192 streptococcal" in page  # not "strap"


def test_an_organs_infection_is_read_as_its_inflammation_but_not_the_skins():
    known = {"cystitis", "dermatitis"}.__contains__

    assert one_word_readings(["bladder", "infection"], known) == ["cystitis"]
    assert one_word_readings(["skin", "infection"], known) == []  # cellulitis, not dermatitis


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("wry neck", "M43.6"),  # torticollis
        ("charley horse", "R25.2"),  # cramp
        ("brittle bones", "M81.0"),  # osteoporosis
        ("venofer", "J1756"),  # iron sucrose, a brand the patient was given
        ("potty chair", "E0163"),  # commode chair
        ("grab bar", "E0241"),  # bath tub wall rail
    ],
)
def test_an_everyday_name_no_code_set_uses_finds_its_code(client, everyday_named, query, code):
    assert code in first_three(client, query)
