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
from dataclasses import dataclass
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
    "larynx": ["laryng"],
    "gall": ["chole", "chol"],
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
    ("peeing",): ["uria"],
    # What comes out with the stool: blood in it is hematochezia (Hematochezia: see Melena).
    ("poop",): ["chezia"],
    ("pooping",): ["chezia"],
    ("poo",): ["chezia"],
    ("stool",): ["chezia"],
    ("stools",): ["chezia"],
    ("enlarged",): ["megaly", "omegaly"],
    ("enlargement",): ["megaly", "omegaly"],
    ("big",): ["megaly", "omegaly"],
    ("stone",): ["lithiasis", "olithiasis"],
    ("stones",): ["lithiasis", "olithiasis"],
    ("bleeding",): ["rrhagia", "rrhage"],
    # Blood that comes from a part is its bleeding ("blood from the ear": otorrhagia).
    ("blood",): ["rrhagia", "rrhage"],
    ("lump",): ["oma"],
    ("hardening",): ["sclerosis"],
    ("softening",): ["malacia"],
    ("vomiting",): ["emesis"],
    ("throwing", "up"): ["emesis"],
    ("coughing", "up"): ["ptysis"],
    ("spitting", "up"): ["ptysis"],
    ("runny",): ["rrhea"],
    ("draining",): ["rrhea", "orrhea"],
    ("drainage",): ["rrhea", "orrhea"],
    ("discharge",): ["rrhea", "orrhea"],
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
    # A rate's low and high are slow and fast: "low heart rate" is bradycardia.
    "low": ["hypo", "brady"],
    "high": ["hyper", "tachy"],
    "underactive": ["hypo"],
    "overactive": ["hyper"],
    "fast": ["tachy"],
    "slow": ["brady"],
    # A level that moves: "sugar dropping", "pressure spiking".
    "dropping": ["hypo", "brady"],
    "dropped": ["hypo", "brady"],
    "drops": ["hypo", "brady"],
    "crashing": ["hypo"],
    "spiking": ["hyper", "tachy"],
    "spikes": ["hyper", "tachy"],
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
    ("fat",): ["lipid"],
    ("fats",): ["lipid"],
    ("blood", "fats"): ["lipid"],
    ("blood", "fat"): ["lipid"],
    ("lipids",): ["lipid"],
    ("triglycerides",): ["triglyceride"],
    ("blood", "sugars"): ["glyc"],
    ("sugars",): ["glyc"],
    ("blood", "potassium"): ["kal"],
    ("blood", "sodium"): ["natr"],
    ("blood", "calcium"): ["calc"],
    ("heart", "beat"): ["cardi"],
    ("heart", "beating"): ["cardi"],
    ("pulse",): ["cardi"],
    ("heart", "rates"): ["cardi"],
    ("thyroid",): ["thyroid"],
    ("blood", "pressure"): ["tens"],
    ("temperature",): ["therm"],
    ("heart", "rate"): ["cardi"],
    ("heartbeat",): ["cardi"],
    ("breathing",): ["pne", "pnea"],
}
MEASURES_ANY_ORDER = {frozenset(words): roots for words, roots in MEASURES.items()}
# What follows the root: a state of the blood (-emia), of an organ (-ism), a condition (-ia).
LEVEL_ENDINGS = ["emia", "ia", "a", "ism", "idism", "ion"]


# Parts patients name in two words that the roots list as one.
TWO_WORD_PARTS = {("gall", "bladder"): "gallbladder", ("wind", "pipe"): "windpipe",
                  ("belly", "button"): "navel", ("tummy", "button"): "navel",
                  ("voice", "box"): "larynx"}  # fmt: skip


def joined_parts(words: list[str]) -> list[str]:
    """The words with a part named in two words as one ("gall bladder": gallbladder)."""
    for at in range(len(words) - 1):
        part = TWO_WORD_PARTS.get((words[at], words[at + 1]))
        if part:
            return [*words[:at], part, *words[at + 2 :]]
    return words


def singular(word: str) -> str:
    """A plural's singular as roots are listed ("kidneys": kidney, "feet": foot)."""
    irregular = {"feet": "foot", "teeth": "tooth"}
    if word in irregular:
        return irregular[word]
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def one_word_readings(words: list[str], known: Callable[[str], bool]) -> list[str]:
    """The single words of the code sets that `words` (a run of the query, noise words
    left out) may stand for, or none."""
    readings: list[str] = []
    words = joined_parts(words)
    if len(words) < 2:
        return readings
    # Two words of three letters or more: "hep c" is hepatitis C, not HCPCS's "hepc".
    if len(words) == 2 and min(map(len, words)) > 2 and known(joined := "".join(words)):
        readings.append(joined)
    for root_at, change_at in [(0, slice(1, None)), (-1, slice(None, -1))]:
        forms = ROOTS.get(words[root_at]) or ROOTS.get(singular(words[root_at]), [])
        change = tuple(words[change_at])
        infected = change in INFECTION and words[root_at] in INFECTED_ORGANS
        suffixes = ["itis"] if infected else CHANGES.get(change, [])
        for form, suffix in product(forms, suffixes):
            word = form + suffix
            if word not in readings and known(word):
                readings.append(word)
    # The level before its measure or after it ("sugar low", "potassium levels low").
    level_at = 0 if words[0] in LEVELS else -1
    measure = words[1:] if level_at == 0 else words[:-1]
    measure = [word for word in measure if word not in LEVEL_WORDS] or measure
    # In any order ("sugar in blood high" says blood sugar).
    roots = (
        MEASURES.get(tuple(measure))
        or MEASURES_ANY_ORDER.get(frozenset(measure))
        or MEASURES_ANY_ORDER.get(frozenset(measure) - {"blood", "serum"}, [])
    )
    prefixes = LEVELS.get(words[level_at], [])
    for prefix, root, ending in product(prefixes, roots, LEVEL_ENDINGS):
        if root[0] in "aeiou" and prefix[-1] in "aeiou":
            prefix = prefix[:-1]  # hypo + ox: hypoxemia
        word = prefix + root + ending
        if word not in readings and known(word):
            readings.append(word)
    return readings


