from core.sitemaps import SiteSitemap

from .models import Code, CodeSystem


class CodeSitemap(SiteSitemap):
    """Every code page; only URLs and dates, never page text."""

    limit = 20000

    def items(self):
        return (
            Code.objects.select_related("system")
            .only("code", "updated_at", "system__slug")
            .order_by("system__position", "code")
        )

    def lastmod(self, code: Code):
        return code.updated_at


class SystemSitemap(SiteSitemap):
    def items(self):
        return CodeSystem.objects.all()
