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
    """Whether the reader opened the page: a document navigation they started, or a
    same-origin fetch by our own script (CasePilot answering in place). An image, frame or
    script on another site is not, nor another site's script navigating the browser here
    without a click. Requests without fetch metadata (older browsers, tools) count."""
    destination = request.headers.get("Sec-Fetch-Dest")
    mode = request.headers.get("Sec-Fetch-Mode")
    site = request.headers.get("Sec-Fetch-Site")
    if destination is None and mode is None:
        return True
    if is_navigation(request):
        # From our own pages or the address bar; from elsewhere only with the reader's
        # activation (a click on a search result), which a hostile page's script lacks.
        return site in {"same-origin", "none"} or request.headers.get("Sec-Fetch-User") == "?1"
    return site == "same-origin" and destination == "empty" and mode in {"cors", "same-origin"}


def is_navigation(request: HttpRequest) -> bool:
    """A top-level page load (not a frame, an image or a script's fetch)."""
    return (
        request.headers.get("Sec-Fetch-Dest") == "document"
        and request.headers.get("Sec-Fetch-Mode") == "navigate"
    )


def may_spend_a_view(request: HttpRequest) -> bool:
    """Only a reader opening a page spends a view: not HEAD requests, prefetches or embeds."""
    return request.method != "HEAD" and not is_prefetch(request) and is_reader_opening(request)
