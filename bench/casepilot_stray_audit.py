"""CasePilot's stray codes, audited on questions generated from templates (issue 24).

    .venv/bin/python bench/casepilot_stray_audit.py [--per-template 6] [--seed 24] [--examples 4]
        [--json build/bench/stray_audit.json]
    (BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/codeatlas_bench_NAME for PostgreSQL)

Issue 24 asks that CasePilot never suggest a code the question does not name or imply. The
evaluation set holds a few hundred questions; this audit asks many more, generated from
templates of every kind the issue names (global period, payment, RVUs, indicators, CC/MCC,
HCC V24/V28, billable, 7th character, valid on a date, replaced by, notes, modifiers,
documentation, denials, NCCI pairs, payers, two codes together, an E/M visit with a
procedure, doses in mg or units), each filled with codes drawn at random (seeded) from the
bench database's systems, and some asked on a code's page instead of naming it.

Each question is asked through the real page as bench/assistant_answers.py asks it, by a
staff reader and by a new guest, and scored with its `stray_codes` (imported, not copied):
every code the answer links to, and every code-shaped word of its text the catalogue holds,
must be a code the question names, one under or above it (ICD-10-CM), or the page's code.
A question about a code's instructional notes, or about an editors' section of its page
(documentation, denials...), also implies the codes that note or section names: its answer
is their list.

Prints the number of answers holding a stray code, by kind, with examples. Tuning only: the
templates are written here, none is an item of the evaluation sets.
"""

import argparse
import json
import random
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from assistant_answers import (  # sets Django up on the bench database
    DATABASE,
    Catalogue,
    Readers,
    answer_view,
    load_what_make_run_loads,
    stray_codes,
)
from common import machine_note
from django.conf import settings

from assistant.indexing import rebuild_index
from fees.models import PhysicianFee
from lookup.models import Code, Section
from lookup.selectors import ancestors_of

OUTPUT = Path(__file__).resolve().parent.parent / "build" / "bench" / "stray_audit.json"
CODE_WORD = re.compile(
    r"\b(?:[0-9]{4}[0-9FTU]|[A-Z][0-9]{4}|[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)\b"
)

