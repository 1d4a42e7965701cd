"""The base of every sitemap: URLs on SITE_URL's scheme, never the request's (the host comes
from the Sites framework's site, which SITE_URL names at every migrate)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap


class SiteSitemap(Sitemap):
    @property
    def protocol(self) -> str:
        return urlsplit(settings.SITE_URL).scheme
