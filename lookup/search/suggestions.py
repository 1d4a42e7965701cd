"""The autocomplete's answers, kept in the shared cache for the catalogue's generation: every
key press asks, and coders type the same few letters ("diab", "knee pa") all day."""

import hashlib

from django.core.cache import cache

from ..models import CodeSystem
from ..selectors import CATALOGUE_GENERATION_KEY, catalogue_generation
from . import MAX_QUERY_LENGTH, suggest_codes

# How long an answer is kept; a catalogue change makes it stale at once.
SUGGESTIONS_CACHE_SECONDS = 3600


def suggestions(query: str, system_slug: str | None) -> list[dict[str, str]]:
    """Code, list title, system and URL of up to ten codes for the search box's `query`,
    within the system `system_slug` names (all systems if none or unknown)."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    asked = repr((system_slug or "", query))  # capitals kept: "CA" may be an abbreviation
    key = "suggestions:" + hashlib.sha256(asked.encode()).hexdigest()
    found = cache.get_many([CATALOGUE_GENERATION_KEY, key])
    generation, cached = found.get(CATALOGUE_GENERATION_KEY), found.get(key)
    if generation is not None and cached is not None and cached[0] == generation:
        return cached[1]
    # The generation read before searching: a change committed meanwhile has replaced it.
    generation = generation or catalogue_generation()
    system = CodeSystem.objects.filter(slug=system_slug).first() if system_slug else None
    rows = [
        {
            "code": code.code,
            "title": code.list_title,
            "system": code.system.name,
            "url": code.get_absolute_url(),
        }
        for code in suggest_codes(query, system)
    ]
    cache.set(key, (generation, rows), timeout=SUGGESTIONS_CACHE_SECONDS)
    return rows
