"""Whether a request is the reader opening a page, read from the headers browsers send:
only that may spend something counted per page (a code page view, a job's view count).
Prefetches, previews, embeds on other sites and HEAD requests never do."""

from django.http import HttpRequest

# Purpose headers browsers send with prefetches and previews: Sec-Purpose (Chrome),
# Purpose (older Chrome and Safari), X-Purpose (Chrome's previews), X-Moz (Firefox).
PURPOSE_HEADERS = ["Sec-Purpose", "Purpose", "X-Purpose", "X-Moz"]


def is_prefetch(request: HttpRequest) -> bool:
    """A prefetch, prerender or preview: the browser guesses, the reader has not opened it."""
    purposes = " ".join(request.headers.get(name, "") for name in PURPOSE_HEADERS).lower()
    return "prefetch" in purposes or "preview" in purposes


def is_reader_opening(request: HttpRequest) -> bool:
    """Whether the reader opened the page: a document navigation, or a same-origin fetch by
    our own script (CasePilot answering in place). An image, frame or script on another site
    is not. Requests without fetch metadata (older browsers, tools) count as openings."""
    destination = request.headers.get("Sec-Fetch-Dest")
    mode = request.headers.get("Sec-Fetch-Mode")
    if destination is None and mode is None:
        return True
    if destination == "document" and mode == "navigate":
        return True
    return (
        request.headers.get("Sec-Fetch-Site") == "same-origin"
        and destination == "empty"
        and mode in {"cors", "same-origin"}
    )


def may_spend_a_view(request: HttpRequest) -> bool:
    """Only a reader opening a page spends a view: not HEAD requests, prefetches or embeds."""
    return request.method != "HEAD" and not is_prefetch(request) and is_reader_opening(request)
