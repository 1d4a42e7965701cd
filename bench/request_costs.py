"""What each kind of request costs in-process, on PostgreSQL and Redis as gunicorn serves it.

    .venv/bin/python bench/request_costs.py [--requests 500] [--profile member]

Mean milliseconds per request through the whole middleware stack (the test client, no
HTTP) for the trivial view, the home page, a walled guest, a member re-reading a code it
unlocked, and the member on the trivial view (what being signed in costs by itself), each
as a ratio to the trivial view, with the database queries and cache round trips of one
request. --profile prints cProfile's costliest steps for one of them. Uses the database
and Redis of serving.py (BENCH_DATABASE_URL, REDIS_URL), which must hold the demo data;
run serving.py once first.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CODE = "/codes/cpt/27323/"
OTHER_CODE = "/codes/cpt/27324/"


def setup() -> None:
    sys.path.insert(0, str(PROJECT))
    from serving import server_environment  # the same database, Redis and settings

    os.environ.update(server_environment() | {"ALLOWED_HOSTS": "testserver"})
    import django

    django.setup()
    import logging

    logging.getLogger("codeatlas.requests").setLevel(logging.WARNING)


def clients() -> dict:
    from allauth.account.models import EmailAddress
    from django.test import Client

    from accounts.models import User

    user, _ = User.objects.get_or_create(email="bench-member@example.org")
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    member = Client()
    member.force_login(user)
    member.get(CODE)
    walled = Client()
    walled.get(CODE)
    walled.get(OTHER_CODE)
    return {"guest": Client(), "walled": walled, "member": member}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--profile", choices=["home", "walled", "member", "member-trivial"])
    options = parser.parse_args()
    setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_redis import get_redis_connection

    readers = clients()
    scenarios = {
        "trivial": ("guest", "/bench/trivial"),
        "home": ("guest", "/"),
        "walled": ("walled", OTHER_CODE),
        "member": ("member", CODE),
        "member-trivial": ("member", "/bench/trivial"),
    }
    client_class = type(get_redis_connection("default"))  # django-redis's client
    round_trips = {"count": 0}
    original = client_class.execute_command

    def counted(self, *args, **kwargs):
        round_trips["count"] += 1
        return original(self, *args, **kwargs)

    print(f"{'request':16} {'ms':>6} {'x trivial':>10} {'queries':>8} {'cache trips':>12}")
    baseline = None
    for name, (reader, path) in scenarios.items():
        client = readers[reader]
        for _ in range(30):
            client.get(path)
        started = time.perf_counter()
        for _ in range(options.requests):
            client.get(path)
        ms = (time.perf_counter() - started) / options.requests * 1000
        baseline = baseline or ms
        client_class.execute_command, round_trips["count"] = counted, 0
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        client_class.execute_command = original
        print(f"{name:16} {ms:6.2f} {baseline / ms:9.2f}x {len(queries):8} "
              f"{round_trips['count']:12}")  # fmt: skip
    if options.profile:
        reader, path = scenarios[options.profile]
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(300):
            readers[reader].get(path)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
