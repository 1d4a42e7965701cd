from django.urls import path

from . import employer_views, seeker_views, views

app_name = "careers"

urlpatterns = [
    path("", views.board, name="list"),
    path("feed/", views.job_feed, name="feed"),
    path("<int:job_id>/", views.job_without_slug, name="job-short"),
    path("<int:job_id>-<str:slug>/", views.job_detail, name="job"),
    path("<int:job_id>/apply/", views.apply, name="apply"),
    path("<int:job_id>/save/", seeker_views.toggle_saved_job, name="save-job"),
    path("saved/", seeker_views.saved, name="saved"),
    path("searches/", seeker_views.save_search, name="save-search"),
    path("searches/<int:search_id>/", seeker_views.change_search, name="change-search"),
    path("unsubscribe/<str:token>/", seeker_views.unsubscribe, name="unsubscribe"),
    path("employer/", employer_views.dashboard, name="employer"),
    path("employer/profile/", employer_views.edit_profile, name="employer-profile"),
    path("employer/jobs/new/", employer_views.post_job, name="post-job"),
    path("employer/jobs/<int:job_id>/edit/", employer_views.edit_job, name="edit-job"),
    path("employer/jobs/<int:job_id>/renew/", employer_views.renew_job, name="renew-job"),
]