# What the body does, as patients say it (the verb, its forms), and the noun the code sets use
# for it; then what is wrong with it, in the words the code sets use: hard to do ("trouble
# swallowing": dysphagia), painful ("pain when peeing": dysuria), too often ("peeing a lot":
# frequency of micturition), at night (nocturia), or not at all ("can't smell": anosmia).
# General vocabulary of the index's own entries (Difficult, difficulty > walking; Micturition >
# frequency, nocturnal, painful; Loss > hearing, vision, memory), not phrases from queries.
@dataclass(frozen=True)
class Function:
    noun: str
    hard: tuple[str, ...] = ()
    painful: tuple[str, ...] = ()
    often: tuple[str, ...] = ()
    at_night: tuple[str, ...] = ()
    none: tuple[str, ...] = ()
    # Not held back ("can't hold my pee", "leaking pee"): its incontinence.
    uncontrolled: tuple[str, ...] = ()
    # Still coming after it is done ("dribbling after I pee").
    dribbling: tuple[str, ...] = ()


BREATHING = Function("breathing", hard=("dyspnea",), painful=("pain on breathing",))
SWALLOWING = Function("swallowing", hard=("dysphagia",), painful=("dysphagia",), none=("aphagia",))
SLEEP = Function("sleep", hard=("insomnia",), often=("hypersomnia",), none=("insomnia",))
HEARING = Function("hearing", hard=("hearing loss",), none=("deafness", "hearing loss"))
VISION = Function("vision", hard=("visual disturbance", "vision loss"), none=("blindness",))
URINATION = Function(
    "urination",
    hard=("difficulty micturition", "retention urine"),
    painful=("dysuria", "painful micturition"),
    often=("frequency micturition", "polyuria"),
    at_night=("nocturia", "nocturnal micturition"),
    none=("retention urine", "anuria"),
    uncontrolled=("incontinence urine", "urinary incontinence"),
    dribbling=("post void dribbling",),
)
DEFECATION = Function(
    "defecation",
    hard=("constipation",),
    painful=("painful defecation",),
    uncontrolled=("incontinence feces", "fecal incontinence"),
)
# Food that does not stay down is vomited ("can't keep food down": Vomiting).
KEEPING_DOWN = Function("vomiting", hard=("vomiting",))
WALKING = Function("walking", hard=("difficulty walking",), none=("difficulty walking",))
SPEECH = Function("speech", hard=("speech disturbance",), none=("aphasia",))
MEMORY = Function("memory", hard=("memory loss", "memory deficit"), none=("amnesia",))
EATING = Function("eating", hard=("feeding difficulties",), none=("feeding difficulties",))
# Forgetting is the memory's loss, said as what happens rather than what cannot be done.
FORGETTING = Function("memory loss", often=("memory loss",))
CONCENTRATING = Function(
    "concentration", hard=("concentration deficit", "attention concentration deficit")
)
BELCHING = Function("eructation", often=("eructation",))
FLATUS = Function("flatulence", often=("flatulence",))
SWEATING = Function("sweating", often=("hyperhidrosis",), at_night=("night sweats",))
THIRST = Function("thirst", often=("polydipsia",))
SMELL = Function("smell", hard=("anosmia",), none=("anosmia",))
TASTE = Function("taste", hard=("ageusia",), none=("ageusia",))
BED_WETTING = Function("enuresis", often=("enuresis",), at_night=("nocturnal enuresis",))
FUNCTIONS: dict[tuple[str, ...], Function] = {
    **dict.fromkeys([("breathe",), ("breathing",), ("breath",), ("breathe", "in")], BREATHING),
    **dict.fromkeys([("swallow",), ("swallowing",), ("swallow", "food"), ("swallow", "pills")],
                    SWALLOWING),
    **dict.fromkeys([("sleep",), ("sleeping",), ("fall", "asleep"), ("falling", "asleep"),
                     ("stay", "asleep"), ("staying", "asleep"), ("get", "sleep"),
                     ("getting", "sleep")], SLEEP),
    **dict.fromkeys([("hear",), ("hearing",)], HEARING),
    **dict.fromkeys([("see",), ("seeing",), ("see", "well"), ("seeing", "well")], VISION),
    **dict.fromkeys([("pee",), ("peeing",), ("pees",), ("urinate",), ("urinating",), ("wee",),
                     ("weeing",), ("piss",), ("pissing",)], URINATION),
    **dict.fromkeys([("poop",), ("pooping",), ("poo",), ("pass", "stool"),
                     ("bowel", "movement"), ("bowel", "movements")], DEFECATION),
    **dict.fromkeys([("walk",), ("walking",)], WALKING),
    **dict.fromkeys([("talk",), ("talking",), ("speak",), ("speaking",)], SPEECH),
    **dict.fromkeys([("remember",), ("remembering",), ("remembering", "things")], MEMORY),
    **dict.fromkeys([("forgetting",), ("forgetting", "things"), ("forget", "things"),
                     ("forgetful",), ("forgets", "things")], FORGETTING),
    **dict.fromkeys([("concentrate",), ("concentrating",), ("focus",), ("focusing",),
                     ("pay", "attention"), ("paying", "attention")], CONCENTRATING),
    **dict.fromkeys([("eat",), ("eating",)], EATING),
    **dict.fromkeys([("burp",), ("burping",), ("burps",), ("belching",)], BELCHING),
    **dict.fromkeys([("fart",), ("farting",), ("farts",), ("passing", "gas"),
                     ("gassy",)], FLATUS),
    **dict.fromkeys([("sweat",), ("sweating",), ("sweats",)], SWEATING),
    **dict.fromkeys([("thirsty",), ("thirst",)], THIRST),
    **dict.fromkeys([("wetting", "bed"), ("wet", "bed"), ("wets", "bed")], BED_WETTING),
    **dict.fromkeys([("food", "down"), ("any", "food", "down"), ("anything", "down"),
                     ("fluids", "down"), ("liquids", "down"), ("water", "down"),
                     ("it", "down")], KEEPING_DOWN),
    **dict.fromkeys([("smell",), ("smelling",), ("sense", "smell")], SMELL),
    **dict.fromkeys([("taste",), ("tasting",), ("sense", "taste")], TASTE),
}  # fmt: skip
# How patients say it is hard, painful, too often, at night, or not at all; the query's noise
# words ("to", "at", "the") are already left out: "unable to swallow" is "unable swallow".
HARD_BEFORE = frozenset(
    [("trouble",), ("difficulty",), ("difficult",), ("hard", "time"), ("hard",), ("problem",),
     ("problems",), ("struggling",), ("struggle",), ("cannot",), ("cant",), ("can", "t"),
     # What someone will not do ("my baby won't eat"), as a parent says it.
     ("wont",), ("won", "t"), ("doesnt",), ("does", "not"), ("refuses",), ("refusing",),
     ("can", "not"), ("unable",), ("not", "able"), ("issues",), ("trouble", "with"),
     ("problems", "with")]
)  # fmt: skip
NONE_BEFORE = frozenset([("no",), ("lost",), ("loss",), ("losing",)])
UNCONTROLLED_BEFORE = frozenset(
    [(*cannot, hold) for cannot in [("cant",), ("can", "t"), ("cannot",), ("can", "not"),
     ("unable",), ("not", "able")] for hold in ("hold", "control", "help")]
    + [("leaking",), ("leak",), ("leaks",), ("accidentally",)]
)  # fmt: skip
DRIBBLING_BEFORE = frozenset([("dribbling",), ("dribbling", "after"), ("dribble", "after"),
                              ("dribbles", "after"), ("dripping", "after")])  # fmt: skip
