"""The checker's daily row allowance holds when requests race (real threads, each with its
own connection, on whichever database the suite runs)."""

import threading

import pytest
from django.db import connection

from checker.allowance import take_rows
from checker.models import DailyRows
from core.days import site_today
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_racing_checks_never_take_more_rows_than_the_allowance(settings):
    settings.CHECKER_DAILY_ROWS = 200
    user, today = make_user(), site_today()
    barrier = threading.Barrier(6)
    granted: list[int] = []

    def take() -> None:
        try:
            barrier.wait()
            granted.append(take_rows(user, 50, today))
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sum(granted) == 200
    assert DailyRows.objects.get(user=user, day=today).rows == 200
