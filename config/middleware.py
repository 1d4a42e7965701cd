"""Site-wide rules for every request and response: unreadable NUL bytes refused up front,
and responses that depend on the reader kept out of shared caches."""

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.cache import has_vary_header, patch_cache_control

# Free text a view reads and checks itself, answering bad characters with a message beside
# the field: the search box's and CasePilot's question (`q`).
FREE_TEXT_PARAMETERS = {"q"}


def holds_nul_byte(request: HttpRequest) -> bool:
    """Whether the path, a cookie or a query parameter naming something (a system, a code, a
    state, a page) holds a NUL byte (%00): none holds one, and PostgreSQL refuses them."""
    texts = [request.path, request.path_info]
    texts += [text for item in request.COOKIES.items() for text in item]
    for key, values in request.GET.lists():
        texts += [key] if key in FREE_TEXT_PARAMETERS else [key, *values]
    return any("\x00" in text for text in texts)


class RejectNulBytesMiddleware:
    """Answer 400 to a request whose address or cookies hold a NUL byte, before any view or
    session lookup passes it to the database. Form fields and free text refuse it themselves,
    with a message beside the field."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if holds_nul_byte(request):
            return HttpResponseBadRequest(render_to_string("400.html"))
        return self.get_response(request)


class PrivateWhenPersonalMiddleware:
    """Mark `Cache-Control: private` on every response that varies with the cookie: it shows
    the reader's email, a CSRF token or the meter, so no shared cache may keep it for
    another reader. Django adds `Vary: Cookie` whenever a view reads the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if has_vary_header(response, "Cookie"):
            patch_cache_control(response, private=True)
        return response
