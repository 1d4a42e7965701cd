import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def run_manage(*arguments: str, **environment: str) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ["PATH"], **environment}
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def check_deploy(**environment: str) -> subprocess.CompletedProcess:
    production = {
        "DEBUG": "0",
        "SECRET_KEY": "a-long-random-production-secret-" + "x7Qp2vLm9Rt4" * 4,
        "ALLOWED_HOSTS": "codeatlas.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "SITE_URL": "https://codeatlas.example.org",
    }
    return run_manage("check", "--deploy", "--fail-level", "WARNING", **(production | environment))


def test_production_settings_pass_check_deploy():
    result = check_deploy()

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("command", [["check"], ["makemigrations", "--check", "--dry-run"]])
def test_missing_secret_key_refuses_to_start_without_debug(command):
    result = run_manage(*command, DEBUG="0")

    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_readers_sessions_and_the_cache_are_shared_only_with_redis():
    printing = (
        "from django.conf import settings as s; "
        "print(s.CACHE_READERS, s.CACHES['default']['BACKEND'], s.SESSION_ENGINE)"
    )

    alone = run_manage("shell", "-c", printing, DEBUG="1")
    shared = run_manage("shell", "-c", printing, DEBUG="1", REDIS_URL="redis://127.0.0.1:1/0")

    # A per-process cache could keep a changed account or a closed session alive elsewhere.
    assert alone.stdout.strip().endswith(
        "False django.core.cache.backends.locmem.LocMemCache django.contrib.sessions.backends.db"
    ), alone.stderr
    assert shared.stdout.strip().endswith("True django_redis.cache.RedisCache accounts.sessions"), (
        shared.stderr
    )


def test_check_deploy_warns_when_behind_a_proxy_that_is_not_trusted():
    result = check_deploy(SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https")

    assert "codeatlas.W001" in result.stderr + result.stdout
    assert "ALLAUTH_TRUSTED_PROXY_COUNT is 0" in result.stderr + result.stdout


@pytest.mark.parametrize("bind", ["0.0.0.0:8000", "127.0.0.1:8000", "[::1]:8000"])
def test_check_deploy_warns_when_a_trusted_proxy_can_be_bypassed(bind):
    # Loopback too: every user of the machine can connect to it and forge X-Forwarded-For.
    result = check_deploy(ALLAUTH_TRUSTED_PROXY_COUNT="1", GUNICORN_BIND=bind)

    assert "codeatlas.W002" in result.stderr + result.stdout
    assert f"gunicorn listens on {bind}" in result.stderr + result.stdout


def test_check_deploy_is_quiet_for_gunicorn_on_a_socket_behind_one_trusted_proxy():
    result = check_deploy(
        ALLAUTH_TRUSTED_PROXY_COUNT="1",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
        GUNICORN_BIND="unix:/run/codeatlas/gunicorn.sock",
    )

    assert result.returncode == 0, result.stderr


def test_check_deploy_warns_that_without_redis_every_worker_counts_for_itself():
    result = check_deploy(REDIS_URL="")

    assert "codeatlas.W003" in result.stderr + result.stdout
    assert "rate limits" in result.stderr + result.stdout


def development_checkout(tmp_path: Path) -> Path:
    """A copy of manage.py beside the .env that `make run` writes, as a fresh checkout has."""
    subprocess.run(
        ["make", "-s", "-f", str(PROJECT / "Makefile"), ".env"], cwd=tmp_path, check=True
    )
    shutil.copy(PROJECT / "manage.py", tmp_path)
    return tmp_path


def test_manage_py_works_after_make_run_with_no_environment_variables(tmp_path):
    checkout = development_checkout(tmp_path)

    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from django.conf import settings; print('DEBUG', settings.DEBUG)"],
        cwd=checkout, env={"PATH": os.environ["PATH"], "PYTHONPATH": str(PROJECT)},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("DEBUG True")


def test_the_wsgi_app_ignores_the_development_env_file(tmp_path):
    checkout = development_checkout(tmp_path)

    result = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"],
        cwd=checkout, env={"PATH": os.environ["PATH"], "PYTHONPATH": str(PROJECT)},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_the_site_time_zone_and_its_name_come_from_the_environment():
    result = run_manage(
        "shell", "-c", "from django.conf import settings as s; "
        "print(s.SITE_TIME_ZONE, '|', s.SITE_TIME_ZONE_NAME)",
        DEBUG="1", SITE_TIME_ZONE="America/Chicago", SITE_TIME_ZONE_NAME="Central time",
    )  # fmt: skip

    assert result.stdout.strip().endswith("America/Chicago | Central time"), result.stderr


def test_an_unknown_site_time_zone_refuses_to_start():
    result = run_manage("check", DEBUG="1", SITE_TIME_ZONE="America/Gotham")

    assert result.returncode != 0
    assert "SITE_TIME_ZONE 'America/Gotham' is not a time zone." in result.stderr


@pytest.mark.parametrize("site_url", ["", "http://127.0.0.1:8100", "http://localhost:8000"])
def test_check_deploy_warns_when_links_would_name_this_machine(site_url):
    # Unset, SITE_URL follows `make run`'s port, which no reader of an email can reach.
    result = check_deploy(SITE_URL=site_url)

    assert "codeatlas.W004" in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("environment", "site_url"),
    [
        ({"PORT": "8100"}, "http://127.0.0.1:8100"),
        ({}, "http://127.0.0.1:8000"),
        (
            {"PORT": "8100", "SITE_URL": "https://codeatlas.example.org/"},
            "https://codeatlas.example.org",
        ),
    ],
)
def test_development_links_follow_the_port_unless_site_url_is_set(environment, site_url):
    printing = "from django.conf import settings; print(settings.SITE_URL)"

    result = run_manage("shell", "-c", printing, DEBUG="1", **environment)

    assert result.stdout.strip().splitlines()[-1] == site_url, result.stderr


def test_make_run_serves_on_the_port_it_is_given_and_every_step_knows_it(tmp_path):
    # Dry run (-n) in a bare folder: the commands `make run PORT=8100` would run.
    (tmp_path / "pyproject.toml").touch()
    commands = subprocess.run(
        ["make", "-n", "-f", str(PROJECT / "Makefile"), "run", "PORT=8100"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()

    manage = [line for line in commands if "manage.py" in line]
    assert "runserver --skip-checks 127.0.0.1:8100" in manage[-1]
    assert manage and all(line.startswith("PORT=8100 ") for line in manage)
    assert "load_catalogue --background" in "\n".join(manage)