DRIBBLING_AFTER = frozenset([("dribbling",), ("dribbles",), ("dribble",)])
# A word for how it hurts, alone or with the word that says when ("stings when", "hurts
# while").
PAINFUL = ["pain", "painful", "hurts", "hurt", "hurting", "burning", "burns", "burn", "stings",
           "stinging", "sting", "sore", "aches", "ache", "aching"]  # fmt: skip
PAINFUL_BEFORE = frozenset(
    [(word,) for word in PAINFUL]
    + [(word, when) for word in PAINFUL for when in ("when", "while", "during", "after")]
    + [("it", "hurts")]
)
PAINFUL_AFTER = frozenset((word,) for word in PAINFUL)
OFTEN_BEFORE = frozenset([("always",), ("constant",), ("constantly",), ("frequent",),
                          ("lots",), ("excessive",), ("too", "much")])  # fmt: skip
OFTEN_AFTER = frozenset([("lot",), ("all", "time"), ("too", "much"), ("often",), ("lots",),
                         ("constantly",), ("frequently",), ("too", "often")])  # fmt: skip
AT_NIGHT = frozenset([("night",), ("nighttime",), ("night", "time"), ("during", "night")])
# A part's swelling, as the index reads it: a joint's is an effusion (Swelling > joint: see
# Effusion, joint), an organ's an enlargement (Enlargement, enlarged: see also Hypertrophy),
# the glands' enlarged lymph nodes (Swelling > glands).
SWOLLEN = frozenset(["swollen", "swelling", "swelled", "puffy", "swell"])
# Urine that leaks when the belly strains (a cough, a laugh, a jump) is stress incontinence
# (the index: Incontinence > stress N39.3).
LEAKING = frozenset(["leak", "leaks", "leaking", "leaked", "wet", "wetting", "dribble"])
STRAINING = frozenset(["cough", "coughing", "coughs", "sneeze", "sneezing", "sneezes", "laugh",
                       "laughing", "laughs", "jump", "jumping", "lift", "lifting", "exercise",
                       "exercising"])  # fmt: skip
# A bug or a flu of the stomach is gastroenteritis ("stomach bug": Flu > intestinal A08.4).
GUT_PARTS = frozenset(["stomach", "tummy", "belly", "gut", "bowel", "intestinal"])
GERMS = frozenset(["bug", "flu", "virus", "germ"])
# A burning in the stomach, chest or throat is heartburn (the index: Heartburn R12).
BURNING = frozenset(["burn", "burns", "burning"])
HEARTBURN_PARTS = frozenset(["stomach", "chest", "throat", "gullet", "esophagus"])
# Fluid in a joint, as patients say it, is its effusion too ("fluid in the elbow").
JOINT_FLUID = frozenset(["fluid", "water"])
JOINTS = {
    "knee": "knee", "knees": "knee", "ankle": "ankle", "ankles": "ankle", "elbow": "elbow",
    "elbows": "elbow", "wrist": "wrist", "wrists": "wrist", "hip": "hip", "hips": "hip",
    "shoulder": "shoulder", "shoulders": "shoulder", "joint": "joint", "joints": "joint",
}  # fmt: skip
ORGANS = {
    "tonsils": "tonsils", "tonsil": "tonsils", "adenoids": "adenoids", "gums": "gingival",
    "gum": "gingival", "thyroid": "thyroid", "prostate": "prostate", "liver": "liver",
    "spleen": "spleen", "heart": "heart", "breast": "breast", "breasts": "breast",
}  # fmt: skip
GLANDS = frozenset([("glands",), ("gland",), ("lymph", "nodes"), ("lymph", "node"),
                    ("lymph", "glands"), ("nodes",)])  # fmt: skip
# A part's bone, as patients name it ("ankle bone", "wrist bone"): the part, which the index's
# fractures and injuries are listed under (Fracture > ankle, wrist...).
BONY_PARTS = frozenset(["wrist", "ankle", "hip", "leg", "arm", "forearm", "foot", "hand",
                        "finger", "toe", "heel", "elbow", "knee", "shoulder", "neck", "back",
                        "face", "nose", "jaw", "chest", "skull", "pelvis", "pelvic",
                        "spine"])  # fmt: skip