# Templates, written for this audit: {a} and {b} are codes of the kind's pools; "{this}" marks
# a template also asked on {a}'s page with the code left out of the words.
# Pools: icd (any ICD-10-CM code), icd-header (not billable), icd-7th (takes a 7th character),
# icd-history (with a change in the editions we hold), icd-note:KIND (with a note of KIND,
# its own or inherited), cpt (priced CPT), em (an office visit), hcpcs, drug (HCPCS with a
# dose in its descriptor), editor:KIND (a code with an editors' section of KIND).
TEMPLATES: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "global period": [
        ("how many post-op days does {a} carry", ("cpt",)),
        ("global days for {this}?", ("cpt",)),
        ("is there a follow-up period after {a}", ("cpt",)),
    ],
    "payment": [
        ("what does Medicare pay for {a} in an office", ("cpt",)),
        ("national allowable {this}", ("cpt",)),
        ("{a} facility rate in rest of California", ("cpt",)),
        ("ASC payment for {a}?", ("cpt",)),
        ("how much is {a} reimbursed", ("hcpcs",)),
    ],
    "RVUs": [
        ("work RVU of {a}", ("cpt",)),
        ("total relative value units for {this}", ("cpt",)),
    ],
    "indicators": [
        ("can {a} be billed bilaterally with modifier 50", ("cpt",)),
        ("is an assistant surgeon paid for {a}", ("cpt",)),
        ("does {this} split into 26 and TC", ("cpt",)),
        ("are co-surgeons allowed on {a}", ("cpt",)),
        ("multiple procedure reduction on {a}?", ("cpt",)),
        ("PFS status indicator of {a}", ("cpt",)),
    ],
    "CC/MCC": [
        ("is {a} an MCC", ("icd",)),
        ("does {this} count as a CC for the DRG", ("icd",)),
        ("{a} secondary dx with principal {b}: still a CC?", ("icd", "icd")),
    ],
    "HCC": [
        ("which V28 HCC does {a} map to", ("icd",)),
        ("does {a} risk adjust under V24", ("icd",)),
        ("HCC for {this}?", ("icd",)),
    ],
    "billable": [
        ("is {a} billable", ("icd-header",)),
        ("{a} ok to bill as is?", ("icd",)),
        ("does {this} need more digits", ("icd-header",)),
    ],
    "7th character": [
        ("7th character for an initial encounter with {a}", ("icd-7th",)),
        ("what does seventh character D mean on {a}", ("icd-7th",)),
        ("sequela extension for {this}", ("icd-7th",)),
    ],
    "valid on a date": [
        ("was {a} valid on 10/1/2019", ("icd-history",)),
        ("could I report {a} in FY2022", ("icd",)),
        ("is {this} valid for a 3/15/2021 date of service", ("icd-history",)),
    ],
    "replaced by": [
        ("what replaced {a}", ("icd-history",)),
        ("which code did I use before {a} existed", ("icd-history",)),
        ("is {this} deleted", ("icd-history",)),
    ],
    "notes": [
        ("Excludes1 note for {a}", ("icd-note:excludes1",)),
        ("what does {this} exclude", ("icd-note:excludes2",)),
        ("code first instruction with {a}", ("icd-note:code-first",)),
        ("use additional code note on {a}", ("icd-note:use-additional-code",)),
        ("code also for {a}?", ("icd-note:code-also",)),
        ("what does {a} include", ("icd-note:inclusion-terms",)),
    ],
    "modifiers": [
        ("which modifiers go with {a}", ("cpt",)),
        ("modifier for {a} done on the left side", ("cpt",)),
        ("what modifiers apply to {this}", ("editor:modifiers",)),
        ("does {a} need a modifier", ("hcpcs",)),
    ],
    "documentation": [
        ("what documentation supports {a}", ("editor:documentation",)),
        ("what must the chart show for {this}", ("cpt",)),
        ("documentation needed to report {a}", ("icd",)),
    ],
    "denials": [
        ("why does {a} get denied", ("editor:denials",)),
        ("common denial reasons for {this}", ("cpt",)),
        ("{a} claim rejected, why?", ("icd",)),
    ],
    "NCCI pair": [
        ("is there an NCCI edit between {a} and {b}", ("cpt", "cpt")),
        ("does {a} bundle into {b}", ("cpt", "cpt")),
        ("column 1 column 2 edit {a} {b}", ("cpt", "cpt")),
    ],
    "payer": [
        ("does Aetna require prior authorization for {a}", ("cpt",)),
        ("is {a} covered by UnitedHealthcare", ("cpt",)),
        ("Cigna policy on {this}", ("cpt",)),
    ],
    "two codes together": [
        ("can {a} and {b} be billed on the same day", ("cpt", "cpt")),
        ("report {a} with {b} on one claim?", ("cpt", "hcpcs")),
        ("can I code {a} together with {b}", ("icd", "icd")),
    ],
    "E/M with a procedure": [
        ("can I bill {a} with {b} the same day", ("em", "cpt")),
        ("E/M visit and {b} on the same date: is the visit paid?", ("cpt", "cpt")),
        ("{a} plus {b} same session, modifier 25?", ("em", "cpt")),
    ],
    "doses": [
        ("how many units of {a} for 30 mg", ("drug",)),
        ("{a} 4 units at what rate", ("drug",)),
        ("dose per unit of {this}", ("drug",)),
        ("billing {a} for 1 mg given IV", ("drug",)),
    ],
    "no code": [
        ("what does modifier 59 mean", ()),
        ("when should I use modifier 25 on an E/M", ()),
        ("difference between XS and 59", ()),
        ("what is a 90-day global period", ()),
        ("how do I document a 1 mg dose", ()),
        ("which modifier shows a distinct procedural service", ()),
        ("what does the assistant at surgery indicator mean", ()),
        ("are add-on codes paid when billed alone", ()),
        ("how are bilateral procedures paid by Medicare", ()),
        ("what is an Excludes1 note", ()),
        ("when do I need a 7th character", ()),
        ("how does CMS-HCC V28 differ from V24", ()),
        ("what makes a diagnosis an MCC", ()),
        ("why would a claim deny for medical necessity", ()),
        ("what is the NCCI", ()),
        ("does Medicare pay for a visit on the day of surgery", ()),
        ("how many units for 250 mg", ()),
        ("what documentation supports an E/M visit", ()),
        ("modifier 26 vs TC", ()),
        ("what does global surgery package include", ()),
        ("difference between excludes1 and excludes2", ()),
        ("what is a header code", ()),
        ("what are RVUs", ()),
        ("can PT and OT be billed the same day", ()),
        ("what does code first mean", ()),
    ],
    # A second batch, written after the first run showed few strays, before running again.
    "asked on a page": [
        ("can I bill this with {b}", ("cpt", "cpt")),
        ("is this code a CC when {b} is principal", ("icd", "icd")),
        ("which diagnosis codes support this procedure", ("editor:crosswalks",)),
        ("what does this code exclude", ("icd-note:excludes1",)),
        ("does this code need modifier 59 with {b}", ("cpt", "cpt")),
        ("what ICD-10 codes go with this", ("cpt",)),
    ],
    "words like codes": [
        ("{a} for 2 units of 10 mg: E/M same day?", ("drug",)),
        ("V24 and V28 HCC for {a} in FY2025", ("icd",)),
        ("RT and LT on {a}, or 50?", ("cpt",)),
        ("{a}: MG patient, E/M visit, 5 mg dose", ("cpt",)),
        ("is {a} still valid for FY2024 dates", ("icd",)),
        ("{a} billed x2 units same day, any edits", ("hcpcs",)),
    ],
}
EDITOR_KINDS = ("modifiers", "documentation", "denials", "guidelines", "faq", "coverage")
NOTE_KINDS = {
    "excludes1": ["excludes1"],
    "excludes2": ["excludes2"],
    "code-first": ["code-first"],
    "use-additional-code": ["use-additional-code"],
    "code-also": ["code-also"],
    "inclusion-terms": ["inclusion-terms", "includes"],
}
# Which sections of the codes asked about a question asks for (their codes are its answer).
ASKED_SECTIONS = {
    "Excludes1": ["excludes1"],
    "exclude": ["excludes1", "excludes2"],
    "code first": ["code-first"],
    "use additional": ["use-additional-code"],
    "code also": ["code-also"],
    "include": ["inclusion-terms", "includes"],
    "modifier": ["modifiers"],
    "documentation": ["documentation"],
    "chart": ["documentation"],
    "denied": ["denials"],
    "denial": ["denials"],
    "rejected": ["denials"],
    "diagnosis codes": ["crosswalks"],
    "ICD-10 codes": ["crosswalks"],
}


