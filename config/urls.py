from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView, TemplateView

from pages.sitemaps import SITEMAPS
from pages.views import account

from .health import healthz


class FaviconRedirect(RedirectView):
    """/favicon.ico, which tools ask for whatever the page links: the icon's static file
    (a temporary redirect, as production file names carry a hash of their content)."""

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static("img/favicon.png")


# The admin names the site, not "Django administration".
admin.site.site_header = f"{settings.SITE_NAME} administration"
admin.site.site_title = f"{settings.SITE_NAME} admin"
admin.site.index_title = "Catalogue, accounts and consultations"

urlpatterns = [
    path("admin/", admin.site.urls),
    # The account page gathers every app's figures for the reader: composed in pages/.
    path("account/", account, name="account"),
    path("account/", include("accounts.urls")),
    path("account/", include("allauth.urls")),
    path("assistant/", include("assistant.urls")),
    path("careers/", include("careers.urls")),
    path("consultant/", include("consultant.urls")),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", FaviconRedirect.as_view()),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("fees/", include("fees.urls")),
    path("payers/", include("payers.urls")),
    path("tools/", include("checker.urls")),
    # Before the catalogue's /codes/<system>/<code>/ pattern, which would take "hcc".
    path("codes/icd-10-cm/hcc/", include("grouping.urls")),
    path("", include("lookup.urls")),
    # After the catalogue's /codes/<system>/modifiers/, which the code page's pattern would take.
    path("", include("pages.urls")),
]
