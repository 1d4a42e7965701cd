"""Everyday phrases read as the one medical word the code sets use for them.

Patients say in two or three plain words what medicine says in one: "protein in urine" is
proteinuria, "liver inflammation" hepatitis, "cold sore" the index's "Coldsore". Two ways,
both checked against the catalogue's own words, so that only a word the code sets use is
ever offered:

- words typed apart that the code sets write as one ("nose bleed" -> nosebleed);
- a body part or substance and what happens to it, put together from the standard combining
  forms of medical terminology (blood + "in urine" -> hemat + uria, "low potassium" ->
  hypo + kal + emia).

The forms below are general medical vocabulary written for this module (any terminology
textbook lists them), not phrases taken from queries.
"""

from collections.abc import Callable
from itertools import product

# Plain words for a body part or substance, and the combining forms medicine builds on.
ROOTS = {
    "blood": ["hem", "hemat", "hemo", "hemato"],
    "bloody": ["hem", "hemat", "hemo", "hemato"],
    "protein": ["protein"],
    "sugar": ["glycos", "gluc"],
    "pus": ["py", "pyo"],
    "fat": ["lip", "lipo"],
    "kidney": ["nephr", "nephro"],
    "kidneys": ["nephr", "nephro"],
    "liver": ["hepat", "hepato"],
    "stomach": ["gastr", "gastro"],
    "heart": ["cardi", "cardio"],
    "skin": ["derm", "dermat", "dermato"],
    "bone": ["oste", "osteo"],
    "bones": ["oste", "osteo"],
    "joint": ["arthr", "arthro"],
    "joints": ["arthr", "arthro"],
    "muscle": ["my", "myo", "myos"],
    "muscles": ["my", "myo", "myos"],
    "nerve": ["neur", "neuro"],
    "nerves": ["neur", "neuro"],
    "brain": ["encephal", "encephalo"],
    "head": ["cephal"],
    "ear": ["ot", "oto"],
    "ears": ["ot", "oto"],
    "nose": ["rhin", "rhino"],
    "mouth": ["stomat"],
    "tongue": ["gloss", "glosso"],
    "tooth": ["dent", "odont"],
    "teeth": ["dent", "odont"],
    "gum": ["gingiv"],
    "gums": ["gingiv"],
    "eyelid": ["blephar"],
    "eyelids": ["blephar"],
    "bladder": ["cyst"],
    "vein": ["phleb"],
    "veins": ["phleb"],
    "artery": ["arteri", "arterio"],
    "arteries": ["arteri", "arterio"],
    "lung": ["pneumon", "pneum"],
    "lungs": ["pneumon", "pneum"],
    "throat": ["pharyng"],
    "breast": ["mast", "mammo"],
    "spleen": ["splen", "spleno"],
    "gallbladder": ["cholecyst"],
    "bowel": ["enter", "entero"],
    "bowels": ["enter", "entero"],
    "colon": ["col"],
    "tendon": ["tendin", "teno"],
    "tendons": ["tendin", "teno"],
    "spine": ["spondyl"],
    "navel": ["omphal"],
    "womb": ["hyster", "metr"],
    "sinus": ["sinus"],
    "sinuses": ["sinus"],
    "tonsil": ["tonsill"],
    "tonsils": ["tonsill"],
    "appendix": ["appendic"],
    "pancreas": ["pancreat"],
    "prostate": ["prostat"],
    "testicle": ["orch"],
    "testicles": ["orch"],
    "windpipe": ["trache"],
}
# What happens to it, in plain words, and the medical suffixes for it.
CHANGES = {
    ("inflammation",): ["itis"],
    ("inflamed",): ["itis"],
    ("pain",): ["algia", "dynia"],
    ("pains",): ["algia", "dynia"],
    ("ache",): ["algia", "dynia"],
    ("aches",): ["algia", "dynia"],
    ("urine",): ["uria"],
    ("pee",): ["uria"],
    ("enlarged",): ["megaly", "omegaly"],
    ("enlargement",): ["megaly", "omegaly"],
    ("big",): ["megaly", "omegaly"],
    ("stone",): ["lithiasis", "olithiasis"],
    ("stones",): ["lithiasis", "olithiasis"],
    ("bleeding",): ["rrhagia", "rrhage"],
    ("lump",): ["oma"],
    ("hardening",): ["sclerosis"],
    ("softening",): ["malacia"],
    ("vomiting",): ["emesis"],
    ("throwing", "up"): ["emesis"],
    ("coughing", "up"): ["ptysis"],
    ("spitting", "up"): ["ptysis"],
    ("runny",): ["rrhea"],
    ("running",): ["rrhea"],
}
# Organs whose infection medicine names as their inflammation ("bladder infection":
# cystitis); not the skin, lungs or bones, whose infections have names of their own
# (cellulitis, pneumonia, osteomyelitis).
INFECTED_ORGANS = frozenset(
    ["bladder", "kidney", "kidneys", "sinus", "sinuses", "tonsil", "tonsils", "appendix", "ear",
     "ears", "throat", "gum", "gums", "prostate", "testicle", "testicles", "windpipe",
     "breast", "navel", "eyelid", "eyelids", "vein", "veins", "colon", "bowel", "bowels",
     "gallbladder", "pancreas", "liver", "brain"]
)  # fmt: skip
INFECTION = frozenset([("infection",), ("infected",), ("infections",)])
# Too much or too little of something, and the prefixes medicine puts before its root:
# "low potassium" -> hypo + kal + emia, "underactive thyroid" -> hypo + thyroid + ism.
LEVELS = {
    "low": ["hypo"],
    "high": ["hyper"],
    "underactive": ["hypo"],
    "overactive": ["hyper"],
    "fast": ["tachy"],
    "slow": ["brady"],
}
MEASURES = {
    ("potassium",): ["kal"],
    ("sodium",): ["natr"],
    ("calcium",): ["calc"],
    ("magnesium",): ["magnes"],
    ("phosphate",): ["phosphat"],
    ("sugar",): ["glyc"],
    ("blood", "sugar"): ["glyc"],
    ("glucose",): ["glyc"],
    ("oxygen",): ["ox"],
    ("cholesterol",): ["cholesterol"],
    ("thyroid",): ["thyroid"],
    ("blood", "pressure"): ["tens"],
    ("temperature",): ["therm"],
    ("heart", "rate"): ["cardi"],
    ("heartbeat",): ["cardi"],
    ("heart", "beat"): ["cardi"],
    ("breathing",): ["pne", "pnea"],
}
# What follows the root: a state of the blood (-emia), of an organ (-ism), a condition (-ia).
LEVEL_ENDINGS = ["emia", "ia", "a", "ism", "idism", "ion"]


