"""Serving benchmark: gunicorn on PostgreSQL, driven by wrk for a fixed count of requests.

Prints requests per second, p50/p95/p99 latency and p99/p50 for a trivial Django view (the
baseline), the home page, code pages as different visitors and a static file, each also as
a ratio to the baseline; then search over HTTP one request at a time (the development
queries' pages in turn, with the full Alphabetic Index and dictionary): p50/p95/p99.
The table is run twice on the meter's small tables, each run followed by every gunicorn
process's RSS (the second with each worker's growth), then once more after seeding the
meter's tables with 200,000 accounts and 2,000,000 unlocks (meter_growth.py) and
restarting gunicorn, followed by small against large tables per scenario. The seeded rows
are removed at the end, so every run starts small. Run from the project folder:

    .venv/bin/python bench/serving.py [--requests 4000] [--connections 8] [--skip-growth]

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/codeatlas_bench),
Redis (REDIS_URL, default redis://127.0.0.1:6379/1) and wrk (apt-get install wrk). Loads the
demo data and, unless --demo-only, the full ICD-10-CM and its Alphabetic Index into that
database.
"""

import argparse
import http.cookiejar
import math
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO
from urllib.parse import quote_plus

import meter_growth

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    """A port nothing listens on: two serving benches on one machine each measure their own
    gunicorn (with a fixed port, one bench's requests reached the other's server)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = free_port()
BASE = f"http://127.0.0.1:{PORT}"
FIRST_CODE = "/codes/cpt/27323/"
SECOND_CODE = "/codes/cpt/27324/"
GUNICORN_LOG = PROJECT / "build" / "bench" / "serving-gunicorn.log"
# Search over HTTP: the development queries' search pages in turn (none is held out).
SEARCH_PATHS = PROJECT / "build" / "bench" / "serving-search-paths.txt"


def server_environment() -> dict[str, str]:
    env = os.environ.copy()
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/codeatlas_bench"
        ),
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        GUNICORN_BIND=f"127.0.0.1:{PORT}",
        # Every cookie-less wrk request is a new guest from 127.0.0.1: lift the per-network
        # daily cap so each one really is "a guest with a view left".
        METER_GUEST_DAILY_PER_IP="100000000",
        METER_SIGNUPS_DAILY_PER_IP="100000000",
        # wrk leaves idle connections open between its runs; a sync worker blocked on one
        # would be killed at the default 30 s and the memory figures would lose it.
        GUNICORN_TIMEOUT="300",
    )
    return env


def manage(env: dict[str, str], *arguments: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=PROJECT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def prepare_database(env: dict[str, str], demo_only: bool) -> str:
    url = env["DATABASE_URL"]
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", url.rsplit("/", 1)[1]],
                   capture_output=True)  # fmt: skip
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "load_demo_data")
    count = "from lookup.models import Code; print(Code.objects.filter(system__slug='icd-10-cm').count())"  # noqa: E501
    icd_codes = int(manage(env, "shell", "-c", count).strip().splitlines()[-1])
    if not demo_only and icd_codes < 70000:
        print("Importing the full ICD-10-CM (once)...", flush=True)
        manage(env, "import_icd10cm")
        icd_codes = int(manage(env, "shell", "-c", count).strip().splitlines()[-1])
    terms = "from lookup.models import IndexTerm; print(IndexTerm.objects.count())"
    if not demo_only and int(manage(env, "shell", "-c", terms).strip().splitlines()[-1]) == 0:
        print("Importing the Alphabetic Index (once)...", flush=True)
        manage(env, "import_icd10cm_index")
    # What search reads besides the codes, as `make run` loads it (both add only what is new).
    manage(env, "load_search_synonyms")
    manage(env, "load_abbreviations")
    total = "from lookup.models import Code; print(Code.objects.count())"
    return f"{int(manage(env, 'shell', '-c', total).strip().splitlines()[-1]):,} codes"


def member_session_cookie(env: dict[str, str]) -> str:
    """A logged-in free account's session, made in the database as a login would make it."""
    script = (
        "from django.test import Client; from accounts.models import User; "
        "from allauth.account.models import EmailAddress; "
        "user, _ = User.objects.get_or_create(email='bench-member@example.org'); "
        "EmailAddress.objects.update_or_create(user=user, email=user.email, "
        "defaults={'verified': True, 'primary': True}); "
        "client = Client(); client.force_login(user); print(client.cookies['sessionid'].value)"
    )
    return manage(env, "shell", "-c", script).strip().splitlines()[-1]


