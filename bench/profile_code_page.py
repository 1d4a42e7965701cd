"""Where a code page's time goes: cProfile over repeated requests through the test client.

    .venv/bin/python bench/profile_code_page.py [--path /codes/cpt/27323/] [--guest]

Uses the bench database (bench/common.py) with the demo data loaded; by default a verified
free account re-reads a code it has unlocked (the member case of bench/serving.py). Prints
the page's mean time without the profiler, then the functions with the most time of their
own and the cumulative time of the page's main steps.
"""

import argparse
import cProfile
import io
import pstats
import time

from common import setup_django

setup_django()

from allauth.account.models import EmailAddress  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402
from pages.demo import load_demo_data  # noqa: E402

STEPS = {
    "session and user": "auth/middleware.py:18(get_user)",
    "meter (decide_access)": "(decide_access)",
    "code gate (cache)": "code_gate",
    "catalogue part (on a page miss)": "catalogue_page",
    "fee section query": "fee_section_for",
    "template rendering": "shortcuts.py:18(render)",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default="/codes/cpt/27323/")
    parser.add_argument("--guest", action="store_true", help="a guest instead of a member")
    parser.add_argument("--requests", type=int, default=300)
    options = parser.parse_args()

    load_demo_data()
    client = Client()
    if not options.guest:
        user, _ = User.objects.get_or_create(email="bench-member@example.org")
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        client.force_login(user)
    for _ in range(30):
        client.get(options.path)

    started = time.perf_counter()
    for _ in range(options.requests):
        client.get(options.path)
    print(f"{options.path}: {(time.perf_counter() - started) / options.requests * 1000:.2f} ms"
          " a request without the profiler")  # fmt: skip

    profile = cProfile.Profile()
    profile.enable()
    for _ in range(options.requests):
        client.get(options.path)
    profile.disable()

    output = io.StringIO()
    stats = pstats.Stats(profile, stream=output)
    stats.sort_stats("tottime").print_stats(15)
    print(output.getvalue())
    print("Main steps (they overlap: the meter loads the user), cumulative ms a request")
    print("under the profiler, which makes everything 2-3x slower:")
    for label, needle in STEPS.items():
        cumulative = max(
            (
                row[3]
                for key, row in stats.stats.items()
                if needle in f"{key[0]}:{key[1]}({key[2]})"
            ),
            default=0.0,
        )
        print(f"  {label:28} {cumulative / options.requests * 1000:6.2f}")


if __name__ == "__main__":
    main()
