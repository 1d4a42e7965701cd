"""CasePilot's answers to payer questions ("Does Aetna require prior authorization for
27365?"): said from the payer policy records we hold, each citing its record on the code's
payer overview with the day it was verified, or saying plainly that we hold none. Sample
records (the demo's) are never answered from: CasePilot says we hold no policy, and names
the sample for what it is.

The policy text is gated like the overview it sits on: only an asker whose opening of the
code (the meter decides, as for the page) lets them read gated content gets it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.dateformat import format as format_date

from accounts.metering import Access, MeteredCode, metered_code
from lookup.models import Code
from payers.models import Payer, PolicyVersion
from payers.selectors import payer_named_in, policies_for

from .questions import Question


@dataclass(frozen=True)
class PayerSource:
    """A policy record an answer cites: where it is shown, and when it was verified."""

    title: str
    url: str


@dataclass
class PayerReply:
    """What CasePilot says of one payer and code: sentences, each citing `sources[cited]`;
    `locked` when the asker may not read the policies we hold (none is quoted)."""

    code: Code
    payer: Payer
    sentences: list[tuple[str, int]] = field(default_factory=list)
    sources: list[PayerSource] = field(default_factory=list)
    locked: bool = False

    @property
    def states_policy(self) -> bool:
        """Whether it says what a payer's policy record holds (not that we hold none)."""
        return any("#policy-" in source.url and "Sample" not in source.title
                   for source in self.sources)  # fmt: skip

    @property
    def overview_url(self) -> str:
        return reverse("pages:code-payers", args=[self.code.system.slug, self.code.code])


def payer_reply_for(
    question: Question, *, guest: bool, open_code: Callable[[MeteredCode], Access]
) -> PayerReply | None:
    """The reply to a question naming a payer and one code, None for any other question (and
    for Medicare without a policy record: our CMS data on the code page answers those)."""
    payer = payer_named_in(question.text)
    if payer is None or len(question.subject_codes) != 1:
        return None
    code = question.subject_codes[0]
    held = policies_for(code.code, payer.name)
    # A sample record is not the payer's rule: CasePilot never answers from one.
    versions = [version for version in held if not version.policy.is_sample]
    medicare = payer.kind in (Payer.Kind.MEDICARE, Payer.Kind.MEDICARE_CONTRACTOR)
    if not versions and medicare:
        return None
    reply = PayerReply(code, payer)
    if not versions:
        reply.sources.append(PayerSource(f"Payer overview of {code.code}", reply.overview_url))
        reply.sentences.append((f"We hold no {payer.name} policy for {code.code}.", 0))
        for sample in held:
            url = f"{reply.overview_url}#policy-{sample.pk}"
            reply.sources.append(PayerSource(source_title(sample), url))
            sentence = (
                f"The payer overview shows a sample {payer.name} record for {code.code}, "
                f"written for the demo: it is not {payer.name}'s rule."
            )
            reply.sentences.append((sentence, len(reply.sources) - 1))
        return reply
    # A policy is gated content: opening the code spends a view as its page would.
    metered = metered_code(code.pk, is_hierarchy_node=False, holds_gated_content=True)
    if guest or not open_code(metered).can_read_gated:
        reply.locked = True
        return reply
    for version in versions:
        url = f"{reply.overview_url}#policy-{version.pk}"
        reply.sources.append(PayerSource(source_title(version), url))
        number = len(reply.sources) - 1
        reply.sentences += [(sentence, number) for sentence in sentences_of(version, code.code)]
    return reply


def source_title(version: PolicyVersion) -> str:
    policy = version.policy
    number = f" {policy.number}" if policy.number else ""
    verified = format_date(version.verified_on, "M j, Y")
    if policy.is_sample:
        return f"Sample record, not {policy.payer.name}'s policy: {policy.name}{number}"
    return f"{policy.payer.name} policy{number}: {policy.name} (verified {verified})"


def sentences_of(version: PolicyVersion, code: str) -> list[str]:
    """What the record says of `code`, in sentences that name the payer and its policy."""
    policy = version.policy
    payer = policy.payer.name
    authorization = {
        PolicyVersion.PriorAuthorization.REQUIRED: f"{payer} requires prior authorization "
        f"for {code}",
        PolicyVersion.PriorAuthorization.NOT_REQUIRED: f"{payer} does not require prior "
        f"authorization for {code}",
        PolicyVersion.PriorAuthorization.DEPENDS: f"Whether {payer} requires prior "
        f"authorization for {code} depends: {version.prior_authorization_condition.rstrip('.')}",
    }[version.prior_authorization]
    effective = format_date(version.effective_on, "M j, Y")
    sentences = [
        f"{authorization}, under its policy “{policy.name}” "
        f"({policy.get_line_of_business_display()}), effective {effective}.",
        f"Coverage criteria: {version.coverage_criteria}",
    ]
    if version.documentation:
        sentences.append(f"Documentation asked for: {version.documentation}")
    return sentences
