from django.urls import path

from . import views

app_name = "fees"

urlpatterns = [
    path("locality/", views.choose_locality, name="choose_locality"),
]