def cookies_after(path: str, cookie_header: str = "") -> str:
    """Open `path` like a browser and return the Cookie header it would send next."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    request = urllib.request.Request(BASE + path)
    if cookie_header:
        request.add_header("Cookie", cookie_header)
    opener.open(request).read()
    pairs = dict(part.split("=", 1) for part in cookie_header.split("; ") if part)
    pairs.update({cookie.name: cookie.value for cookie in jar})
    return "; ".join(f"{name}={value}" for name, value in pairs.items())


def write_search_paths() -> int:
    """The search page of every query in bench/search_queries_dev*.tsv, one path a line;
    returns how many."""
    queries = [
        line.split("\t")[0]
        for path in sorted((PROJECT / "bench").glob("search_queries_dev*.tsv"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    SEARCH_PATHS.write_text("".join(f"/search/?q={quote_plus(query)}\n" for query in queries))
    return len(queries)


def page_text(path: str, cookie_header: str) -> str:
    request = urllib.request.Request(BASE + path, headers={"Cookie": cookie_header})
    return urllib.request.urlopen(request).read().decode()


def run_wrk(
    path: str, requests: int, connections: int, cookie_header: str = "", seconds: int = 120
) -> dict:
    """`requests` requests (split over wrk's threads); `seconds` only bounds the run. A
    `path` that names a file of paths (SEARCH_PATHS) sends its paths in turn."""
    threads = min(2, connections)
    env = os.environ | {"WRK_REQUESTS_PER_THREAD": str(requests // threads)}
    if Path(path).is_file():
        env["WRK_PATHS_FILE"], path = path, "/"
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
               "-s", str(PROJECT / "bench" / "fixed_count.lua")]  # fmt: skip
    if cookie_header:
        command += ["-H", f"Cookie: {cookie_header}"]
    output = subprocess.run(
        [*command, BASE + path], env=env, capture_output=True, text=True, check=True
    ).stdout
    done, elapsed, p95 = re.search(
        r"FIXED-COUNT requests=(\d+) seconds=([\d.]+) p95_us=(\d+)", output
    ).groups()
    return {
        "requests": int(done),
        "rps": int(done) / float(elapsed),
        "p95": int(p95) / 1000,
        "p50": latency_ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99": latency_ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
        "non_2xx": int(m.group(1)) if (m := re.search(r"Non-2xx.*?(\d+)", output)) else 0,
    }


def latency_ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def start_server(env: dict[str, str], log: IO[str]) -> subprocess.Popen:
    """gunicorn with the site's config, logging to `log`, answering once this returns."""
    server = subprocess.Popen(
        # No worker recycling: a worker replaced mid-run would hide its growth between runs.
        [str(Path(PYTHON).parent / "gunicorn"), "-c", "config/gunicorn.py", "--max-requests",
         "0", "config.wsgi"],
        cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(BASE + "/healthz").read()
        except OSError:
            time.sleep(0.2)
            continue
        if server.poll() is None:  # the answer came from this gunicorn, not another process
            return server
        break
    server.terminate()
    sys.exit(f"gunicorn did not start on port {PORT}")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait()


def memory_of(master: int) -> dict[int, int]:
    """RSS in KiB of the gunicorn master (first) and of each of its workers, by pid."""
    workers = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            if re.search(rf"^PPid:\s+{master}$", status.read_text(), re.MULTILINE):
                workers.append(int(status.parent.name))
        except OSError:  # the process ended while being read
            continue
    return {pid: resident_kib(pid) for pid in [master, *sorted(workers)]}


def resident_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1))


