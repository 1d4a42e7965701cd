"""Patient identifiers are recognised; coding questions that name them as topics are not."""

import hashlib
from pathlib import Path

import pytest

from consultant.phi import find_phi, refusal_reason

WITH_PHI = [
    ("Pt DOB 03/14/1956 had a thigh biopsy, 27323 or 27324?", "a date of birth"),
    ("Date of birth: 1956-03-14. Which modifier for the left thigh?", "a date of birth"),
    ("She was born on March 14, 1956; can I bill 99213 with 20610?", "a date of birth"),
    ("MRN 00482913 came in for a knee injection, 20610 or 20611?", "a medical record"),
    ("Acct # 7734-2291 was denied for 27323, why?", "a medical record"),
    ("Member ID XJH44812003 Medicare denied 20610", "a medical record"),
    ("SSN 123-45-6789 appears on the denial for 99214", "a Social Security number"),
    ("Is 1EG4-TE5-MK73 the right format on the claim for 27323?", "a medical record"),
    ("Call the patient back at (555) 123-4567 about the 27323 bill", "a phone number"),
    ("Her number is 555.123.4567 and she had S72.001A", "a phone number"),
    ("Patient lives at 42 Maple Street, biopsy coded 27323", "a street address"),
    ("Seen at home in Springfield, IL 62704 for wound care", "a street address"),
    ("patient John Smith had a superficial thigh biopsy", "a patient's name"),
    ("Patient name: Maria Alvarez. Which ICD-10 code for a hip fracture?", "a patient's name"),
    ("Mrs. Okafor had 27323 on the left thigh, which modifier?", "a patient's name"),
]

WITHOUT_PHI = [
    "Where does the DOB go on the CMS-1500?",
    "Is the date of birth required for a newborn claim?",
    "Is the MRN required on a UB-04, and where?",
    "Which account number field does the 837P use?",
    "A 67-year-old male had a superficial thigh biopsy: 27323 or 27324?",
    "Patient presented with a 2 cm lesion on the left thigh; which modifier applies to 27323?",
    "Can 99213 be billed with 20610 on the same date of service?",
    "What does 8.23 RVU pay with the 33.4009 conversion factor?",
    "Are 99202-99215 payable in the same encounter as 20610?",
    "NDC 0409-4888-02 with J1885: how many units?",
    "Code S72.001A versus S72.001D for a subsequent encounter",
    "The patient Medicare Advantage plan denied 27323: appeal steps?",
    "Can I report 2 units the same way for both thighs?",
    "Dr. Patel asked whether 27323 needs modifier 59",
]


@pytest.mark.parametrize(("text", "kind"), WITH_PHI)
def test_patient_identifiers_are_found(text, kind):
    assert any(finding.kind.startswith(kind) for finding in find_phi(text))


@pytest.mark.parametrize("text", WITHOUT_PHI)
def test_coding_questions_are_not_taken_for_patient_identifiers(text):
    assert find_phi(text) == []


def test_refusal_names_the_kinds_found_but_never_repeats_them():
    reason = refusal_reason(find_phi("DOB 03/14/1956, call (555) 123-4567"))

    assert "a date of birth and a phone number" in reason
    assert "03/14/1956" not in reason and "123-4567" not in reason


def test_the_evaluation_set_is_unchanged_since_it_was_frozen():
    """bench/phi_sentences.tsv was written and committed before the screen was changed, and
    bench/README.md's recall and precision were measured on it. Editing it afterwards (dropping
    a question the screen misses, relabelling a false alarm) would quietly raise those figures,
    so a change must be deliberate: a new hash here and the figures measured again."""
    sentences = Path(__file__).resolve().parents[2] / "bench" / "phi_sentences.tsv"

    digest = hashlib.sha256(sentences.read_bytes()).hexdigest()

    assert digest == "0ce5563276177dca669849b64fdd34649f26a357b14d76fa213cdf6675448acd"
