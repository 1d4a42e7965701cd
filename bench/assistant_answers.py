"""CasePilot on its evaluation set (issue 24): answers checked through the real page, and p95.

    .venv/bin/python bench/assistant_answers.py [--misses] [--runs 3] [--questions FILE]
    (BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/codeatlas_bench_NAME for PostgreSQL)

Loads what `make run` loads into the bench database (bench/common.py): the demo catalogue,
the search dictionary, the full catalogue (`load_catalogue`: ICD-10-CM with its index,
history, MS-DRG and CMS-HCC tables, HCPCS Level II), then the full PFS RVU and GPCI files
of ../shared/data through the fees importers, and brings CasePilot's index up to date.

Each question of bench/casepilot_questions.json (or of --questions, such as the tuning set
casepilot_dev_questions.json) is asked at /assistant/?q=...&code=... with
Django's test client as its reader: a staff account (the default), a new registered account
with a verified address, or a new guest. It is answered right when `expect` is found in the
first 400 characters of the text of the element labelled "CasePilot's answer" (after its
question heading), `forbid` nowhere in that text (a locked fact must not be told at all),
both case-insensitive, and the answer suggests no code the question does not name or imply:
every code the element links to, and every code-shaped word of its text that the catalogue
holds, is one of the item's `codes`, a code under or above one of them, or the code in
context. A question that names no code ("what does modifier 25 mean") may cite any page's
section as the source of a quote.

Prints the held-out figure first, then the whole set, by kind, and the misses (held-out
ones only counted, unless --misses); then each answer's p50 and p95 time beside a plain
code page's median time in the same run.
"""

import argparse
import json
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from common import SHARED_DATA, machine_note, percentile, setup_django

DATABASE = setup_django()

from allauth.account.models import EmailAddress  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402
from assistant.indexing import rebuild_index  # noqa: E402
from assistant.models import IndexedSection  # noqa: E402
from fees.importers.gpci import import_gpci_file  # noqa: E402
from fees.importers.pfs_rvu import import_pfs_rvu_file  # noqa: E402
from fees.models import Edition  # noqa: E402
from lookup.models import Code, canonical_code  # noqa: E402

EVALUATION_SET = Path(__file__).parent / "casepilot_questions.json"
FEE_FILES = [
    (Edition.Kind.PHYSICIAN_FEE_SCHEDULE, "PPRRVU2026_Jul_nonQPP.nodesc.csv", import_pfs_rvu_file),
    (Edition.Kind.GPCI, "GPCI2026.csv", import_gpci_file),
]
ANSWER_LABEL = "CasePilot's answer"
ANSWER_WINDOW = 400
CODE_SHAPED = re.compile(
    r"(?<![\w.$])(?:[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?|[0-9]{4}[0-9FTU]|[A-Z][0-9]{4})(?!\w)"
)
ICD_SHAPED = re.compile(r"[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?")
# CMS-HCC model names; as words of an answer they are never the ICD-10-CM categories V24, V28.
MODEL_NAMES = {"V22", "V24", "V28"}
# Elements a browser lays out on their own line: their edges separate words.
BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "section",
    "article", "aside", "header", "footer", "nav", "blockquote", "pre", "br",
    "h1", "h2", "h3", "h4", "h5", "h6",
}  # fmt: skip
CODE_LINK = re.compile(r"^/codes/(?P<system>[a-z0-9-]+)/(?P<code>[^/#?]+)/")


def load_what_make_run_loads() -> None:
    """The demo data, dictionary and catalogue as `make run` loads them (each step skipped
    once loaded), then the full fee files issue 23 makes `make run` load."""
    call_command("load_demo_data", verbosity=0)
    call_command("load_search_synonyms", verbosity=0)
    call_command("load_catalogue", "--no-progress")
    for kind, name, importer in FEE_FILES:
        if not Edition.objects.filter(kind=kind, source_file=name).exists():
            print(importer(SHARED_DATA / "cms" / name))


@dataclass
class AnswerView:
    """What a reader sees of the answer element: its text after the question heading and the
    pages it links to; apart, its links to a section of a page (citations) and its text
    without theirs."""

    text: str = ""
    links: list[str] = field(default_factory=list)
    uncited_text: str = ""
    cited_links: list[str] = field(default_factory=list)


