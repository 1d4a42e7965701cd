"""Signup's answer time for a new address and for one whose mailbox has an account.

An attacker who can tell the two apart learns which addresses have accounts (issue 26), so
their medians should be close. Signups alternate between the two kinds through the test
client (production settings, rate limits off, mail queued and left unsent); prints each
median and their ratio.
"""

import argparse
import statistics
import time
import uuid

from common import machine_note, setup_django

DATABASE = setup_django()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402

PASSWORD = "a long and unusual passphrase"
EXISTING = "taken@bench.example.org"


def signup_seconds(email: str) -> float:
    """One signup's time, from the post to its answer, in a new browser."""
    client = Client()
    started = time.perf_counter()
    response = client.post(
        "/account/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )
    elapsed = time.perf_counter() - started
    assert response.status_code == 302, (email, response.status_code)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    arguments = parser.parse_args()
    # One network signs up many times here: its daily caps would refuse the later ones.
    settings.ACCOUNT_RATE_LIMITS = False
    settings.METER_SIGNUPS_DAILY_PER_IP = 1_000_000
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    if not User.objects.filter(email=EXISTING).exists():
        User.objects.create_user(email=EXISTING, password=PASSWORD)

    print(machine_note())
    signup_seconds(f"warm-{uuid.uuid4().hex}@bench.example.org")
    new, existing = [], []
    for _ in range(arguments.rounds):
        # Each probe of the existing mailbox uses a new +tag, as an attacker trying aliases
        # would: allauth's once-in-three-minutes limit per address never applies.
        tag = uuid.uuid4().hex[:12]
        new.append(signup_seconds(f"new-{tag}@bench.example.org"))
        existing.append(signup_seconds(EXISTING.replace("@", f"+{tag}@")))
    new_median, existing_median = statistics.median(new), statistics.median(existing)
    print(f"signup answer, {arguments.rounds} of each, {DATABASE}:")
    print(f"  new address          median {new_median * 1000:7.1f} ms")
    print(f"  address with account median {existing_median * 1000:7.1f} ms")
    print(f"  ratio (with account / new)   {existing_median / new_median:.2f}")


if __name__ == "__main__":
    main()