BONE = frozenset(["bone", "bones"])
# A broken bone is a fracture (the index: Broken > bone: see Fracture); the part says where.
BREAKS = frozenset(["broken", "broke", "break", "breaks", "cracked", "fractured", "snapped"])
# A rash the index lists by kind, never by site (Rash > diaper, heat...: R21 wherever it is):
# "rash on my belly" is a rash.
RASH = frozenset(["rash", "rashes"])
BODY_SITES = frozenset(["belly", "tummy", "stomach", "abdomen", "back", "face", "chest", "arm",
                        "leg", "hand", "foot", "feet", "neck", "skin", "body", "butt", "bottom",
                        "groin", "armpit", "scalp", "forehead", "cheek", "thigh", "shin",
                        "finger", "toe", "wrist", "ankle", "elbow", "knee", "shoulder",
                        "torso", "trunk"])  # fmt: skip
# Eyes that water: abnormal lacrimation (the index: Lacrimation, abnormal: see Epiphora).
WATERING = frozenset(["watery", "watering", "tearing", "teary", "weepy", "weeping"])
EYES = frozenset(["eye", "eyes"])
# Stools that are loose are diarrhea (the index: Diarrhea, Loose stools... MedlinePlus).
LOOSE = frozenset(["loose", "runny", "watery", "liquid"])
STOOLS = frozenset(["stool", "stools", "poop", "poo", "bowels", "bowel", "movements"])
# A part that bleeds: its hemorrhage, as the index reads it (Hemorrhage > nose: R04.0).
BLOODY = frozenset(["bloody", "bleeding", "bleeds"])
# A part that comes away ("hair falling out", "teeth falling out"): its loss.
FALLING_OUT = frozenset([("falling", "out"), ("coming", "out"), ("fall", "out")])
LOSABLE = {"hair": "hair", "teeth": "teeth", "tooth": "teeth", "nails": "nail", "nail": "nail"}
# Where on a part it is ("swelling behind my knee", "pain under my ribs"): the index lists a
# complaint by the part itself (Swelling > knee: see Effusion, joint, knee).
POSITIONS = frozenset(["behind", "under", "underneath", "beneath", "below", "above", "around",
                       "near", "beside", "inside"])  # fmt: skip
# Words that give a patient's phrase its tone and no medical sense, skipped before reading it.
FILLERS = frozenset(["feeling", "feel", "feels", "really", "very", "keep", "keeps", "i", "im",
                     "me", "getting", "get", "got", "bad", "badly", "some", "kind"])  # fmt: skip
# Words of a patient's phrase that say how much or how often and never decide a code: a query
# drops them as it drops "of" and "the" (synonyms.py), and spelling leaves them alone ("always"
# is not "away"); the phrase rules still read them ("peeing a lot").
LAY_NOISE = frozenset(["always", "really", "very", "lot", "lots", "constantly", "keep", "keeps",
                       "im", "ive", "feel", "feels", "felt",
                       # Vague words for what comes up or out ("green stuff"): no "staff".
                       "stuff", "things",
                       # Contractions typed without their apostrophe: no misspelt "want".
                       "wont", "dont", "doesnt", "didnt", "isnt", "wasnt", "couldnt",
                       "cant",
                       # Everyday verbs a sentence moves on, no misspelt "cooing" ("coming").
                       "come", "comes", "coming", "came", "going", "goes", "gone", "get",
                       "gets", "getting", "got", "having", "doing", "does", "did"])  # fmt: skip
# Words of a patient's sentence that only say who speaks or how strongly ("my heart is
# racing", "ears keep ringing", "back is killing me"): left out before the query's runs are
# read, so that the words around them stand together as a phrase. Typed in capitals they may
# be abbreviations ("ME", "HE", "IT"), and "i" is the pronoun only where a sentence or clause
# starts (never "type i"), so those stay.
SENTENCE_WORDS = frozenset(["me", "myself", "mine", "im", "ive", "you", "your", "he", "she",
                            "his", "her", "him", "they", "their", "them", "its", "our", "we",
                            "am", "is", "are", "was", "were", "been", "being", "keep", "keeps",
                            "kept", "really", "very", "so", "just", "kinda",
                            "pretty", "gonna", "wanna", "gotta", "it", "went",
                            # A question asks about the complaint ("why does my knee hurt").
                            "why",
                            # Who it is about, when a parent or partner asks.
                            "kid", "kids", "son", "daughter", "toddler", "husband", "wife",
                            "hubby", "mom", "dad", "boyfriend", "girlfriend", "grandpa",
                            "grandma", "granny", "grandad", "granddad", "nana"])  # fmt: skip
# Whom a patient speaks of after "my", "our": the person, not what is wrong ("my baby has a
# fever"); "newborn", "mother" and the like say more (perinatal codes, family history).
POSSESSED_PERSONS = frozenset(["baby", "child", "infant", "grandson", "granddaughter",
                               "friend", "partner"])  # fmt: skip
POSSESSIVES = frozenset(["my", "our", "his", "her", "their", "your"])
COMING = frozenset(["coming", "comes", "came", "come"])
CLAUSE_STARTS = frozenset(["when", "whenever", "while", "after", "before", "if", "since",
                           "because", "and", "but", "so", "every", "time"])  # fmt: skip


def lay_vocabulary() -> frozenset[str]:
    """The patient's words these rules read: never a misspelling of another word ("throbbing"
    is not "throwing", "stubbed" not "stabbed")."""
    phrases = [*FUNCTIONS, *HARD_BEFORE, *NONE_BEFORE, *PAINFUL_BEFORE, *OFTEN_BEFORE,
               *OFTEN_AFTER, *UNCONTROLLED_BEFORE, *DRIBBLING_BEFORE]  # fmt: skip
    return (
        SENTENCE_WORDS
        | frozenset(INJURY_VERBS)
        | HOW_IT_HAPPENED
        | LEAKING
        | MOVING
        | STRAINING
        | WORRIED
        | LOW_MOOD
        | PAIN_WORDS
        | HEARTBEAT_WORDS
        | BLOCKED
        | TIME_UNITS
        | WHEN_ADVERBS
        | frozenset(word for phrase in phrases for word in phrase)
    )


