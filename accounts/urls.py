from django.urls import path

from . import views

urlpatterns = [
    path("", views.account, name="account"),
    path("upgrade/", views.upgrade, name="upgrade"),
]