class Pools:
    """Codes of the bench database to fill templates with, drawn at random with a seed."""

    def __init__(self, rng: random.Random, size: int):
        self.rng, self.size = rng, size
        self.cache: dict[str, list[Code]] = {}

    def sample(self, query, size: int) -> list[Code]:
        ids = list(query.values_list("pk", flat=True))
        chosen = self.rng.sample(ids, min(size, len(ids)))
        by_pk = Code.objects.select_related("system").in_bulk(chosen)
        return [by_pk[pk] for pk in chosen]

    def pool(self, name: str) -> list[Code]:
        if name not in self.cache:
            self.cache[name] = self.sample(self.query(name), self.size * 4)
        return self.cache[name]

    def query(self, name: str):
        codes = Code.objects.filter(level=Code.Level.CODE)
        icd = codes.filter(system__slug="icd-10-cm")
        kind, _, detail = name.partition(":")
        if kind == "icd":
            return icd
        if kind == "icd-header":
            return icd.filter(billable=False)
        if kind == "icd-7th":
            return icd.filter(code__regex=r"^[ST]").exclude(code__regex=r"^.{3}\..{4}$")
        if kind == "icd-history":
            return icd.filter(history__isnull=False).exclude(history__fiscal_year_added=None)
        if kind == "icd-note":
            holders = Section.objects.filter(kind__in=NOTE_KINDS[detail]).values("code")
            return Code.objects.filter(parent__in=holders, level=Code.Level.CODE) | icd.filter(
                pk__in=holders
            )
        if kind == "cpt":
            priced = PhysicianFee.objects.filter(modifier="").values("hcpcs")
            return codes.filter(system__slug="cpt", code__in=priced)
        if kind == "em":
            return codes.filter(system__slug="cpt", code__regex=r"^992(0[2-5]|1[2-5])$")
        if kind == "hcpcs":
            return codes.filter(system__slug="hcpcs")
        if kind == "drug":
            return codes.filter(system__slug="hcpcs", long_descriptor__regex=r"[0-9] ?(mg|units?)")
        if kind == "editor":
            return codes.filter(sections__kind=detail, sections__source="editor").distinct()
        raise ValueError(name)

    def draw(self, name: str) -> Code | None:
        pool = self.pool(name)
        return self.rng.choice(pool) if pool else None


