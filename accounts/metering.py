"""Who may read what on a code page. The code page view asks `decide_access` and renders it."""

from dataclasses import dataclass
from enum import Enum

from django.http import HttpRequest

from lookup.models import Code, Section


class AccessLevel(Enum):
    FULL = "full"  # every section, gated ones included
    TEASER = "teaser"  # descriptors and ungated sections; gated sections locked


@dataclass(frozen=True)
class Access:
    level: AccessLevel

    @property
    def can_read_gated(self) -> bool:
        """Whether gated content (gated sections, fee data) may be sent to this visitor."""
        return self.level is AccessLevel.FULL

    def can_read(self, section: Section) -> bool:
        return self.can_read_gated or not section.gated


def decide_access(request: HttpRequest, code: Code) -> Access:
    """Registered users read every section; guests read the ungated ones."""
    if request.user.is_authenticated:
        return Access(AccessLevel.FULL)
    return Access(AccessLevel.TEASER)
