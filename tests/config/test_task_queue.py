"""The task queue: work enqueued by a request is stored in the database and run by a worker
process (`manage.py db_worker`), as `make run` and `make serve` start it."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django_tasks import TaskResultStatus, task

from tests.config.conftest import PROJECT, database_url


@task()
def add_up(numbers: list[int]) -> int:
    """A task the worker process can import and run."""
    return sum(numbers)


@pytest.mark.django_db(transaction=True)
def test_enqueued_work_waits_in_the_database_until_a_worker_runs_it():
    result = add_up.enqueue([2, 3, 5])
    assert result.status == TaskResultStatus.READY

    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=PROJECT,
        env={"PATH": os.environ["PATH"], "DEBUG": "0", "SECRET_KEY": settings.SECRET_KEY,
             "DATABASE_URL": database_url()},
        check=True,
        timeout=120,
    )  # fmt: skip

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 10
