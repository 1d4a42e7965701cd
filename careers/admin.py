from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.db import models

from core.days import site_today

from . import services
from .models import EmployerProfile, Job, JobDescription, SavedSearch


class HideReasonForm(ActionForm):
    reason = forms.CharField(
        required=False,
        label="Reason (shown to the employer)",
        widget=forms.TextInput(attrs={"size": 50}),
    )


class JobStatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("waiting", "Waiting for approval"),
            ("open", "Open"),
            ("closed", "Closed"),
            ("hidden", "Hidden"),
        ]

    def queryset(self, request, queryset):
        today = site_today()
        published = queryset.filter(published_at__isnull=False, hidden_at__isnull=True)
        return {
            "waiting": queryset.filter(published_at__isnull=True, hidden_at__isnull=True),
            "open": published.filter(closes_on__gte=today),
            "closed": published.filter(closes_on__lt=today),
            "hidden": queryset.filter(hidden_at__isnull=False),
        }.get(self.value(), queryset)


class JobDescriptionInline(admin.StackedInline):
    model = JobDescription
    can_delete = False
    min_num = 1
    validate_min = True
    fields = ["markdown"]


# A link typed without its scheme is read as https, as in the employer's forms.
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_LINKS
    list_display = [
        "title",
        "employer",
        "job_status",
        "published_at",
        "closes_on",
        "views",
        "apply_clicks",
    ]
    list_filter = [JobStatusFilter, "workplace", "specialty", "employment_type"]
    search_fields = ["title", "employer__name", "employer__user__email"]
    list_select_related = ["employer"]
    readonly_fields = [
        "published_at",
        "hidden_at",
        "hidden_reason",
        "views",
        "apply_clicks",
        "created_at",
        "updated_at",
    ]
    autocomplete_fields = ["employer"]
    inlines = [JobDescriptionInline]
    action_form = HideReasonForm
    actions = ["approve", "hide", "unhide"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        job = form.instance
        services.job_index(job=job, description=job.description.markdown)

    @admin.display(description="status")
    def job_status(self, job: Job) -> str:
        status = job.status()
        return f"hidden: {job.hidden_reason}" if status == "hidden" else status

    @admin.action(description="Approve and publish the selected jobs (trusts their employers)")
    def approve(self, request, queryset):
        approved = 0
        for job in queryset.select_related("employer"):
            if services.job_approve(job=job):
                self.log_change(request, job, "Approved and published.")
                approved += 1
        self.message_user(request, f"Published {approved} job(s).")

    @admin.action(description="Hide the selected jobs from the board, with the reason typed")
    def hide(self, request, queryset):
        reason = request.POST.get("reason", "").strip()
        if not reason:
            self.message_user(request, "Type the reason for hiding first.", messages.ERROR)
            return
        for job in queryset:
            services.job_hide(job=job, reason=reason)
            self.log_change(request, job, f"Hidden: {reason}")
        self.message_user(request, f"Hid {queryset.count()} job(s).")

    @admin.action(description="Show the selected hidden jobs again")
    def unhide(self, request, queryset):
        hidden = list(queryset.filter(hidden_at__isnull=False))
        for job in hidden:
            services.job_unhide(job=job)
            self.log_change(request, job, "Shown again.")
        self.message_user(request, f"Showed {len(hidden)} job(s) again.")


@admin.register(EmployerProfile)
class EmployerProfileAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_LINKS
    list_display = ["name", "user", "website", "trusted_at", "created_at"]
    list_filter = [("trusted_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "user__email"]
    list_select_related = ["user"]
    readonly_fields = ["created_at", "updated_at"]
    autocomplete_fields = ["user"]


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ["user", "query", "created_at", "checked_until", "unsubscribed_at"]
    search_fields = ["user__email", "query"]
    list_select_related = ["user"]
    readonly_fields = ["created_at", "checked_until"]
