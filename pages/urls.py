from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("codes/<str:system_slug>/<str:code>/", views.code_detail, name="code"),
    path("codes/<str:system_slug>/<str:code>/payers/", views.code_payers, name="code-payers"),
]