def print_memory(memory: dict[int, int], earlier: dict[int, int] | None = None) -> None:
    """One line per process; with `earlier`, each one's growth since then (same pid)."""
    print(f"{'RSS':12} {'pid':>8} {'MiB':>8}" + (f" {'growth MiB':>11}" if earlier else ""))
    for number, (pid, kib) in enumerate(memory.items()):
        name = "master" if number == 0 else f"worker {number}"
        growth = ""
        if earlier is not None:
            growth = f" {(kib - earlier[pid]) / 1024:+11.1f}" if pid in earlier else "  (new pid)"
        print(f"{name:12} {pid:8} {kib / 1024:8.1f}{growth}")
    workers = list(memory.values())[1:]
    print(f"{'workers':12} {'':8} {sum(workers) / 1024:8.1f}  (sum)")


def print_search_latency(queries: int) -> None:
    """Search over HTTP one request at a time, as a coder's browser asks: each development
    query's page twice, in turn; its latency then is the server's time, not the queue's. A
    warm-up first has every worker build what search keeps (its spelling vocabulary: some
    400 ms, once in a worker's life)."""
    run_wrk(str(SEARCH_PATHS), 400, connections=8)
    figures = run_wrk(str(SEARCH_PATHS), queries * 2, connections=1)
    note = f"  ({figures['non_2xx']} errors)" if figures["non_2xx"] else ""
    print(f"search over HTTP, {queries} queries in turn, one connection: p50"
          f" {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms, p99 {figures['p99']:.1f} ms"
          f"{note}", flush=True)  # fmt: skip


def run_scenarios(scenarios: list[tuple[str, str, str]], options: argparse.Namespace) -> dict:
    """Each scenario after a warm-up, printed as a table; returns the figures by name."""
    print(f"{'scenario':36} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
          f" {'p99/p50':>8} {'x baseline':>11}")  # fmt: skip
    results = {}
    baseline = None
    for name, path, cookie in scenarios:
        # A short warm-up run also tells how long the measured run needs at most.
        warm_up = run_wrk(path, 400, options.connections, cookie, seconds=30)
        bound = math.ceil(options.requests / warm_up["rps"] * 2) + 2
        figures = run_wrk(path, options.requests, options.connections, cookie, bound)
        baseline = baseline or figures["rps"]
        note = f"  ({figures['non_2xx']} non-2xx)" if figures["non_2xx"] else ""
        if figures["requests"] < options.requests:
            note += f"  (only {figures['requests']} in {bound} s)"
        print(f"{name:36} {figures['rps']:7.0f} {figures['p50']:8.2f} {figures['p95']:8.2f}"
              f" {figures['p99']:8.2f}"
              f" {figures['p99'] / figures['p50']:7.1f}x {figures['rps'] / baseline:10.2f}x"
              f"{note}", flush=True)  # fmt: skip
        results[name] = figures
    return results


def print_comparison(small: list[dict], large: dict) -> None:
    """Per scenario, the small tables' mean over their runs against the large tables': req/s
    and p50, then the ratio to the trivial view of the same run, which the machine's own
    drift between runs (the trivial view touches no meter table) does not move."""
    print(f"{'scenario':36} {'small req/s':>11} {'large req/s':>11} {'change':>7}"
          f" {'small p50':>9} {'large p50':>9} {'change':>7}"
          f" {'small x':>8} {'large x':>8} {'change':>7}")  # fmt: skip
    baseline = next(iter(large))
    for name, figures in large.items():
        rps = sum(run[name]["rps"] for run in small) / len(small)
        p50 = sum(run[name]["p50"] for run in small) / len(small)
        ratio = sum(run[name]["rps"] / run[baseline]["rps"] for run in small) / len(small)
        large_ratio = figures["rps"] / large[baseline]["rps"]
        rps_change = figures["rps"] / rps - 1
        p50_change = figures["p50"] / p50 - 1
        ratio_change = large_ratio / ratio - 1
        note = "  beyond 15%" if rps_change < -0.15 or p50_change > 0.15 else ""
        note += "  ratio beyond 15%" if ratio_change < -0.15 else ""
        print(f"{name:36} {rps:11.0f} {figures['rps']:11.0f} {rps_change:+7.1%}"
              f" {p50:9.2f} {figures['p50']:9.2f} {p50_change:+7.1%}"
              f" {ratio:7.2f}x {large_ratio:7.2f}x {ratio_change:+7.1%}{note}")  # fmt: skip


