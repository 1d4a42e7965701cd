"""Whether an inbound email comes from the mailbox its From address names, as the provider's
SPF, DKIM and DMARC verdicts say: DMARC's own rule (an SPF or DKIM pass for the From domain,
and no failure reported)."""

import re
from dataclasses import dataclass

# Postmark adds Received-SPF (and Authentication-Results when it checks DKIM and DMARC);
# Mailgun adds X-Mailgun-Spf and X-Mailgun-Dkim-Check-Result.
RESULT = re.compile(r"\b(spf|dkim|dmarc)\s*=\s*([a-z]+)", re.IGNORECASE)
SIGNING_DOMAIN = re.compile(r"(?:^|;)\s*d\s*=\s*([^\s;]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Verdicts:
    """SPF and DKIM results, one per header that reported them (a copy the sender added is
    one more), and whether an Authentication-Results header reported a failure."""

    spf: tuple[str, ...] = ()
    dkim: tuple[str, ...] = ()
    failed: bool = False


def verdicts_from_headers(headers: list[tuple[str, str]]) -> Verdicts:
    """The results that Postmark's or Mailgun's headers report.

    Both providers add their SPF (and Mailgun its DKIM) header to every email, so a copy
    the sender wrote sits beside the provider's own. Authentication-Results may be the
    sender's alone: it can only report failures, never vouch.
    """
    spf: list[str] = []
    dkim: list[str] = []
    failed = False
    for name, value in headers:
        name = name.lower()
        if name in {"received-spf", "x-mailgun-spf"}:
            spf.append(value.strip().split(" ", 1)[0].lower())
        elif name == "x-mailgun-dkim-check-result":
            dkim.append(value.strip().lower())
        elif name == "authentication-results":
            failed = failed or any(result.lower() == "fail" for _, result in RESULT.findall(value))
    return Verdicts(spf=tuple(spf), dkim=tuple(dkim), failed=failed)


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
    """Whether the From address's domain vouches for the email, as DMARC decides: nothing
    reported a failure, and SPF passed for an envelope sender of that domain or DKIM passed
    with every signature from it."""
    from_domain = from_address.rpartition("@")[2]
    if verdicts.failed or not from_domain:
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
