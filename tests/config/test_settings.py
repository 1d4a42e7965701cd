import os
import subprocess
import sys
from pathlib import Path

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


def test_production_settings_pass_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-" + "x7Qp2vLm9Rt4" * 4,
        ALLOWED_HOSTS="codeatlas.example.org",
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_missing_secret_key_refuses_to_start_without_debug():
    result = run_manage("check", DEBUG="0")

    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_site_name_comes_from_the_environment():
    result = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.SITE_NAME)",
        DEBUG="1", SITE_NAME="Coders' Atlas",
    )  # fmt: skip

    assert result.stdout.strip().endswith("Coders' Atlas")
