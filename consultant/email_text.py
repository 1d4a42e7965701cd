"""The new text of an inbound email: HTML reduced to text, quoted replies and signatures cut."""

import re

from core.plaintext import html_to_blocks

# "On Tue, Nov 25, 2026 at 9:14 AM CaseConsultant <...> wrote:" starts the quoted reply.
QUOTE_INTRO = re.compile(r"^\s*(on\b.{0,200}\bwrote:|-+\s*original message\s*-+)\s*$", re.I)
# A sign-off line: what follows it is a signature (name, title, phone...), not the question.
SIGN_OFF = re.compile(
    r"^\s*(--\s*|thanks?( you)?|many thanks|regards|best regards|kind regards|best|cheers|"
    r"sincerely|sent from my \w+.*)[,.!]?\s*$",
    re.IGNORECASE,
)


def email_text(*, text: str, html: str, stripped_text: str | None) -> str:
    """What the coder wrote in this email, as plain text paragraphs.

    The provider's reply-stripped text when it gives one, else the text part, else the HTML
    part reduced to text; then quoted earlier messages and the signature are cut.
    """
    body = stripped_text or text or "\n\n".join(html_to_blocks(html))
    lines = body.replace("\r\n", "\n").split("\n")
    kept: list[str] = []
    for line in lines:
        if QUOTE_INTRO.match(line) or (SIGN_OFF.match(line) and kept):
            break
        if not line.lstrip().startswith(">"):
            kept.append(line.rstrip())
    return "\n".join(kept).strip()
