from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import TemplateView

from lookup.sitemaps import SITEMAPS

from .health import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("account/", include("accounts.urls")),
    path("account/", include("allauth.urls")),
    path("assistant/", include("assistant.urls")),
    path("careers/", include("careers.urls")),
    path("consultant/", include("consultant.urls")),
    path("healthz", healthz, name="healthz"),
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
    path("tools/", include("checker.urls")),
    # Before the catalogue's /codes/<system>/<code>/ pattern, which would take "hcc".
    path("codes/icd-10-cm/hcc/", include("grouping.urls")),
    path("", include("lookup.urls")),
]