def one_word_readings(words: list[str], known: Callable[[str], bool]) -> list[str]:
    """The single words of the code sets that `words` (a run of the query, noise words
    left out) may stand for, or none."""
    readings: list[str] = []
    if len(words) < 2:
        return readings
    # Two words of three letters or more: "hep c" is hepatitis C, not HCPCS's "hepc".
    if len(words) == 2 and min(map(len, words)) > 2 and known(joined := "".join(words)):
        readings.append(joined)
    for root_at, change_at in [(0, slice(1, None)), (-1, slice(None, -1))]:
        forms = ROOTS.get(words[root_at], [])
        change = tuple(words[change_at])
        infected = change in INFECTION and words[root_at] in INFECTED_ORGANS
        suffixes = ["itis"] if infected else CHANGES.get(change, [])
        for form, suffix in product(forms, suffixes):
            word = form + suffix
            if word not in readings and known(word):
                readings.append(word)
    prefixes, roots = LEVELS.get(words[0], []), MEASURES.get(tuple(words[1:]), [])
    for prefix, root, ending in product(prefixes, roots, LEVEL_ENDINGS):
        if root[0] in "aeiou" and prefix[-1] in "aeiou":
            prefix = prefix[:-1]  # hypo + ox: hypoxemia
        word = prefix + root + ending
        if word not in readings and known(word):
            readings.append(word)
    return readings
