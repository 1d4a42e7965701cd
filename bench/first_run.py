"""The first `make run` from a fresh clone, as a newcomer meets it: time to the first served
page, pip included, and until the background load of the full catalogue finishes.

Clones the current branch (its last commit) into a temporary folder, then runs `make run` in
it on a port of its own: a new venv whose pip installs from the machine's pip cache, a new
SQLite database. Prints each step `make run` takes (the commands make echoes) with its time,
the total to the first 200 from http://127.0.0.1:PORT/ (goal under 120 s), each beside the
CPU seconds its processes used (steadier than the wall clock on a shared machine), then each
step of the background load as the task worker logs it, and its end. Stops the server and the
worker and removes the clone:

    .venv/bin/python bench/first_run.py [--port 8197] [--keep]
"""

import argparse
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from common import ROOT, machine_note

GOAL_SECONDS = 120
PAGE_TIMEOUT_SECONDS = 900
LOAD_TIMEOUT_SECONDS = 1800
# How make echoes a step, shortened to what it does.
STEP_LABELS = [
    (re.compile(r"-m venv"), "venv"),
    (re.compile(r"pip install"), "pip install"),
    (re.compile(r"^printf"), ".env"),
    (re.compile(r"manage\.py (migrate|load_\w+)"), None),
    (re.compile(r"runserver"), "server and task worker start"),
]
BACKGROUND_LINE = re.compile(r"Catalogue[: (].*")


def step_label(command: str) -> str | None:
    for pattern, label in STEP_LABELS:
        found = pattern.search(command)
        if found:
            return label or " ".join(found.group(0).split()[1:]) + command[found.end() :]
    return None


def current_branch() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--abbrev-ref", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def session_cpu_seconds(session: int) -> float:
    """CPU time used so far by the processes of a session, the children they waited for
    included (Linux /proc)."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        # After the name: state, ppid, pgrp, session, ... utime, stime, cutime, cstime.
        if int(fields[3]) == session:
            ticks += sum(int(value) for value in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


def served(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


class Timeline:
    """The steps and the background lines read from `make run`'s output, with their times."""

    def __init__(self, started: float, session: int):
        self.started = started
        self.session = session
        self.steps: list[tuple[str, float, float]] = []
        self.background: list[tuple[float, str]] = []
        self.loaded_at: float | None = None
        self.nothing_to_load = False

    def read(self, stream) -> None:
        for raw in stream:
            line = raw.rstrip()
            now = time.monotonic() - self.started
            label = step_label(line) if not line.startswith(" ") else None
            if label and not line.startswith(("Catalogue", "Search", "Demo")):
                self.steps.append((label, now, session_cpu_seconds(self.session)))
            elif found := BACKGROUND_LINE.search(line):
                self.background.append((now, found.group(0)))
                if "everything loaded" in line:
                    self.loaded_at = now
                if "already loaded" in line:
                    self.nothing_to_load = True
            elif "Traceback" in line or "Error" in line:
                print(f"  [{now:6.1f} s] {line}", flush=True)


def run(port: int, keep: bool) -> None:
    print(f"First `make run` from a fresh clone of {current_branch()}; {machine_note()}.")
    folder = Path(tempfile.mkdtemp(prefix="codeatlas-first-run-"))
    clone = folder / "codeatlas"
    subprocess.run(
        ["git", "clone", "-q", "--branch", current_branch(), str(ROOT), str(clone)], check=True
    )
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "REDIS_URL", "SITE_URL", "DEBUG", "SECRET_KEY"}
    }
    started = time.monotonic()
    make = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=clone,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    timeline = Timeline(started, make.pid)
    reader = threading.Thread(target=timeline.read, args=(make.stdout,), daemon=True)
    reader.start()
    try:
        first_page = wait_for_first_page(f"http://127.0.0.1:{port}/", make, started)
        report_steps(timeline, first_page, session_cpu_seconds(make.pid))
        wait_for_background(timeline, make, started)
    finally:
        stop(make)
        if keep:
            print(f"Clone kept in {clone}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def stop(make: subprocess.Popen) -> None:
    """Stop make, the server and the worker, as Ctrl-C does (the worker stops at once only on
    a second signal: at the first it would finish its task, the catalogue's load)."""
    try:
        for signum in [signal.SIGINT, signal.SIGTERM]:
            os.killpg(make.pid, signum)
            time.sleep(2)
        make.wait(timeout=30)
        os.killpg(make.pid, signal.SIGKILL)  # anything left of the session
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(make.pid, signal.SIGKILL)


def wait_for_first_page(url: str, make: subprocess.Popen, started: float) -> float:
    while time.monotonic() - started < PAGE_TIMEOUT_SECONDS:
        if make.poll() is not None:
            sys.exit(f"make run ended (status {make.returncode}) before serving a page.")
        if served(url):
            return time.monotonic() - started
        time.sleep(0.25)
    sys.exit(f"No page from {url} within {PAGE_TIMEOUT_SECONDS} s.")


def report_steps(timeline: Timeline, first_page: float, cpu: float) -> None:
    print("\nTo the first served page (wall clock, and CPU seconds of its processes):")
    ends = [(at, used) for _, at, used in timeline.steps[1:]] + [(first_page, cpu)]
    for (label, at, used), (end, used_by_end) in zip(timeline.steps, ends, strict=True):
        print(f"  {end - at:6.1f} s  {used_by_end - used:6.1f} s CPU  {label}")
    verdict = "under" if first_page < GOAL_SECONDS else "OVER"
    print(
        f"  {first_page:6.1f} s  {cpu:6.1f} s CPU  total to a served page "
        f"({verdict} the {GOAL_SECONDS} s goal)"
    )


def wait_for_background(timeline: Timeline, make: subprocess.Popen, started: float) -> None:
    while time.monotonic() - started < LOAD_TIMEOUT_SECONDS:
        if timeline.loaded_at is not None or timeline.nothing_to_load or make.poll() is not None:
            break
        time.sleep(1)
    print("\nThe background load (task worker), time since `make run` began:")
    for at, line in timeline.background:
        print(f"  {at:6.1f} s  {line}")
    if timeline.loaded_at is None and not timeline.nothing_to_load:
        print(f"  not finished within {LOAD_TIMEOUT_SECONDS} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8197)
    parser.add_argument("--keep", action="store_true", help="Keep the clone (and its venv).")
    arguments = parser.parse_args()
    run(arguments.port, arguments.keep)
