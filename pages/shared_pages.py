"""Pages rendered once for every reader who would see them alike, then served from the cache.

A page's variant names everything the page shows: for a code page, the code and the meter's
whole decision, among others (code_page.code_page_variant). Every page is cached with the
catalogue generation it was rendered in and served only in that generation; each process
keeps its own copies of the pages it served last, served with no round trip while the
generation it heard published is theirs (core/published.py). What
belongs to one reader alone, the address they signed in with and their form token, is
rendered as a placeholder and filled in per request, so that a cached page never carries
another reader's. Pages are kept encoded, as they are sent: a request fills in its placeholders
and is answered without encoding the page again.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import escape

from core.published import LocalCopies
from lookup.selectors import (
    CATALOGUE_GENERATION_KEY,
    catalogue_generation,
    catalogue_generation_heard,
)

# Private-use characters: never in our text, and left as they are by HTML escaping.
CSRF_TOKEN_PLACEHOLDER = "\ue000csrf-token\ue000"
READER_EMAIL_PLACEHOLDER = "\ue000reader-email\ue000"
# Part of every key: raise it when the placeholders or the cached form change, so that pages
# cached by the previous release are never read back by this one.
SHARED_PAGE_FORMAT = 3
ENCODED_CSRF_TOKEN_PLACEHOLDER = CSRF_TOKEN_PLACEHOLDER.encode()
ENCODED_READER_EMAIL_PLACEHOLDER = READER_EMAIL_PLACEHOLDER.encode()
# This process's copies of the pages it served last (30-40 KB each).
LOCAL_PAGES = LocalCopies(size=200)


def render_shared(
    request: HttpRequest,
    template_name: str,
    variant: tuple | None,
    build_context: Callable[[], dict],
) -> HttpResponse:
    """`template_name` with `build_context()`, rendered once for all the readers of `variant`.

    A variant of None, or a request with messages to show, is rendered for this request
    alone. The page is this process's copy, else read with the catalogue generation in one
    cache round trip."""
    if variant is None or len(get_messages(request)):
        return render(request, template_name, build_context())
    variant_text = repr((SHARED_PAGE_FORMAT, template_name, variant))
    key = "shared-page:" + hashlib.sha256(variant_text.encode()).hexdigest()
    page = LOCAL_PAGES.get(key, catalogue_generation_heard())
    if page is not None:
        return HttpResponse(personalised(request, page))
    found = cache.get_many([CATALOGUE_GENERATION_KEY, key])
    generation, cached = found.get(CATALOGUE_GENERATION_KEY), found.get(key)
    if generation is not None and cached is not None and cached[0] == generation:
        page = cached[1]
    else:
        placeholders = {
            "csrf_token": CSRF_TOKEN_PLACEHOLDER,
            "signed_in_as": READER_EMAIL_PLACEHOLDER,
        }
        # Labelled with the generation read before rendering: a catalogue change committed
        # meanwhile has already replaced it, so this page is never served after the change.
        generation = generation or catalogue_generation()
        html = render_to_string(template_name, build_context() | placeholders, request)
        page = html.encode()
        cache.set(key, (generation, page), timeout=settings.CODE_PAGE_CACHE_SECONDS)
    LOCAL_PAGES.put(key, generation, page)
    return HttpResponse(personalised(request, page))


def personalised(request: HttpRequest, page: bytes) -> bytes:
    """`page` (UTF-8) with this reader's form token and address in place of the placeholders."""
    if ENCODED_CSRF_TOKEN_PLACEHOLDER in page:
        page = page.replace(ENCODED_CSRF_TOKEN_PLACEHOLDER, get_token(request).encode())
    if ENCODED_READER_EMAIL_PLACEHOLDER in page:
        page = page.replace(ENCODED_READER_EMAIL_PLACEHOLDER, escape(request.user.email).encode())
    return page
