"""The task queue: work enqueued by a request is stored in the database and run by a worker
process (`manage.py db_worker`), as `make run` and `make serve` start it."""

import pytest
from django_tasks import TaskResultStatus, task

from tests.config.conftest import run_db_worker


@task()
def add_up(numbers: list[int]) -> int:
    """A task the worker process can import and run."""
    return sum(numbers)


@pytest.mark.django_db(transaction=True)
def test_enqueued_work_waits_in_the_database_until_a_worker_runs_it():
    result = add_up.enqueue([2, 3, 5])
    assert result.status == TaskResultStatus.READY

    run_db_worker()

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 10