def table_sizes(url: str) -> str:
    accounts, unlocks = meter_growth.table_sizes(url)
    return f"{accounts:,} accounts, {unlocks:,} unlocks"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=4000, help="per scenario")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--demo-only", action="store_true", help="skip the ICD-10-CM import")
    parser.add_argument(
        "--skip-growth", action="store_true", help="only the two runs on small meter tables"
    )
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")

    env = server_environment()
    url = env["DATABASE_URL"]
    catalogue = prepare_database(env, options.demo_only)
    if any(meter_growth.growth_rows(url)):
        started = time.perf_counter()
        meter_growth.remove_growth(url)  # left by an interrupted run
        print(f"Removed an earlier run's seeded rows: {time.perf_counter() - started:.1f} s")
    period = manage(env, "shell", "-c", "from accounts.unlocks import current_period; "
                    "print(current_period())").strip().splitlines()[-1]  # fmt: skip
    member_cookie = f"sessionid={member_session_cookie(env)}"
    # Kept to explain a worker that went missing between runs (its RSS line says "new pid").
    GUNICORN_LOG.parent.mkdir(parents=True, exist_ok=True)
    log = GUNICORN_LOG.open("w")
    server = start_server(env, log)
    try:
        # Walled on its second code; a browser keeps the wall cookie that page sets.
        walled_guest = cookies_after(SECOND_CODE, cookies_after(FIRST_CODE))
        assert "wall=" in walled_guest
        assert "0 code page views remaining" in page_text(SECOND_CODE, walled_guest)
        member_cookie = cookies_after(FIRST_CODE, member_cookie)

        search_queries = write_search_paths()
        static_path = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"',
                                page_text("/", "")).group(1)  # fmt: skip
        scenarios = [
            ("trivial Django view (baseline)", "/bench/trivial", ""),
            ("home page", "/", ""),
            ("code page, guest with a view left", FIRST_CODE, ""),
            ("code page, walled guest", SECOND_CODE, walled_guest),
            ("code page, member re-reading", FIRST_CODE, member_cookie),
            ("static CSS (whitenoise)", static_path, ""),
        ]
        workers = env.get("GUNICORN_WORKERS") or f"{os.cpu_count() * 2 + 1}"
        print(f"gunicorn {workers} workers (not recycled) on PostgreSQL + Redis, {catalogue};"
              f" wrk 2 threads, {options.connections} connections, {options.requests}"
              f" requests per scenario; {os.cpu_count()} cores shared by server and wrk;"
              f" meter period {period!r}")  # fmt: skip

        print(f"\nRun 1: small meter tables ({table_sizes(url)})")
        small = [run_scenarios(scenarios, options)]
        print_search_latency(search_queries)
        first_memory = memory_of(server.pid)
        print_memory(first_memory)
        print(f"\nRun 2: small meter tables again ({table_sizes(url)}), same workers")
        small.append(run_scenarios(scenarios, options))
        print_search_latency(search_queries)
        print_memory(memory_of(server.pid), first_memory)
        if options.skip_growth:
            return

        stop_server(server)
        started = time.perf_counter()
        seeded = meter_growth.seed_growth(url, period)
        action = "Seeded" if seeded else "Found already seeded"
        print(
            f"\n{action} {meter_growth.ACCOUNTS:,} accounts and {meter_growth.UNLOCKS:,}"
            f" unlocks (VACUUM ANALYZE included): {time.perf_counter() - started:.1f} s"
        )
        server = start_server(env, log)
        print(f"\nRun 3: large meter tables ({table_sizes(url)}), gunicorn restarted")
        large = run_scenarios(scenarios, options)
        print_search_latency(search_queries)
        print_memory(memory_of(server.pid))
        print("\nSmall tables (mean of runs 1 and 2) against large tables (goal: within 15%)")
        print_comparison(small, large)
    finally:
        stop_server(server)
        log.close()
        if any(meter_growth.growth_rows(url)):
            started = time.perf_counter()
            meter_growth.remove_growth(url)
            print(f"\nRemoved the seeded rows (VACUUM FULL included):"
                  f" {time.perf_counter() - started:.1f} s")  # fmt: skip


if __name__ == "__main__":
    main()