def implied_codes(question: str, codes: list[Code]) -> list[str]:
    """Codes a question implies beyond those it names: those of the sections it asks for
    (a note's list, an editors' section), on its codes' pages and the codes above them."""
    kinds = {
        kind
        for word, section_kinds in ASKED_SECTIONS.items()
        if word.lower() in question.lower()
        for kind in section_kinds
    }
    if not kinds or not codes:
        return []
    holders = [each for code in codes for each in [code, *ancestors_of(code)]]
    bodies = Section.objects.filter(code__in=holders, kind__in=kinds).values_list("body", flat=True)
    return sorted({word for body in bodies for word in CODE_WORD.findall(body)})


@dataclass
class Item:
    kind: str
    template: str
    item: dict  # as bench/assistant_answers.py's items: question, code, codes


def generate(per_template: int, rng: random.Random) -> list[Item]:
    pools = Pools(rng, per_template)
    items = []
    for kind, templates in TEMPLATES.items():
        for template, pool_names in templates:
            rounds = per_template if pool_names else 1
            # A template naming no {a} is asked on {a}'s page, always.
            always_on_page = bool(pool_names) and "{a}" not in template and "{this}" not in template
            if always_on_page:
                template = template.replace("this", "{this}", 1)
            for round_number in range(rounds):
                codes = [pools.draw(name) for name in pool_names]
                if any(code is None for code in codes) or len(set(codes)) < len(codes):
                    continue
                on_page = always_on_page or ("{this}" in template and round_number % 2 == 1)
                values = {
                    "a": codes[0].code if codes else "",
                    "b": codes[1].code if len(codes) > 1 else "",
                    "this": "this code" if on_page else (codes[0].code if codes else ""),
                }
                text = template.format(**values)
                named = codes[1:] if on_page else codes
                item = {
                    "question": text,
                    "code": f"{codes[0].system.slug}:{codes[0].code}" if on_page else "",
                    "codes": [code.code for code in named] + implied_codes(text, codes),
                }
                items.append(Item(kind, template, item))
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-template", type=int, default=6, help="codes drawn per template")
    parser.add_argument("--seed", type=int, default=24)
    parser.add_argument("--examples", type=int, default=4, help="examples shown per kind")
    parser.add_argument("--json", type=Path, default=OUTPUT, help="every stray answer, as JSON")
    arguments = parser.parse_args()

    load_what_make_run_loads()
    rebuild_index()
    settings.ASSISTANT_QUESTIONS_PER_MINUTE = 10**9
    settings.ASSISTANT_NETWORK_QUESTIONS_PER_MINUTE = 10**9
    settings.METER_GUEST_DAILY_PER_IP = 10**9
    catalogue, readers = Catalogue(), Readers()
    items = generate(arguments.per_template, random.Random(arguments.seed))
    print(machine_note())
    print(f"{DATABASE}: {len(items)} questions x 2 readers (staff, guest), seed {arguments.seed}")

    started = time.perf_counter()
    asked: Counter = Counter()
    strays: dict[str, list[dict]] = defaultdict(list)
    for each in items:
        parameters = {"q": each.item["question"]}
        if each.item["code"]:
            parameters["code"] = each.item["code"]
        for reader in ("staff", "guest"):
            response = readers.client_for(reader).get("/assistant/", parameters)
            asked[each.kind] += 1
            view = answer_view(response.text)
            if response.status_code != 200 or view is None:
                continue
            found = stray_codes(each.item, view, catalogue)
            if found:
                strays[each.kind].append(
                    each.item | {"reader": reader, "stray": found, "where": where(view, found)}
                )
    total = sum(asked.values())
    stray_total = sum(len(found) for found in strays.values())
    print(
        f"answers holding a stray code: {stray_total}/{total} ({stray_total / total:.1%}) "
        f"in {time.perf_counter() - started:.0f} s"
    )
    for kind in TEMPLATES:
        found = strays.get(kind, [])
        print(f"  {kind:<22} {len(found):>4}/{asked[kind]:<4}")
        for example in found[: arguments.examples]:
            context = f" [{example['code']}]" if example["code"] else ""
            print(
                f"      {example['question']!r}{context} ({example['reader']}): "
                f"{' '.join(example['stray'])}: ...{example['where']}..."
            )
    arguments.json.parent.mkdir(parents=True, exist_ok=True)
    arguments.json.write_text(json.dumps(strays, indent=1))


def where(view, found: list[str]) -> str:
    """The words around the first stray code in the answer's text, or the link to it."""
    for code in found:
        index = view.text.find(code)
        if index >= 0:
            return view.text[max(0, index - 90) : index + 40]
    links = [link for link in view.links + view.cited_links if any(c in link for c in found)]
    return f"link {links[0]}" if links else "?"


if __name__ == "__main__":
    main()
