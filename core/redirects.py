"""One permanent redirect to a page's canonical URL, as every app's other spellings answer."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect


def permanent_redirect(url_name: str, *args: str) -> HttpResponse:
    """One 301 to a canonical URL; a spelling that is nothing but spaces is a 404."""
    if not all(args):
        raise Http404("No such page.")
    return redirect(url_name, *args, permanent=True)
