"""Absolute links to the site's own pages, built from SITE_URL, never from the request: a
request's Host header is the client's to choose, and a page rendered for one client may be
cached and served to every other."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """The full URL of a site path ("/codes/cpt/27323/"), on SITE_URL's scheme and host."""
    return settings.SITE_URL + path
