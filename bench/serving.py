"""Serving benchmark: gunicorn on PostgreSQL, driven by wrk for a fixed count of requests.

Prints requests per second and p50/p99 latency for a trivial Django view (the baseline),
the home page, code pages as different visitors, and a static file, each also as a ratio
to the baseline. Run from the project folder:

    .venv/bin/python bench/serving.py [--requests 4000] [--connections 8]

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/codeatlas_bench),
Redis (REDIS_URL, default redis://127.0.0.1:6379/1) and wrk (apt-get install wrk). Loads the
demo data and, unless --demo-only, the full ICD-10-CM (import_icd10cm) into that database.
"""

import argparse
import http.cookiejar
import math
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
FIRST_CODE = "/codes/cpt/27323/"
SECOND_CODE = "/codes/cpt/27324/"


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


def page_text(path: str, cookie_header: str) -> str:
    request = urllib.request.Request(BASE + path, headers={"Cookie": cookie_header})
    return urllib.request.urlopen(request).read().decode()


def run_wrk(
    path: str, requests: int, connections: int, cookie_header: str = "", seconds: int = 120
) -> dict:
    """`requests` requests (split over wrk's threads); `seconds` only bounds the run."""
    threads = 2
    env = os.environ | {"WRK_REQUESTS_PER_THREAD": str(requests // threads)}
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
               "-s", str(PROJECT / "bench" / "fixed_count.lua")]  # fmt: skip
    if cookie_header:
        command += ["-H", f"Cookie: {cookie_header}"]
    output = subprocess.run(
        [*command, BASE + path], env=env, capture_output=True, text=True, check=True
    ).stdout
    done, elapsed = re.search(r"FIXED-COUNT requests=(\d+) seconds=([\d.]+)", output).groups()
    return {
        "requests": int(done),
        "rps": int(done) / float(elapsed),
        "p50": latency_ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99": latency_ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
        "non_2xx": int(m.group(1)) if (m := re.search(r"Non-2xx.*?(\d+)", output)) else 0,
    }


def latency_ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=4000, help="per scenario")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--demo-only", action="store_true", help="skip the ICD-10-CM import")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")

    env = server_environment()
    catalogue = prepare_database(env, options.demo_only)
    member_cookie = f"sessionid={member_session_cookie(env)}"
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "-c", "config/gunicorn.py", "config.wsgi"],
        cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(BASE + "/healthz").read()
                break
            except OSError:
                time.sleep(0.2)
        walled_guest = cookies_after(FIRST_CODE)
        assert "0 code page views remaining" in page_text(SECOND_CODE, walled_guest)
        member_cookie = cookies_after(FIRST_CODE, member_cookie)

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
        print(f"gunicorn {workers} workers on PostgreSQL + Redis, {catalogue};"
              f" wrk 2 threads, {options.connections} connections,"
              f" {options.requests} requests per scenario, {os.cpu_count()} cores shared"
              " by server and wrk")  # fmt: skip
        print(f"{'scenario':40} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'x baseline':>11}")
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
            print(f"{name:40} {figures['rps']:9.0f} {figures['p50']:8.2f} {figures['p99']:8.2f}"
                  f" {figures['rps'] / baseline:10.2f}x{note}")  # fmt: skip
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