# How often, as patients say it: read as the one word the phrase rules know ("peeing all the
# time": peeing constantly, frequency of micturition) and searches leave out.
CONSTANTLY = [("all", "the", "time"), ("all", "time"), ("every", "single", "day"),
              ("every", "day"), ("day", "and", "night"), ("a", "lot")]  # fmt: skip


def how_often_as_one_word(words: list[str]) -> list[str]:
    """The words with each way of saying "constantly" written so ("all the time")."""
    for phrase in CONSTANTLY:
        for at in range(len(words) - len(phrase) + 1):
            if tuple(words[at : at + len(phrase)]) == phrase:
                rest = how_often_as_one_word(words[at + len(phrase) :])
                return [*words[:at], "constantly", *rest]
    return words


# When it started or how long it has lasted, as patients add it to a complaint ("headache for
# three days now", "loose stools since yesterday", "heel hurts in the morning"): no code says
# it, and its words ("days", "week") would find codes for hospice days or weeks of gestation.
# A phrase starts with one of DURATION_STARTS, may count (TIME_COUNTS) and ends with a unit;
# the adverbs stand alone. "At night" stays: it says nocturia or night sweats.
DURATION_STARTS = frozenset(["for", "since", "past", "last", "this", "all", "every", "each",
                             "over", "in", "most", "couple", "few", "several"])  # fmt: skip
TIME_COUNTS = frozenset(["the", "a", "an", "of", "few", "couple", "several", "many", "whole",
                         "entire", "past", "last", "one", "two", "three", "four", "five", "six",
                         "seven", "eight", "nine", "ten", "other", "about", "almost", "over",
                         "like"])  # fmt: skip
TIME_UNITS = frozenset(["minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
                        "month", "months", "year", "years", "morning", "mornings", "evening",
                        "evenings", "afternoon", "afternoons", "weekend", "ages", "while",
                        "yesterday", "today", "monday", "tuesday", "wednesday", "thursday",
                        "friday", "saturday", "sunday"])  # fmt: skip
WHEN_ADVERBS = frozenset(["now", "lately", "recently", "sometimes", "yesterday", "today",
                          "anymore", "nowadays", "occasionally"])  # fmt: skip
# "On and off" and "off and on" say it comes and goes.
ON_AND_OFF = [("on", "and", "off"), ("off", "and", "on"), ("on", "off")]
# When a complaint comes, said by the meal ("burns after eating"): the complaint is coded.
MEALTIMES = [("after", "eating"), ("after", "i", "eat"), ("after", "meals"),
             ("after", "a", "meal"), ("after", "food"), ("when", "i", "eat"),
             ("when", "eating"), ("while", "eating")]  # fmt: skip
# Weeks count a pregnancy (Z3A: weeks of gestation): not left out where one is named.
PREGNANCY = frozenset(["pregnant", "pregnancy", "gestation", "gestational"])


def when_left_out(words: list[str]) -> list[str]:
    """The words without the phrases that say when it started or how long it has lasted,
    nor the adverbs of time ("headache for three days now": headache)."""
    if PREGNANCY & set(words):
        return words
    kept: list[str] = []
    at = 0
    while at < len(words):
        said = next(
            (
                len(phrase)
                for phrase in ON_AND_OFF + MEALTIMES
                if tuple(words[at : at + len(phrase)]) == phrase
            ),
            0,
        )
        if not said and words[at] in DURATION_STARTS:
            end = at + 1
            while end < len(words) and (words[end] in TIME_COUNTS or words[end].isdigit()):
                end += 1
            said = end + 1 - at if end < len(words) and words[end] in TIME_UNITS else 0
        if not said and words[at] in WHEN_ADVERBS:
            said = 1
        if said:
            at += said
        else:
            kept.append(words[at])
            at += 1
    return kept


# The first halves of contractions, which query words split at the apostrophe ("can't": can,
# t); patients type them with and without it, and the rules read them as one word ("cant").
CONTRACTED = frozenset(["can", "don", "won", "isn", "doesn", "didn", "couldn", "wasn", "aren",
                        "wouldn", "shouldn", "haven", "hasn"])  # fmt: skip


def contractions_joined(words: list[str]) -> list[str]:
    """The words with each contraction split at its apostrophe as one ("can t": cant)."""
    joined: list[str] = []
    for word in words:
        if word == "t" and joined and joined[-1] in CONTRACTED:
            joined[-1] += "t"
        else:
            joined.append(word)
    return joined


def sentence_words_left_out(words: list[str], capitals: frozenset[str] = frozenset()) -> list[str]:
    """The words without those that only carry a patient's sentence (only_carries_sentence)
    or say when or how long (when_left_out), how often said in one word, a contraction as
    one word; the words as they were if nothing else is left."""
    words = contractions_joined(words)
    words = how_often_as_one_word(when_left_out(words) or words)
    kept = [
        word
        for at, word in enumerate(words)
        if word in capitals or not only_carries_sentence(words, at)
    ]
    return kept or words


def only_carries_sentence(words: list[str], at: int) -> bool:
    """Whether the word at `at` only carries the sentence: one of SENTENCE_WORDS, "i" where a
    clause starts (not "type i"), the "out" of "out of" ("can't hear out of my ear"), "coming"
    before where from ("coming out of", "coming from")."""
    word = words[at]
    if word == "i":
        return at == 0 or words[at - 1] in CLAUSE_STARTS
    if word == "out":
        return words[at + 1 : at + 2] == ["of"]
    if word in COMING:  # "blood coming out of my ear": where from, not "hair coming out"
        return words[at + 1 : at + 3] == ["out", "of"] or words[at + 1 : at + 2] == ["from"]
    if word in POSSESSED_PERSONS:
        return at > 0 and words[at - 1] in POSSESSIVES
    return word in SENTENCE_WORDS


# A level a patient names with its measure: "potassium levels low", "sugar low".
LEVEL_WORDS = frozenset(["level", "levels", "count", "counts", "reading", "readings", "too",
                         "are", "very", "really"])  # fmt: skip


