"""The sitemap index: every section's sitemap, as /sitemap.xml lists them."""

from careers.sitemaps import JobSitemap
from lookup.sitemaps import CodeSitemap, SystemSitemap

SITEMAPS = {"systems": SystemSitemap, "codes": CodeSitemap, "jobs": JobSitemap}
