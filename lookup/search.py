"""Case2Code search: find codes by code, code prefix or descriptor words."""

from dataclasses import dataclass, field

from django.db.models import Q

from .models import Code, CodeSystem, canonical_code

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 50


@dataclass
class SearchOutcome:
    query: str
    exact: Code | None = None
    results: list[Code] = field(default_factory=list)
    error: str = ""


def search_codes(query: str, system: CodeSystem | None = None) -> SearchOutcome:
    """Match an exact code, a code prefix, or all words of the descriptors."""
    query = " ".join(query.split())
    if not query:
        return SearchOutcome(query, error="Type a code, part of a code, or a few words.")
    if len(query) > MAX_QUERY_LENGTH:
        return SearchOutcome(
            query[:MAX_QUERY_LENGTH],
            error=f"That search is too long: use at most {MAX_QUERY_LENGTH} characters.",
        )

    codes = Code.objects.filter(level=Code.Level.CODE).select_related("system")
    if system is not None:
        codes = codes.filter(system=system)

    systems = [system] if system else list(CodeSystem.objects.all())
    spellings = {canonical_code(each.slug, query) for each in systems}
    exact = codes.filter(code__in=spellings).first()
    if exact is not None:
        return SearchOutcome(query, exact=exact)

    by_prefix = Q()
    for spelling in spellings:
        by_prefix |= Q(code__startswith=spelling)
    by_words = Q()
    for word in query.split():
        by_words &= Q(short_descriptor__icontains=word) | Q(long_descriptor__icontains=word)
    results = list(codes.filter(by_prefix | by_words).order_by("code")[:MAX_RESULTS])
    return SearchOutcome(query, results=results)