# What a patient did to a part, and the injury the index lists the part under ("stubbed my
# toe": Contusion > toe, "rolled my ankle": Sprain > ankle, "cracked a rib": Fracture > rib).
INJURY_VERBS = {
    **dict.fromkeys(["bruised", "bumped", "banged", "stubbed", "smashed", "whacked", "knocked",
                     "hit", "bruise"], "contusion"),
    **dict.fromkeys(["sprained", "twisted", "rolled", "turned", "jammed", "wrenched"], "sprain"),
    **dict.fromkeys(["pulled", "strained", "tweaked", "overstretched"], "strain"),
    **dict.fromkeys(["broke", "broken", "cracked", "fractured", "snapped"], "fracture"),
    **dict.fromkeys(["cut", "sliced", "gashed", "slashed"], "laceration"),
    # Skin rubbed off is an abrasion (Scratch: see Abrasion), teeth in it a bite (Bite > hand).
    **dict.fromkeys(["scraped", "skinned", "grazed", "scratched"], "abrasion"),
    **dict.fromkeys(["bit", "bitten", "nipped"], "bite"),
    **dict.fromkeys(["burned", "burnt", "scalded", "scorched"], "burn"),
    **dict.fromkeys(["dislocated", "popped"], "dislocation"),
    # A slipped disc is a displaced one (Displacement > intervertebral disc).
    **dict.fromkeys(["slipped", "herniated", "bulging"], "displacement"),
}  # fmt: skip
# How an injury happened, told before it ("fell off my bike and scraped my knee"): the clause
# up to "and" says what an external cause code says, which a coder reports after the injury,
# so it is left out when what follows reads as the injury (synonyms.py); told alone ("fell
# off a ladder") it is searched.
HOW_IT_HAPPENED = frozenset(["fell", "fall", "falling", "tripped", "tripping", "crashed",
                             "crashing", "collided", "wiped"])  # fmt: skip
# Parts of the body a patient injures or feels pain in, as the index names them (singular).
BODY_PARTS = frozenset(
    ["head", "face", "nose", "lip", "mouth", "jaw", "eye", "ear", "neck", "throat", "shoulder",
     "arm", "elbow", "forearm", "wrist", "hand", "finger", "thumb", "knuckle", "chest", "rib",
     "breast", "back", "abdomen", "belly", "stomach", "tummy", "hip", "groin", "buttock",
     "thigh", "knee", "leg", "shin", "calf", "ankle", "foot", "heel", "toe", "tooth", "scalp",
     "forehead", "cheek", "chin", "tailbone", "coccyx", "collarbone", "clavicle", "spine",
     "pelvis", "joint", "muscle", "tendon", "gut", "disc", "disk"]
)  # fmt: skip
SIDE_WORDS = frozenset(["left", "right", "both", "lower", "upper", "middle", "big", "little",
                        "pinky", "index", "ring", "great"])  # fmt: skip
# How patients say a part hurts ("head is pounding", "back is killing me"): its pain, as the
# index lists it (Pain > head: see Headache; Pain > back). The heart's pounding is its beat.
# Not "sore", which is also a lesion (the index: Sore > lip, mouth).
PAIN_WORDS = frozenset(["hurts", "hurt", "hurting", "aching", "aches", "ache", "achy",
                        "killing", "pounding", "throbbing", "painful", "throbs"])  # fmt: skip
# A heart that races, pounds or flutters: palpitations (the index: Palpitations (heart)).
HEARTBEAT_WORDS = frozenset(["racing", "pounding", "fluttering", "flutters", "skipping",
                             "thumping", "flipping", "jumping", "fluttery", "skips", "skipped",
                             "skip", "misses", "missed", "missing"])  # fmt: skip
# "My heart skips a beat": the beat it skips says no more than the heart.
BEATS = frozenset(["beat", "beats", "a"])
HEART = frozenset(["heart", "heartbeat", "heartbeats"])


# A part as the index lists it where patients name it otherwise, beside the dictionary's
# anatomy entries ("shin": lower leg, tibia): a rib's bruise is the chest's (Contusion >
# chest), "lower back" the index's "low back" (Pain > low back).
PART_REGIONS = {"rib": ["chest"], "gut": ["abdominal", "abdomen"], "knuckle": ["finger"],
                "heel": ["foot"]}  # fmt: skip
# Parts only patients name so, which the dictionary's anatomy entries read ("shin": lower leg,
# tibia); a site the index lists itself ("hand") is not widened to its region (upper limb).
LAY_PARTS = frozenset(["belly", "tummy", "shin", "calf", "tailbone", "collarbone", "butt",
                       "armpit", "underarm", "kneecap", "breastbone", "eardrum", "womb",
                       "pinky"])  # fmt: skip
LEVEL_FORMS = {"lower": "low", "pinky": "little"}
# Which finger or toe: an injury's code says it (Fracture > toe > great), a pain's does not
# (Pain > limb > lower > toe): "my big toe hurts" is the toe's pain.
DIGIT_NAMES = frozenset(["big", "little", "pinky", "index", "ring", "great"])
# The bone a part's name stands for when a patient adds "bone" ("cheek bone": the malar).
PART_BONES = {"cheek": ["malar", "zygoma"], "thigh": ["femur"], "shin": ["tibia"],
              "breast": ["sternum"], "collar": ["clavicle"], "tail": ["coccyx"]}  # fmt: skip


def no_regions(_part: str) -> list[str]:
    return []


def named_parts(
    words: list[str], regions: Callable[[str], list[str]] = no_regions
) -> list[list[str]]:
    """The ways the index may name the part the words name (a side or level before it: "lower
    back", "left wrist", "ribs", "shin bone"), singular, with the dictionary's `regions` for
    it; none unless the words name a part."""
    bone = len(words) > 1 and words[-1] in BONE
    if bone:
        words = words[:-1]
    if not words or len(words) > 2:
        return []
    part, before = singular(words[-1]), words[:-1]
    if part not in BODY_PARTS | LAY_PARTS and not (bone and part in PART_BONES):
        return []
    if before and before[0] not in SIDE_WORDS:
        return []
    if bone and part in PART_BONES:  # the bone itself, not the region around it
        names = [*PART_BONES[part], part]
    else:
        names = [part, *PART_REGIONS.get(part, [])]
        if part in LAY_PARTS:
            names += [*regions(words[-1]), *regions(part)]
    parts = [[*before, *name.split()] for name in dict.fromkeys(names)]
    if before and before[0] in LEVEL_FORMS:
        parts.append([LEVEL_FORMS[before[0]], part])
    return parts


