from core.sitemaps import SiteSitemap

from .models import Job
from .selectors import open_jobs


class JobSitemap(SiteSitemap):
    """Open job pages only: a closed, hidden or unapproved job leaves the sitemap."""

    limit = 20000

    def items(self):
        return open_jobs().only("pk", "slug", "updated_at").order_by("-published_at", "-id")

    def lastmod(self, job: Job):
        return job.updated_at
