"""The codes a payer policy covers, as editors write them: single codes and ranges."""

import re
from dataclasses import dataclass

from lookup.models import Code

# A CPT or HCPCS Level II code: five characters, digits with an optional letter.
CODE_PATTERN = re.compile(r"^[A-Z0-9]{4}[A-Z0-9]$")
SEPARATORS = re.compile(r"[,;\s]+")


@dataclass(frozen=True)
class CodeSpan:
    """One code (first == last) or a range of codes, both ends included."""

    first: str
    last: str

    def __str__(self) -> str:
        return self.first if self.first == self.last else f"{self.first}-{self.last}"

    def holds(self, code: str) -> bool:
        return self.first <= code <= self.last


class CodeListError(ValueError):
    """A list of codes an editor wrote that cannot be read; the message says which part."""


def read_code_list(text: str) -> list[CodeSpan]:
    """The spans of "27365, 27323-27329": codes and ranges split by commas, semicolons or
    spaces. Raises CodeListError naming the first part that is not a code or a range."""
    spans = []
    # An en dash, as word processors write ranges, reads as a hyphen.
    for part in SEPARATORS.split(text.upper().replace("\u2013", "-")):
        if not part:
            continue
        first, _, last = part.partition("-")
        last = last or first
        if not (CODE_PATTERN.match(first) and CODE_PATTERN.match(last)):
            raise CodeListError(f"“{part}” is not a code (27365) or a range (27323-27329).")
        if last < first:
            raise CodeListError(f"The range “{part}” ends before it starts.")
        spans.append(CodeSpan(first, last))
    if not spans:
        raise CodeListError("Name at least one code or range.")
    return spans


def spans_matching_nothing(spans: list[CodeSpan]) -> list[CodeSpan]:
    """The spans that hold no CPT or HCPCS Level II code of the catalogue (which holds every
    code the physician fee schedule prices)."""
    codes = Code.objects.filter(system__slug__in=["cpt", "hcpcs"], level=Code.Level.CODE)
    return [
        span
        for span in spans
        if not codes.filter(code__gte=span.first, code__lte=span.last).exists()
    ]