# A nose or chest that is blocked ("stuffed up", "stuffy"): its congestion, as the index
# lists it (Congestion > nasal, chest); "all" and "up" only say how much.
BLOCKED = frozenset(["stuffed", "stuffy", "blocked", "clogged", "plugged", "congested", "bunged"])
CONGESTED_PARTS = {"nose": "nasal", "nostrils": "nasal", "nostril": "nasal", "sinuses": "nasal",
                   "chest": "chest"}  # fmt: skip


def congestion_readings(words: list[str]) -> list[str]:
    core = [word for word in words if word not in ("all", "up")]
    if len(core) == 2 and set(core) & BLOCKED:
        return [f"congestion {CONGESTED_PARTS[word]}" for word in core if word in CONGESTED_PARTS]
    return []


def injury_readings(
    words: list[str], known: Callable[[str], bool], regions: Callable[[str], list[str]] = no_regions
) -> list[str]:
    """What a patient says happened to a part, as the index's injury and the part ("stubbed
    toe": contusion toe), its pain ("ear hurts": otalgia, "head pounding": pain head), or a
    heart that races (palpitations); or none."""
    if len(words) < 2:
        return []
    first, last = words[0], words[-1]
    if first in INJURY_VERBS:
        parts = named_parts(words[1:], regions)
        return [" ".join([INJURY_VERBS[first], *part]) for part in parts]
    said = [word for word in words if word not in BEATS]
    if len(said) == 2 and set(said) & HEART and set(said) & HEARTBEAT_WORDS:
        return ["palpitations"]
    if last in PAIN_WORDS or first in PAIN_WORDS:
        parts = named_parts(words[:-1] if last in PAIN_WORDS else words[1:], regions)
        return [
            " ".join([*[word for word in part[:-1] if word not in DIGIT_NAMES], reading])
            for part in parts
            for reading in [*one_word_readings([part[-1], "pain"], known), f"pain {part[-1]}"]
        ]
    return []


def phrase_readings(
    words: list[str], known: Callable[[str], bool], regions: Callable[[str], list[str]] = no_regions
) -> list[str]:
    """What the code sets call a patient's phrase about what the body does or what happened to
    a part ("trouble swallowing": dysphagia, "knee swelling": effusion knee, "hair falling
    out": loss hair), each of its words one the catalogue holds; or none. `regions` gives the
    dictionary's anatomy words for a part ("shin": tibia)."""
    felt = sensation_readings(words)  # read before "feel" is left out as a filler
    words = [word for word in words if word not in FILLERS | POSITIONS] or words
    readings = [
        reading
        for reading in felt
        + mood_readings(words)
        + function_readings(words, known)
        + part_readings(words)
        + injury_readings(words, known, regions)
        + congestion_readings(words)
        if all(map(known, reading.split()))
    ]
    return list(dict.fromkeys(readings))


# A part that cannot be felt is numb (the index: Numbness R20.0): "can't feel my toes".
CANNOT = frozenset([("cant",), ("can", "t"), ("cannot",), ("can", "not"), ("unable",),
                    ("not", "able"), ("no",), ("lost",)])  # fmt: skip
FEELING = frozenset(["feel", "feeling", "sensation"])
# Hearing or seeing what is not there (the index: Hallucination > auditory, visual,
# olfactory): "hearing things", "seeing people who are not there".
PERCEIVING = {
    **dict.fromkeys(["hear", "hears", "hearing", "heard"], "auditory"),
    **dict.fromkeys(["see", "sees", "seeing", "saw"], "visual"),
    **dict.fromkeys(["smell", "smells", "smelling", "smelled"], "olfactory"),
}  # fmt: skip
# A joint a patient cannot move as it should: "can't bend my knee".
MOVING = frozenset(["bend", "straighten", "move", "lift", "raise", "turn", "rotate", "flex",
                    "extend", "bending", "moving", "lifting", "turning",
                    "straightening"])  # fmt: skip
UNREAL = frozenset(["voices", "voice", "things", "stuff", "people", "sounds", "music",
                    "whispers", "whispering", "shadows", "bugs", "ghosts"])  # fmt: skip


def sensation_readings(words: list[str]) -> list[str]:
    """A part that cannot be felt (numbness), a joint that cannot be moved (its stiffness),
    or what is heard or seen that is not there (hallucination), as a patient's phrase says
    them."""
    for length in (1, 2):
        head, rest = tuple(words[:length]), words[length:]
        if head in CANNOT and rest[:1] and rest[0] in FEELING:
            parts = named_parts([word for word in rest[1:] if word not in SIDE_WORDS] or rest[1:])
            if parts or rest[1:] in (["anything"], []):
                return ["numbness"]
    for length in (1, 2):
        head, rest = tuple(words[:length]), words[length:]
        moved = [word for word in rest[1:] if word not in SIDE_WORDS]
        if head in CANNOT and rest[:1] and rest[0] in MOVING and len(moved) == 1:
            joint = JOINTS.get(moved[0])
            if joint and joint != "joint":
                # The index: Stiffness, joint > knee (M25.66-), as a coder reads "can't bend it".
                return [f"stiffness {joint}"]
    if len(words) == 2 and words[0] in PERCEIVING and words[1] in UNREAL:
        # The index's entry (Hallucination > auditory) and the tabular list's title.
        sense = PERCEIVING[words[0]]
        return [f"hallucination {sense}", f"{sense} hallucinations"]
    return []


# Low mood and worry in a patient's words, as the index names them (Depression F32.A, Anxiety
# F41.9); "down", "low" and "blue" say it only beside one of the others ("down and hopeless").
LOW_MOOD = frozenset(["sad", "hopeless", "depressed", "miserable", "worthless", "unhappy",
                      "gloomy", "tearful", "despondent"])  # fmt: skip
