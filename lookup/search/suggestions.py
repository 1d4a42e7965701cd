"""The autocomplete's answers, kept in the shared cache for the catalogue's generation: every
key press asks, and coders type the same few letters ("diab", "knee pa") all day. Without a
shared cache (`make run`) they are not kept: another process's import (the background load)
does not renew this process's generation, and an answer given before it would outlive it."""

import hashlib

from django.conf import settings
from django.core.cache import cache

from ..models import CodeSystem
from ..selectors import CATALOGUE_GENERATION_KEY, catalogue_generation
from . import MAX_QUERY_LENGTH, MAX_SUGGESTIONS, Scope, modifiers_named, suggest_codes

# How long an answer is kept; a catalogue change makes it stale at once.
SUGGESTIONS_CACHE_SECONDS = 3600


def suggestions(query: str, system_slug: str | None) -> list[dict[str, str]]:
    """Code, list title, system and URL of up to ten modifiers and codes for the search box's
    `query`, within the system `system_slug` names (all systems if none or unknown); the
    modifiers the query names come first, alone when it asks for a modifier."""
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
    named = modifiers_named(query, Scope(system), generation)
    codes = [] if named.asked_for and named.found else suggest_codes(query, system, generation)
    modifiers = [
        {
            "code": modifier.code,
            "title": modifier.title,
            "system": f"{modifier.system_name} modifier",
            "url": modifier.url,
        }
        for modifier in named.found
    ]
    rows = (
        modifiers
        + [
            {
                "code": code.code,
                "title": f"{code.list_title} (deleted)" if code.is_deleted else code.list_title,
                "system": code.system.name,
                "url": code.get_absolute_url(),
            }
            for code in codes
        ][: MAX_SUGGESTIONS - len(modifiers)]
    )
    if settings.REDIS_URL:
        cache.set(key, (generation, rows), timeout=SUGGESTIONS_CACHE_SECONDS)
    return rows
