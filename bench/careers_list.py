"""CareerCenter's list page with 10,000 open jobs: p95 unfiltered and filtered, and its
query count, beside a code page's time measured in the same run.

The jobs are generated (seeded) with the spread a real board has: half remote (some open
to a few states only), the rest on-site or hybrid across the states, every specialty and
credential, hourly and yearly pay, descriptions of a few hundred words' length. Requests go
through the test client in-process as a guest; the code page baseline is the demo code
pages as a staff reader (page cache cleared before each), as in code_page_speed.py.
Run: .venv/bin/python bench/careers_list.py   (BENCH_DATABASE_URL=... for PostgreSQL)
"""

import datetime
import gc
import random
import time
from decimal import Decimal

from common import demo_code_pages, machine_note, percentile, setup_django

JOBS = 10_000
ROUNDS = 40
SEED = 16
BENCH_DOMAIN = "bench-employer.example"

LIST_PAGES = {
    "unfiltered, page 1": "/careers/",
    "unfiltered, page 200": "/careers/?page=200",
    "credential": "/careers/?credential=CPC",
    "remote + state": "/careers/?remote=remote&state=FL",
    "words": "/careers/?q=auditor",
    "two words": "/careers/?q=remote+auditor",
    "specialty + type + pay": "/careers/?specialty=cardiology&type=full-time&min_salary=60000",
    "all seven filters": (
        "/careers/?q=coder&credential=CPC&remote=hybrid&state=TX&specialty=multispecialty"
        "&type=full-time&min_salary=40000"
    ),
}
TITLES = [
    "Medical Coder", "Remote Coding Specialist", "Inpatient Coder II", "Outpatient Coder",
    "Coding Auditor", "Risk Adjustment Coder", "CDI Specialist", "Medical Billing Specialist",
    "Denials Coordinator", "Professional Fee Coder", "Coding Quality Analyst", "HIM Coding Lead",
]  # fmt: skip
PARAGRAPHS = [
    "Assign ICD-10-CM and CPT codes to outpatient visits and procedures from the record.",
    "Review operative reports and choose modifiers that match the documentation.",
    "Work claim edits and denials with the billing team and write clear appeals.",
    "Audit a sample of charts each month and teach coders what the audit finds.",
    "Query physicians when the documentation leaves the diagnosis open.",
    "Keep a steady productivity rate while meeting an accuracy target of 95 percent.",
    "Use an encoder, the payer's policies and the coding guidelines every day.",
    "Two years of coding experience in a physician practice or hospital setting.",
]


def generate_jobs(employers, states: list[str]) -> list[tuple]:
    """(job, description) pairs, unsaved."""
    from careers.choices import Credential, EmploymentType, Specialty, Workplace
    from careers.models import Job

    chooser = random.Random(SEED)
    credentials = [value for value, _ in Credential.choices]
    today = datetime.date.today()
    now = datetime.datetime.now(datetime.UTC)
    jobs = []
    for number in range(JOBS):
        workplace = chooser.choices(
            [Workplace.REMOTE, Workplace.HYBRID, Workplace.ON_SITE], weights=[50, 25, 25]
        )[0]
        remote = workplace == Workplace.REMOTE
        restricted = remote and chooser.random() < 0.3
        hourly = chooser.random() < 0.7
        low = chooser.randint(18, 40) if hourly else chooser.randint(40, 110) * 1000
        description = "\n\n".join(chooser.sample(PARAGRAPHS, 5) * 3)
        job = Job(
            employer=employers[number % len(employers)],
            title=f"{chooser.choice(TITLES)} {number}",
            workplace=workplace,
            city="" if remote else f"City {chooser.randint(1, 200)}",
            state="" if remote else chooser.choice(states),
            remote_states=chooser.sample(states, chooser.randint(1, 5)) if restricted else [],
            employment_type=chooser.choice(EmploymentType.values),
            specialty=chooser.choice(Specialty.values),
            credentials=chooser.sample(credentials, chooser.randint(0, 3)),
            experience_years=chooser.randint(0, 6),
            salary_min=Decimal(low),
            salary_max=Decimal(low + (chooser.randint(2, 8) if hourly else 15000)),
            salary_period="hour" if hourly else "year",
            apply_url=f"https://{BENCH_DOMAIN}/apply/{number}",
            closes_on=today + datetime.timedelta(days=chooser.randint(1, 30)),
            published_at=now - datetime.timedelta(minutes=number * 3),
        )
        job.derive_fields()
        jobs.append((job, description))
    return jobs


