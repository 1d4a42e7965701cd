"""What a code page's CasePilot box offers: topics to ask about, as chips that fill the
question, and example questions shaped for the code's system."""

from dataclasses import dataclass

from lookup.models import Code


@dataclass(frozen=True)
class Topic:
    label: str
    question: str


# (chip label, question with {code}): the section kinds CasePilot recognises in a question
# (assistant/questions.py, KIND_WORDS) for procedure codes and for diagnosis codes.
PROCEDURE_TOPICS = [
    ("Guidelines", "Coding guidelines for {code}"),
    ("Modifiers", "Which modifiers apply to {code}?"),
    ("Documentation", "What documentation supports {code}?"),
    ("NCCI edits", "NCCI edits for {code}"),
    ("Medicare coverage", "Medicare coverage for {code}"),
    ("Payment", "What does Medicare pay for {code}?"),
    ("Denials", "Why are claims for {code} denied?"),
    ("Crosswalks", "Which diagnosis codes crosswalk to {code}?"),
]
DIAGNOSIS_TOPICS = [
    ("Guidelines", "Coding guidelines for {code}"),
    ("Excludes notes", "Excludes notes for {code}"),
    ("Code first", "What should be coded first with {code}?"),
    ("Additional codes", "Which additional code goes with {code}?"),
    ("7th character", "Which 7th character does {code} take?"),
    ("Documentation", "What documentation supports {code}?"),
    ("Procedures", "Which procedures crosswalk to {code}?"),
]


# CasePilot's own page: the chips start a question that the reader completes with a code.
GENERAL_TOPICS = [
    ("CPT codes", "What is CPT code "),
    ("Guidelines", "Coding guidelines for "),
    ("Modifiers", "Which modifiers apply to "),
    ("Crosswalks", "Crosswalks for "),
    ("NCCI edits", "NCCI edits for "),
    ("Compliance", "Documentation requirements for "),
    ("Medicare coverage", "Medicare coverage for "),
]


def general_topics() -> list[Topic]:
    return [Topic(label, question) for label, question in GENERAL_TOPICS]


def topics_for(code: Code) -> list[Topic]:
    """The chips of `code`'s CasePilot box: ICD-10-CM codes get diagnosis-shaped ones."""
    topics = DIAGNOSIS_TOPICS if code.system.slug == "icd-10-cm" else PROCEDURE_TOPICS
    return [Topic(label, question.format(code=code.code)) for label, question in topics]


def examples_for(code: Code, related: list[Code]) -> list[str]:
    """Example questions about `code`: the pairing question names a related code of a
    procedure system when the page has one."""
    if code.system.slug == "icd-10-cm":
        return [f"What is {code.code}?", f"Excludes1 notes for {code.code}"]
    partner = next((each for each in related if each.system.slug != "icd-10-cm"), None)
    examples = [f"What is {code.code}?"]
    if partner is not None:
        examples.append(f"Can {code.code} be billed with {partner.code}?")
    examples.append(f"What does Medicare pay for {code.code}?")
    return examples
