from django.utils.functional import SimpleLazyObject

from .full_catalogue import still_loading


def catalogue_loading(request):
    """What the full catalogue's background load has still to load, read (one query) only by
    the templates that print it: search, and the page of a code not loaded yet."""
    return {"catalogue_loading": SimpleLazyObject(still_loading)}
