from django.urls import path

from . import views

app_name = "lookup"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/suggest", views.suggest, name="suggest"),
    path("sources/", views.sources, name="sources"),
    path("codes/icd-10-cm/whats-new/", views.whats_new_latest, name="whats_new_latest"),
    path("codes/icd-10-cm/whats-new/fy<int:fiscal_year>/", views.whats_new, name="whats_new"),
    path("codes/<str:system_slug>/", views.system_index, name="system"),
    path("codes/<str:system_slug>/modifiers/", views.modifier_list, name="modifiers"),
    # Without the final slash: straight to the canonical URL, in one redirect.
    path("codes/<str:system_slug>", views.without_slash),
    path("codes/<str:system_slug>/<str:code>", views.without_slash),
]
