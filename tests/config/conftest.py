"""Real servers for the deployment tests: gunicorn processes over the test database,
Debian's nginx in front of them and a Redis of their own, each on a free port of this
machine."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pytest
import redis
from django.conf import settings
from django.db import connection

PROJECT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # Debian's, installed by `make test`
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
# How the production site passes requests to gunicorn; the nginx tests include it.
PROXY_SETTINGS = PROJECT / "deploy" / "nginx" / "codeatlas-proxy.conf"


def database_url() -> str:
    """The URL of the database this test run uses, for the gunicorn processes."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    return (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_db_worker(environment: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `manage.py db_worker` over the test database until no task is left, as `make run`
    starts it; its output is captured (the console email backend prints mails there)."""
    return subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=PROJECT,
        env={"PATH": os.environ["PATH"], "DEBUG": "0", "SECRET_KEY": settings.SECRET_KEY,
             "DATABASE_URL": database_url()} | (environment or {}),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )  # fmt: skip


@pytest.fixture(scope="module")
def static_root(tmp_path_factory) -> Path:
    """Static files gathered as a deployment gathers them (hashed, compressed)."""
    root = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=PROJECT,
        env={"PATH": os.environ["PATH"], "DEBUG": "0", "SECRET_KEY": settings.SECRET_KEY,
             "STATIC_ROOT": str(root)},
        check=True,
    )  # fmt: skip
    return root


@contextmanager
def gunicorn_instances(
    count: int,
    static_root: Path,
    environment: dict[str, str] | None = None,
    output: IO | None = None,
):
    """Start `count` gunicorn instances on their own ports with config/gunicorn.py, their
    logs going to `output` (discarded without one); yields their base URLs."""
    ports = [free_port() for _ in range(count)]
    with gunicorn_processes(
        [f"127.0.0.1:{port}" for port in ports], static_root, environment, output
    ):
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        for url in urls:
            wait_until_healthy(url)
        yield urls


@contextmanager
def gunicorn_processes(
    binds: list[str],
    static_root: Path,
    environment: dict[str, str] | None = None,
    output: IO | None = None,
):
    """One gunicorn process per GUNICORN_BIND value (a port or a unix socket), stopped on
    exit; the caller waits for them to answer."""
    environment = {
        "STATIC_ROOT": str(static_root),
        "PATH": os.environ["PATH"],
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "DATABASE_URL": database_url(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "GUNICORN_WORKERS": "2",
        "LOG_LEVEL": "WARNING",
    } | (environment or {})
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=PROJECT,
            env=environment | {"GUNICORN_BIND": bind},
            stdout=output or subprocess.DEVNULL,
            stderr=output or subprocess.DEVNULL,
        )
        for bind in binds
    ]
    try:
        yield processes
    finally:
        stop(processes)


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=30)


def wait_until_healthy(url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/healthz", timeout=2).status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not start")


@pytest.fixture
def redis_url(tmp_path) -> Iterator[str]:
    """The URL of a redis-server started for this test alone (never the machine's shared one),
    keeping nothing on disk."""
    port = free_port()
    process = subprocess.Popen(
        [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    try:
        wait_until_redis_answers(url)
        yield url
    finally:
        stop([process])


def wait_until_redis_answers(url: str) -> None:
    client = redis.Redis.from_url(url, socket_timeout=2)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if client.ping():
                return
        except redis.ConnectionError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not start")