LOW_MOOD_BESIDE = frozenset(["down", "low", "blue", "empty", "and", "all", "time", "constantly"])
WORRIED = frozenset(["anxious", "worried", "panicky", "worrying", "worry", "worries", "uneasy",
                     "restless"])  # fmt: skip


def mood_readings(words: list[str]) -> list[str]:
    """The mood a run of mood words says ("sad and hopeless": depression, "anxious and
    worried": anxiety); none if any other word is said."""
    said = set(words) - LOW_MOOD_BESIDE
    if said and said <= LOW_MOOD:
        return ["depression"]
    if said and said <= WORRIED and set(words) - said <= {"and", "all", "time", "constantly"}:
        return ["anxiety"]
    return []


def function_readings(words: list[str], known: Callable[[str], bool]) -> list[str]:
    for before in range(0, min(3, len(words))):
        head, rest = tuple(words[:before]), words[before:]
        for after in range(0, min(3, len(rest))):
            core, tail = tuple(rest[: len(rest) - after]), tuple(rest[len(rest) - after :])
            function = FUNCTIONS.get(core)
            if function is None:
                continue
            if not head and not tail:
                # A verb alone only where the catalogue never uses it ("peeing", not "walk").
                unused = not all(map(known, core))
                return [function.noun] if unused and core != (function.noun,) else []
            if tail and not head:
                # "peeing a lot at night": how often, then when, says when.
                if tail[-1:] in AT_NIGHT or tail[-2:] in AT_NIGHT:
                    return list(function.at_night)
                if tail in PAINFUL_AFTER:
                    return list(function.painful)
                if tail in OFTEN_AFTER:
                    return list(function.often)
                if tail in AT_NIGHT:
                    return list(function.at_night)
                if tail in HARD_BEFORE:  # "breathing problems", "sleeping trouble"
                    return list(function.hard)
            if (head in DRIBBLING_BEFORE or tail in DRIBBLING_AFTER) and function.dribbling:
                return list(function.dribbling)
            if head and not tail:
                if head in UNCONTROLLED_BEFORE and function.uncontrolled:
                    return list(function.uncontrolled)
                if head in HARD_BEFORE:
                    return list(function.hard)
                if head in NONE_BEFORE:
                    return list(function.none or function.hard)
                if head in PAINFUL_BEFORE:
                    return list(function.painful)
                if head in OFTEN_BEFORE:
                    return list(function.often)
    return []


def part_readings(words: list[str]) -> list[str]:
    """A part and what happened to it: swollen (either order) or falling out."""
    if len(words) < 2:
        return []
    for swollen_at, part_at in [(0, slice(1, None)), (-1, slice(None, -1))]:
        part = tuple(words[part_at])
        if words[swollen_at] in JOINT_FLUID and len(part) == 1 and part[0] in JOINTS:
            joint = JOINTS[part[0]]
            return ["effusion joint"] if joint == "joint" else [f"effusion {joint}"]
        if words[swollen_at] not in SWOLLEN:
            continue
        if len(part) == 1 and part[0] in JOINTS:
            joint = JOINTS[part[0]]
            return ["effusion joint"] if joint == "joint" else [f"effusion {joint}"]
        if len(part) == 1 and part[0] in ORGANS:
            organ = ORGANS[part[0]]
            return [f"hypertrophy {organ}", f"enlargement {organ}", f"{organ} enlargement"]
        if part in GLANDS or (part[-1:] in GLANDS and len(part) == 2):
            return ["enlarged lymph nodes", "lymphadenopathy"]
    # "burn" after the part only: "burn on my chest" is a burn.
    burning_first = words[0] == "burning" and words[-1] in HEARTBURN_PARTS
    if len(words) == 2 and (burning_first or (words[0] in HEARTBURN_PARTS and words[1] in BURNING)):
        return ["heartburn"]
    # Swelling while pregnant is the pregnancy's edema (the index: Edema > gestational
    # O12.0-), not a joint's effusion.
    if PREGNANCY & set(words) and SWOLLEN & set(words):
        return ["gestational edema"]
    if LEAKING & set(words) and STRAINING & set(words):
        return ["stress incontinence"]
    if len(words) == 2 and words[0] in GUT_PARTS and words[1] in GERMS:
        return ["viral gastroenteritis", "gastroenteritis"]
    sites = {singular(word) for word in words} & BODY_SITES
    if len(words) == 2 and (words[0] in RASH) != (words[1] in RASH) and sites:
        return ["rash"]
    if len(words) == 2 and words[0] in BONY_PARTS and words[1] in BONE:
        return [words[0]]
    if len(words) == 2 and set(words) & BONE and set(words) & BREAKS:
        return ["fracture"]
    if words[0] in LOOSE and set(words[1:]) <= STOOLS:
        return ["diarrhea"]
    if words[0] in BLOODY and len(words) == 2 and words[1] not in STOOLS:
        return [f"hemorrhage {singular(words[1])}"]
    if {words[0], words[-1]} & WATERING and {words[0], words[-1]} & EYES and len(words) == 2:
        return ["epiphora"]
    # Hair that thins is lost too, a little at a time (Loss > hair: see Alopecia).
    if len(words) == 2 and set(words) == {"hair", "thinning"}:
        return ["loss hair", "alopecia"]
    for lost_at in (1, 2):
        if tuple(words[lost_at:]) in FALLING_OUT and tuple(words[:lost_at]) in {
            (part,) for part in LOSABLE
        }:
            part = LOSABLE[words[0]]
            return [f"loss {part}"] + (["alopecia"] if part == "hair" else [])
    return []


def tied_forms(first: str, second: str) -> list[str]:
    """A part and what it does, written the other way round with the words that tie them, as
    an everyday entry may hold it: "ears ringing" -> "ringing in the ears"."""
    return [f"{second} {tie} {first}" for tie in ("in the", "in", "of the", "on the", "on")]
