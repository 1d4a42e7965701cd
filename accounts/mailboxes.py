"""Which mailbox an email address reaches: one free allowance per mailbox, not per spelling.

Addresses that differ only in capital letters, a +tag, quotes around the local part, or
(for Gmail) dots and the googlemail.com domain all reach one mailbox. The account table
stores each account's canonical mailbox under a unique constraint, so no two accounts can
share one however their signups race.
"""

import re

# Gmail ignores dots in the local part and treats googlemail.com as gmail.com.
GMAIL_DOMAINS = {"gmail.com", "googlemail.com"}
QUOTED_PAIR = re.compile(r"\\(.)")


def canonical_mailbox(email: str) -> str:
    """The mailbox `email` reaches, spelled one way: `"Jane.Doe+x"@GoogleMail.com` and
    `janedoe@gmail.com` give the same answer."""
    local, _, domain = email.strip().rpartition("@")
    domain = domain.lower().rstrip(".")
    if len(local) >= 2 and local.startswith('"') and local.endswith('"'):
        local = QUOTED_PAIR.sub(r"\1", local[1:-1])  # "jane" is jane, "a\"b" is a"b
    local = local.lower().split("+", 1)[0] or local.lower()
    if domain in GMAIL_DOMAINS:
        local, domain = local.replace(".", "") or local, "gmail.com"
    return f"{local}@{domain}"
