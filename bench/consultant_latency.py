"""CaseConsultant: from an inbound webhook call to the answer handed to the email backend.

    .venv/bin/python bench/consultant_latency.py [--questions 200]

Uses the bench database (bench/common.py: BENCH_DATABASE_URL, else SQLite in build/bench/)
with the demo catalogue. A real worker process runs beside it (`manage.py db_worker`, with
its default one-second polling, as `make run` and `make serve` start it). Each question is
posted to the Postmark webhook through the test client by its own free account (so every
answer goes through the gates of an account that has opened no code), then the bench waits
for the email to be sent before posting the next: the figure is one question's latency, not
a backlog's. The time handed to the backend is the email's `sent_at`, written by the worker
right after the backend (locmem) returned. A member's code page is timed in the same run.
"""

import argparse
import base64
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

WEBHOOK_SECRET = "bench:bench-webhook-secret"
os.environ["ANYMAIL_WEBHOOK_SECRET"] = WEBHOOK_SECRET

from common import ROOT, machine_note, percentile, setup_django  # noqa: E402

DATABASE = setup_django()

from allauth.account.models import EmailAddress  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from accounts.models import User  # noqa: E402
from assistant.indexing import rebuild_index  # noqa: E402
from consultant.models import InboundReceipt, Thread  # noqa: E402
from core.models import OutgoingEmail  # noqa: E402
from pages.demo import load_demo_data  # noqa: E402

QUESTIONS = [item["question"] for item in json.loads(
    (Path(__file__).parent / "assistant_questions.json").read_text()
)]  # fmt: skip
WAIT_LIMIT_SECONDS = 30
# Questions arrive at random moments, not in step with the worker's polling (an answer sent
# and the next question posted at once would always wait a whole polling interval).
PAUSE_SECONDS = (0.0, 1.0)


def start_worker() -> subprocess.Popen:
    """`manage.py db_worker` on the bench database, as `make run` starts it."""
    env = os.environ | {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def askers(count: int) -> list[str]:
    """`count` free accounts with verified addresses, each to ask one question."""
    addresses = [f"bench-coder-{number}@example.org" for number in range(count)]
    for address in addresses:
        user, _ = User.objects.get_or_create(email=address)
        EmailAddress.objects.get_or_create(
            user=user, email=address, defaults={"verified": True, "primary": True}
        )
    return addresses


def postmark_post(client: Client, number: int, sender: str, question: str) -> float:
    """Post one question as Postmark's inbound webhook does; returns when it was posted."""
    payload = {
        "FromFull": {"Email": sender, "Name": "Bench Coder", "MailboxHash": ""},
        "ToFull": [{"Email": "consultant@localhost", "Name": "", "MailboxHash": ""}],
        "OriginalRecipient": "consultant@localhost",
        "Subject": question,
        "MessageID": f"bench-{time.time_ns()}-{number}",
        "Date": "Tue, 25 Nov 2026 14:30:00 -0500",
        "TextBody": question,
        "HtmlBody": "",
        "Headers": [{"Name": "X-Spam-Status", "Value": "No"}],
        "Attachments": [],
    }
    credentials = base64.b64encode(WEBHOOK_SECRET.encode()).decode()
    started = time.time()
    response = client.post(
        "/consultant/inbound/postmark/",
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {credentials}",
    )
    if response.status_code != 200:
        sys.exit(f"The webhook answered {response.status_code}: {response.content[:200]!r}")
    return started


def wait_for_sent_email(sender: str) -> float:
    """The time the answer to `sender`'s question was handed to the email backend."""
    deadline = time.time() + WAIT_LIMIT_SECONDS
    while time.time() < deadline:
        sent = (
            OutgoingEmail.objects.filter(to=sender, status=OutgoingEmail.Status.SENT)
            .values_list("sent_at", flat=True)
            .first()
        )
        if sent is not None:
            return sent.timestamp()
        connection.close()  # a fresh snapshot on the next poll
        time.sleep(0.01)
    sys.exit(f"No answer to {sender} within {WAIT_LIMIT_SECONDS} s: is the worker running?")


def code_page_times(runs: int) -> list[float]:
    user, _ = User.objects.get_or_create(
        email="bench-member@example.org", defaults={"plan": "premium"}
    )
    client = Client()
    client.force_login(user)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get("/codes/cpt/27323/")
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=200)
    arguments = parser.parse_args()

    load_demo_data()
    rebuild_index()
    # A clean slate: earlier runs' threads, receipts, emails and task rows.
    for model in (OutgoingEmail, InboundReceipt, Thread, DBTaskResult):
        model.objects.all().delete()
    senders = askers(arguments.questions)
    print(machine_note())
    worker = start_worker()
    try:
        time.sleep(3)  # the worker's start-up (Django set-up) is not a question's latency
        client = Client()
        pauses = random.Random(15)
        latencies, webhook_times = [], []
        for number, sender in enumerate(senders):
            time.sleep(pauses.uniform(*PAUSE_SECONDS))
            question = QUESTIONS[number % len(QUESTIONS)]
            posted = postmark_post(client, number, sender, question)
            webhook_times.append(time.time() - posted)
            latencies.append(wait_for_sent_email(sender) - posted)
        page = code_page_times(arguments.questions)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    waiting = Thread.objects.filter(status=Thread.Status.WAITING).count()
    p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
    page_p50 = percentile(page, 0.5)
    answered = len(latencies) - waiting
    print(f"{DATABASE}: {len(latencies)} questions, one at a time, each by a new free account "
          f"({answered} answered by CasePilot, {waiting} handed to a consultant)")  # fmt: skip
    slowest = max(latencies) * 1000
    print(f"webhook call to answer handed to the email backend: p50 {p50 * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, max {slowest:.0f} ms (goal p95 < 5 s)")  # fmt: skip
    print(f"webhook request itself: p50 {percentile(webhook_times, 0.5) * 1000:.1f} ms, "
          f"p95 {percentile(webhook_times, 0.95) * 1000:.1f} ms")  # fmt: skip
    print(f"code page (member, same run): p50 {page_p50 * 1000:.1f} ms, "
          f"p95 {percentile(page, 0.95) * 1000:.1f} ms; answer p50 = {p50 / page_p50:.0f}x "
          "a code page")  # fmt: skip


if __name__ == "__main__":
    main()