def load_jobs() -> None:
    """Replace the bench's generated jobs with 10,000 open ones (dates relative to today)."""
    from django.db import connection, transaction

    from accounts.models import User
    from careers.models import EmployerProfile, Job, JobArea, JobDescription, JobWord
    from careers.words import job_words
    from core.markdown import render_markdown
    from core.states import STATE_NAMES

    with transaction.atomic():
        Job.objects.filter(employer__user__email__endswith=BENCH_DOMAIN).delete()
        employers = []
        for number in range(40):
            user, _ = User.objects.get_or_create(email=f"hiring{number}@{BENCH_DOMAIN}")
            employer, _ = EmployerProfile.objects.get_or_create(
                user=user,
                defaults={"name": f"Bench Employer {number}", "trusted_at": "2026-01-01T00:00Z"},
            )
            employers.append(employer)
        generated = generate_jobs(employers, list(STATE_NAMES))
        Job.objects.bulk_create([job for job, _ in generated], batch_size=1000)
        descriptions, areas, words = [], [], []
        for job, description in generated:
            descriptions.append(JobDescription(job=job, markdown=description))
            areas += [JobArea(job=job, state=state) for state in job.areas()]
            words += [JobWord(job=job, word=word) for word in job_words(job, description)]
        for each in descriptions:
            each.html = render_markdown(each.markdown)
        JobDescription.objects.bulk_create(descriptions, batch_size=1000)
        JobArea.objects.bulk_create(areas, batch_size=5000)
        JobWord.objects.bulk_create(words, batch_size=5000)
    if connection.vendor == "postgresql":
        # Planner statistics and a clean visibility map, as autovacuum leaves them after
        # such a load (and not running in the middle of the timings); without statistics
        # PostgreSQL guesses two rows and joins the word index in a loop (1.7 s for `q`).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def measure(
    client, url: str, rounds: int, clear_cache=None
) -> tuple[list[float], int, list[float]]:
    """Wall times, the most queries of a request and this process's CPU times (ms): the CPU
    time is what a busy machine changes least, so it shows the page's own cost."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, most_queries, cpu = [], 0, []
    for _ in range(rounds):
        if clear_cache:
            clear_cache()
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        most_queries = max(most_queries, len(captured.captured_queries))
    return times, most_queries, cpu


if __name__ == "__main__":
    note = machine_note()
    database = setup_django()

    from django.core.cache import cache
    from django.test import Client

    from accounts.models import User
    from careers.selectors import open_jobs
    from pages.demo import load_demo_data

    load_demo_data()
    started = time.perf_counter()
    generated = open_jobs().filter(employer__user__email__endswith=BENCH_DOMAIN).count() != JOBS
    if generated:  # a run on another day finds some of them closed
        load_jobs()
    loading = time.perf_counter() - started
    open_count = open_jobs().count()

    staff = Client()
    user, _ = User.objects.get_or_create(email="bench@example.org", defaults={"is_staff": True})
    staff.force_login(user)
    code_pages = demo_code_pages()
    guest = Client()
    # As a gunicorn worker does once it has loaded the site (config/gunicorn.py): what is
    # loaded so far stays out of full collections, which otherwise land on a few requests.
    gc.freeze()
    for url in [*LIST_PAGES.values(), *code_pages[:5]]:  # warm up imports and templates
        (staff if url.startswith("/codes/") else guest).get(url)

    code_times, code_queries = [], 0
    rows = {}
    # Interleave the kinds round by round, so that a busy moment on the machine hits all.
    for _ in range(ROUNDS):
        for url in code_pages[:10]:
            times, queries, _ = measure(staff, url, 1, clear_cache=cache.clear)
            code_times += times
            code_queries = max(code_queries, queries)
        for label, url in LIST_PAGES.items():
            times, queries, cpu = measure(guest, url, 1)
            previous = rows.get(label, ([], 0, []))
            rows[label] = (previous[0] + times, max(previous[1], queries), previous[2] + cpu)

    code_p95 = percentile(code_times, 0.95)
    print(f"CareerCenter list page on {database}; {note}.")
    origin = f"generated in {loading:.1f} s" if generated else "generated by an earlier run"
    print(f"  {open_count:,} open jobs ({origin}); {ROUNDS} requests each.")
    print(
        f"  {'code page (baseline)':<24} p50 {percentile(code_times, 0.5):6.1f} ms  "
        f"p95 {code_p95:6.1f} ms  {code_queries} queries"
    )
    for label, (times, queries, cpu) in rows.items():
        p95 = percentile(times, 0.95)
        print(
            f"  {label:<24} p50 {percentile(times, 0.5):6.1f} ms  p95 {p95:6.1f} ms  "
            f"{queries} queries  ({p95 / code_p95:.2f}x code page p95)  "
            f"CPU p50 {percentile(cpu, 0.5):4.1f} ms"
        )
