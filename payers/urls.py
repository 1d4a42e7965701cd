from django.urls import path

from . import views

app_name = "payers"

urlpatterns = [
    path("", views.index, name="index"),
    path("find/", views.find, name="find"),
    path("<slug:slug>/", views.payer_page, name="payer"),
]
