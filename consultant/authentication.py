"""Whether an inbound email comes from the mailbox its From address names, as the provider's
SPF, DKIM and DMARC verdicts say: DMARC's own rule (an SPF or DKIM pass for the From domain)."""

import re
from dataclasses import dataclass

# Postmark adds Received-SPF and Authentication-Results; Mailgun adds X-Mailgun-Spf and
# X-Mailgun-Dkim-Check-Result (and Authentication-Results when it checks DMARC).
RESULT = re.compile(r"\b(spf|dkim|dmarc)\s*=\s*([a-z]+)", re.IGNORECASE)
SIGNING_DOMAIN = re.compile(r"(?:^|;)\s*d\s*=\s*([^\s;]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Verdicts:
    """Each check's results, one per header that reported it (a forged copy is one more)."""

    spf: tuple[str, ...] = ()
    dkim: tuple[str, ...] = ()
    dmarc: tuple[str, ...] = ()


def verdicts_from_headers(headers: list[tuple[str, str]]) -> Verdicts:
    """The SPF, DKIM and DMARC results that Postmark's or Mailgun's headers report."""
    found: dict[str, list[str]] = {"spf": [], "dkim": [], "dmarc": []}
    for name, value in headers:
        name = name.lower()
        if name in {"received-spf", "x-mailgun-spf"}:
            found["spf"].append(value.strip().split(" ", 1)[0].lower())
        elif name == "x-mailgun-dkim-check-result":
            found["dkim"].append(value.strip().lower())
        elif name == "authentication-results":
            for check, result in RESULT.findall(value):
                found[check.lower()].append(result.lower())
    return Verdicts(**{check: tuple(results) for check, results in found.items()})


def aligned(domain: str, from_domain: str) -> bool:
    """DMARC's relaxed alignment: the same domain, or one a subdomain of the other."""
    domain, from_domain = domain.lower().rstrip("."), from_domain.lower().rstrip(".")
    return bool(domain) and (
        domain == from_domain
        or domain.endswith("." + from_domain)
        or from_domain.endswith("." + domain)
    )


def passed(results: tuple[str, ...]) -> bool:
    """Every header reporting the check says pass: a copy added by the sender cannot turn
    the provider's fail into a pass."""
    return bool(results) and all(result == "pass" for result in results)


def sender_authenticated(
    verdicts: Verdicts, *, from_address: str, envelope_sender: str, dkim_signatures: list[str]
) -> bool:
    """Whether the From address's domain vouches for the email: DMARC passed, or it failed
    nowhere and SPF passed for an aligned envelope sender or DKIM passed with every signature
    from an aligned domain."""
    if verdicts.dmarc:
        return passed(verdicts.dmarc)
    from_domain = from_address.rpartition("@")[2]
    if not from_domain:
        return False
    spf_aligned = passed(verdicts.spf) and aligned(envelope_sender.rpartition("@")[2], from_domain)
    signing_domains = [
        match.group(1) for match in map(SIGNING_DOMAIN.search, dkim_signatures) if match
    ]
    dkim_aligned = (
        passed(verdicts.dkim)
        and bool(signing_domains)
        and len(signing_domains) == len(dkim_signatures)
        and all(aligned(domain, from_domain) for domain in signing_domains)
    )
    return spf_aligned or dkim_aligned
