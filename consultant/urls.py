from django.urls import path

from . import views, webhooks

app_name = "consultant"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:thread_id>/", views.thread, name="thread"),
    path("<int:thread_id>/close/", views.close, name="close"),
    path("queue/", views.queue, name="queue"),
    path("queue/<int:thread_id>/", views.work, name="work"),
    path("inbound/postmark/", webhooks.postmark_webhook, name="postmark-inbound"),
    path("inbound/mailgun/", webhooks.mailgun_webhook, name="mailgun-inbound"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("inbound/try/", views.try_inbound, name="try-inbound"),
]
