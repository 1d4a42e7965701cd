from django.urls import path

from . import views

app_name = "grouping"

# Mounted under /codes/icd-10-cm/hcc/ (config/urls.py), ahead of the code pages' pattern.
urlpatterns = [
    path("", views.hcc_index, name="hcc_index"),
    path("<str:model>/<int:number>/", views.hcc_category, name="hcc_category"),
]
