"""Which mailbox an email address reaches: one free allowance per mailbox, not per spelling.

Addresses that differ only in capital letters, a +tag, quotes around the local part, (for
Gmail) dots and the googlemail.com domain, or the spelling of their domain (gmail.com in
fullwidth letters is gmail.com to every mailer, as IDNA's UTS #46 maps it) all reach one
mailbox. The account table stores each account's canonical mailbox under a unique
constraint, so no two accounts can share one however their signups race.
"""

import re
import unicodedata

import idna

# Gmail ignores dots in the local part and treats googlemail.com as gmail.com.
GMAIL_DOMAINS = {"gmail.com", "googlemail.com"}
QUOTED_PAIR = re.compile(r"\\(.)")


class UnusableDomain(ValueError):
    """An address whose domain no mail should be sent to as typed; the message tells the
    reader why."""


def canonical_mailbox(email: str) -> str:
    """The mailbox `email` reaches, spelled one way: `"Jane.Doe+x"@GoogleMail.com` and
    `janedoe@gmail.com` give the same answer, and so do `a@bücher.example` and
    `a@xn--bcher-kva.example`."""
    local, _, domain = email.strip().rpartition("@")
    domain = ascii_domain(domain.rstrip("."))
    if len(local) >= 2 and local.startswith('"') and local.endswith('"'):
        local = QUOTED_PAIR.sub(r"\1", local[1:-1])  # "jane" is jane, "a\"b" is a"b
    local = local.lower().split("+", 1)[0] or local.lower()
    if domain in GMAIL_DOMAINS:
        local, domain = local.replace(".", "") or local, "gmail.com"
    return f"{local}@{domain}"


def ascii_domain(domain: str) -> str:
    """The domain as DNS knows it (UTS #46, then xn-- labels); a domain IDNA refuses, which
    no form accepts but an older row may hold, in lower case."""
    try:
        return idna.encode(domain, uts46=True, std3_rules=True).decode("ascii")
    except idna.IDNAError:
        return domain.lower()


def normal_address(email: str) -> str:
    """`email` with its domain spelled as mail software reads it (gmail.com in fullwidth
    letters is gmail.com); raises UnusableDomain for an invisible or disallowed character."""
    local, _, domain = email.rpartition("@")
    for character in domain:
        refuse_character(character)
    try:
        domain_in_ascii = idna.encode(domain, uts46=True, std3_rules=True).decode("ascii")
    except idna.IDNAError:
        raise UnusableDomain("The domain is not a valid domain name.") from None
    return f"{local}@{display_domain(domain_in_ascii)}"


def refuse_character(character: str) -> None:
    """Raise UnusableDomain for a character UTS #46 drops unseen (a soft hyphen, a
    zero-width space) or that no domain name can hold."""
    described = f"U+{ord(character):04X} {unicodedata.name(character, 'unnamed')}"
    try:
        mapped = idna.uts46_remap(character, std3_rules=True, transitional=False)
    except idna.InvalidCodepoint:
        mapped = None
    if mapped == "" or unicodedata.category(character) == "Cf":
        raise UnusableDomain(
            f"The domain holds an invisible character ({described}): type the address "
            "again without it."
        )
    if mapped is None or not all(domain_names_hold(letter) for letter in mapped.strip(".")):
        raise UnusableDomain(
            f"The domain holds a character that domain names cannot hold ({described})."
        )


def domain_names_hold(letter: str) -> bool:
    """Whether IDNA 2008 lets a label hold `letter` at all; where it may stand (a hyphen, an
    accent, a joiner) is judged with the whole label."""
    try:
        idna.check_label(letter)
    except idna.InvalidCodepoint:
        return False
    except idna.IDNAError:
        pass
    return True


def display_domain(domain_in_ascii: str) -> str:
    """The domain in its own letters (bücher.example) when every mailer sends to the same
    place from them; otherwise in xn-- form. Django's mailer encodes as IDNA 2003 does,
    which reads ß, ς and joiners unlike today's IDNA (faß.de would reach fass.de)."""
    unicode_domain = idna.decode(domain_in_ascii)
    try:
        agrees = unicode_domain.encode("idna").decode("ascii") == domain_in_ascii
    except UnicodeError:
        agrees = False
    return unicode_domain if agrees else domain_in_ascii