class AnswerReader(HTMLParser):
    """Reads the element labelled "CasePilot's answer" out of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # open elements inside the answer element; 0 outside it
        self.heading_seen = False
        self.in_heading = False
        self.citation_depth = 0
        self.view = AnswerView()
        self.found = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if not self.depth:
            if attributes.get("aria-label") == ANSWER_LABEL:
                self.depth, self.found = 1, True
            return
        self.separate(tag)
        if tag in {"br", "img", "input", "hr", "meta", "link", "wbr"}:
            return
        self.depth += 1
        if not self.heading_seen and re.fullmatch(r"h[1-6]", tag):
            self.in_heading = True
        if tag == "a" and attributes.get("href"):
            href = attributes["href"]
            cited = "#" in href
            (self.view.cited_links if cited else self.view.links).append(href)
            if cited and not self.citation_depth:
                self.citation_depth = self.depth

    def handle_startendtag(self, tag, attrs):
        """A self-closed element (<br/>) holds no text or link."""

    def handle_endtag(self, tag):
        if not self.depth:
            return
        self.separate(tag)
        if self.citation_depth == self.depth:
            self.citation_depth = 0
        if self.in_heading and re.fullmatch(r"h[1-6]", tag):
            self.in_heading, self.heading_seen = False, True
        self.depth -= 1

    def separate(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self.handle_data(" ")

    def handle_data(self, data):
        if not self.depth or self.in_heading or not self.heading_seen:
            return
        if not self.citation_depth:
            self.view.uncited_text += data
        self.view.text += data


def answer_view(html: str) -> AnswerView | None:
    reader = AnswerReader()
    reader.feed(html)
    if not reader.found:
        return None
    view = reader.view
    view.text, view.uncited_text = " ".join(view.text.split()), " ".join(view.uncited_text.split())
    return view


class Catalogue:
    """Every code the catalogue holds, to tell a code-shaped word of an answer from a number."""

    def __init__(self):
        self.codes = set(Code.objects.values_list("system__slug", "code"))
        self.by_code = {code for _, code in self.codes}

    def named_in(self, text: str) -> list[str]:
        words = [word for word in CODE_SHAPED.findall(text) if word not in MODEL_NAMES]
        return [word for word in words if self.holds(word)]

    def holds(self, word: str) -> bool:
        return word in self.by_code or canonical_code("icd-10-cm", word) in self.by_code

    def linked(self, hrefs: list[str]) -> list[str]:
        found = []
        for href in hrefs:
            match = CODE_LINK.match(href)
            if match and (match["system"], match["code"]) in self.codes:
                found.append(match["code"])
        return found


def related(word: str, allowed: str) -> bool:
    """The same code, or for ICD-10-CM one under or above it (E11 and E11.42)."""
    if word == allowed:
        return True
    both_icd = ICD_SHAPED.fullmatch(word) and ICD_SHAPED.fullmatch(allowed)
    return bool(both_icd) and (word.startswith(allowed) or allowed.startswith(word))


def stray_codes(item: dict, view: AnswerView, catalogue: Catalogue) -> list[str]:
    """Codes the answer links to or names that the question neither names nor implies."""
    allowed = list(item["codes"])
    if item["code"]:
        allowed.append(item["code"].partition(":")[2])
    allowed = [
        canonical_code("icd-10-cm", each) if ICD_SHAPED.fullmatch(each) else each
        for each in allowed
    ]
    text, links = view.text, view.links + view.cited_links
    if not allowed:
        # A question about no code may quote any page: its citations name their page.
        text, links = view.uncited_text, view.links
    named = catalogue.named_in(text) + catalogue.linked(links)
    words = [
        canonical_code("icd-10-cm", each) if ICD_SHAPED.fullmatch(each) else each for each in named
    ]
    return sorted({word for word in words if not any(related(word, each) for each in allowed)})


@dataclass
class Outcome:
    item: dict
    right: bool
    reasons: list[str]
    opening: str


def score(item: dict, status: int, html: str, catalogue: Catalogue) -> Outcome:
    view = answer_view(html)
    if status != 200 or view is None:
        return Outcome(item, False, [f"no answer (HTTP {status})"], "")
    opening = view.text[:ANSWER_WINDOW]
    reasons = []
    if not re.search(item["expect"], opening, re.IGNORECASE):
        reasons.append("fact not stated")
    # A locked fact is not to be told anywhere in the answer, not only in its opening.
    if item.get("forbid") and re.search(item["forbid"], view.text, re.IGNORECASE):
        reasons.append("told a locked fact")
    stray = stray_codes(item, view, catalogue)
    if stray:
        reasons.append("suggested " + " ".join(stray))
    return Outcome(item, not reasons, reasons, opening)


class Readers:
    """Clients for the three kinds of reader; a new guest, and a new registered account with
    a verified address, for every question, as a first visit."""

    def __init__(self):
        staff, _ = User.objects.update_or_create(
            email="bench-staff@example.org", defaults={"is_staff": True}
        )
        self.staff = Client()
        self.staff.force_login(staff)
        User.objects.filter(email__startswith="bench-registered-").delete()
        self.registered_count = 0

    def client_for(self, reader: str) -> Client:
        if reader == "staff":
            return self.staff
        client = Client()
        if reader == "registered":
            self.registered_count += 1
            email = f"bench-registered-{self.registered_count}@example.org"
            user = User.objects.create_user(email=email, password="bench reader password")
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            client.force_login(user)
        return client


def ask_all(
    questions: list[dict], readers: Readers, catalogue: Catalogue, runs: int
) -> tuple[list[Outcome], list]:
    """Each question `runs` times (the first scored), with its reader; the answer times."""
    outcomes, times = [], []
    for item in questions:
        parameters = {"q": item["question"]} | ({"code": item["code"]} if item["code"] else {})
        for run in range(runs):
            client = readers.client_for(item.get("reader", "staff"))
            started = time.perf_counter()
            response = client.get("/assistant/", parameters)
            times.append(time.perf_counter() - started)
            if run == 0:
                outcomes.append(score(item, response.status_code, response.text, catalogue))
    return outcomes, times


def code_page_times(client: Client, runs: int) -> list[float]:
    times = []
    for _ in range(runs * 10):
        started = time.perf_counter()
        client.get("/codes/cpt/27323/")
        times.append(time.perf_counter() - started)
    return times


def share(outcomes: list[Outcome]) -> str:
    right = sum(outcome.right for outcome in outcomes)
    return f"{right}/{len(outcomes)} ({right / len(outcomes):.1%})" if outcomes else "none"


def report(outcomes: list[Outcome], show_held_out_misses: bool) -> None:
    held_out = [outcome for outcome in outcomes if outcome.item["held_out"]]
    print(f"  held out: {share(held_out)} answered right")
    print(f"  all:      {share(outcomes)} answered right")
    fact = sum("fact not stated" not in outcome.reasons for outcome in outcomes)
    stray = sum(any(r.startswith("suggested") for r in outcome.reasons) for outcome in outcomes)
    print(
        f"            fact in the first {ANSWER_WINDOW} characters: {fact}/{len(outcomes)}; "
        f"answers suggesting a code the question does not imply: {stray}"
    )
    print("  by kind (held out in brackets):")
    for kind in sorted({outcome.item["kind"] for outcome in outcomes}):
        of_kind = [outcome for outcome in outcomes if outcome.item["kind"] == kind]
        held = [outcome for outcome in of_kind if outcome.item["held_out"]]
        print(f"    {kind:<30} {share(of_kind):>16}  [{share(held)}]")
    misses = [outcome for outcome in outcomes if not outcome.right]
    hidden = [m for m in misses if m.item["held_out"] and not show_held_out_misses]
    print(f"  misses: {len(misses)} ({len(hidden)} held out, not shown without --misses)")
    reasons = Counter(reason.split(" ")[0] for miss in misses for reason in miss.reasons)
    print("  miss reasons: " + ", ".join(f"{name} {count}" for name, count in reasons.items()))
    for miss in misses:
        if miss in hidden:
            continue
        item = miss.item
        context = f" [{item['code']}]" if item["code"] else ""
        reader = f" ({item['reader']})" if item.get("reader") else ""
        print(
            f"    {'*' if item['held_out'] else ' '} {item['question']!r}{context}{reader} "
            f"({item['kind']}): {'; '.join(miss.reasons)}"
        )
        print(f"        {miss.opening[:200]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="times each question is asked")
    parser.add_argument("--misses", action="store_true", help="show held-out misses too")
    parser.add_argument(
        "--questions",
        type=Path,
        default=EVALUATION_SET,
        help="a question file of the same format (casepilot_dev_questions.json: tuning only)",
    )
    arguments = parser.parse_args()
    questions = json.loads(arguments.questions.read_text())

    load_what_make_run_loads()
    started = time.perf_counter()
    counts = rebuild_index()
    print(
        f"index brought up to date in {time.perf_counter() - started:.1f} s "
        f"({counts.added} rows added, {counts.updated} updated)"
    )
    # The bench asks hundreds of questions from one address within minutes: the limits on
    # questions per minute and on guests' views per network would refuse most of them.
    settings.ASSISTANT_QUESTIONS_PER_MINUTE = 10**9
    settings.ASSISTANT_NETWORK_QUESTIONS_PER_MINUTE = 10**9
    settings.METER_GUEST_DAILY_PER_IP = 10**9
    catalogue, readers = Catalogue(), Readers()
    held = sum(item["held_out"] for item in questions)
    print(machine_note())
    print(
        f"{DATABASE}: {len(catalogue.codes)} codes, {IndexedSection.objects.count()} index "
        f"rows; {len(questions)} questions ({held} held out) x {arguments.runs} runs"
    )

    page = statistics.median(code_page_times(readers.staff, arguments.runs))
    outcomes, times = ask_all(questions, readers, catalogue, arguments.runs)
    report(outcomes, arguments.misses)
    p50, p95 = statistics.median(times), percentile(times, 0.95)
    print(
        f"  answer p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms "
        f"({p95 / page:.1f}x a code page's median {page * 1000:.1f} ms)"
    )


if __name__ == "__main__":
    main()
