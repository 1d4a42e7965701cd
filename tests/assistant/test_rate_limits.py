import time

import pytest

from tests.assistant.conftest import ask
from tests.conftest import make_user


def test_asker_over_the_per_minute_limit_is_asked_to_wait(client, biopsy, settings):
    settings.ASSISTANT_QUESTIONS_PER_MINUTE = 3
    statuses = [ask(client, "what is 27323").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert "Wait a minute, then ask again." in ask(client, "what is 27323").content.decode()


def test_limit_counts_each_account_on_its_own(client, biopsy, settings):
    settings.ASSISTANT_QUESTIONS_PER_MINUTE = 1
    client.force_login(make_user("one@example.org"))
    assert ask(client, "what is 27323").status_code == 200
    client.force_login(make_user("two@example.org"))

    assert ask(client, "what is 27323").status_code == 200


def test_fresh_sessions_from_one_network_share_its_limit(client, biopsy, settings):
    """Clearing cookies gives a new session, not a new allowance of questions."""
    settings.ASSISTANT_NETWORK_QUESTIONS_PER_MINUTE = 2
    statuses = []
    for _ in range(3):
        client.cookies.clear()
        statuses.append(ask(client, "what is 27323", REMOTE_ADDR="203.0.113.7").status_code)

    assert statuses == [200, 200, 429]
    assert ask(client, "what is 27323", REMOTE_ADDR="198.51.100.9").status_code == 200


def test_ipv6_addresses_in_one_64_share_a_network_limit(client, biopsy, settings):
    settings.ASSISTANT_NETWORK_QUESTIONS_PER_MINUTE = 1
    client.cookies.clear()
    assert ask(client, "what is 27323", REMOTE_ADDR="2001:db8:1:2::1").status_code == 200
    client.cookies.clear()

    assert ask(client, "what is 27323", REMOTE_ADDR="2001:db8:1:2::ffff").status_code == 429


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves, starting 1.5 seconds before a minute begins."""
    now = [(int(time.time()) // 60 + 1) * 60 - 1.5]
    monkeypatch.setattr(time, "time", lambda: now[0])
    return now


def test_a_burst_across_a_minute_boundary_gets_no_more_than_the_limit(
    client, biopsy, settings, clock
):
    settings.ASSISTANT_QUESTIONS_PER_MINUTE = 10
    before = [ask(client, "what is 27323").status_code for _ in range(10)]
    clock[0] += 3  # three seconds later, in the next minute
    after = [ask(client, "what is 27323").status_code for _ in range(10)]

    assert before == [200] * 10
    assert after == [429] * 10


def test_refused_questions_do_not_count_and_a_minute_later_asking_works_again(
    client, biopsy, settings, clock
):
    settings.ASSISTANT_QUESTIONS_PER_MINUTE = 2
    start = clock[0]
    statuses = {}
    for seconds in [0, 30, 45, 59, 60.5, 75, 89, 90.5]:
        clock[0] = start + seconds
        statuses[seconds] = ask(client, "what is 27323").status_code

    assert statuses == {
        0: 200, 30: 200,  # the limit
        45: 429, 59: 429,  # within a minute of the first: refused, and not counted
        60.5: 200,  # the first has left the window
        75: 429, 89: 429,
        90.5: 200,  # the second has left it too
    }  # fmt: skip
