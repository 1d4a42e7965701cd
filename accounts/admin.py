from allauth.account.decorators import secure_admin_login
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .membership import membership_decline, membership_grant
from .metering import meter_grant, meter_reset, meter_summary
from .models import MembershipRequest, Unlock, User

# The admin's login goes through allauth's, so its rate limits guard /admin/ too.
admin.site.login = secure_admin_login(admin.site.login)


class MeterActionForm(ActionForm):
    views = forms.IntegerField(
        min_value=1, required=False, initial=5, label="Views to grant", help_text=""
    )


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "plan", "extra_views", "is_staff", "date_joined"]
    list_filter = ["plan", *DjangoUserAdmin.list_filter]
    search_fields = ["email", "first_name", "last_name"]
    readonly_fields = ["meter"]
    action_form = MeterActionForm
    actions = ["grant_views", "reset_meter"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Personal info", {"fields": ["first_name", "last_name"]}),
        ("Plan and meter", {"fields": ["plan", "extra_views", "meter"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Important dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]

    @admin.display(description="Meter (this period)")
    def meter(self, user: User) -> str:
        if user.pk is None:
            return "-"
        meter = meter_summary(user)
        if meter.allowance is None:
            return f"Unlimited ({meter.tier.value}); {meter.used} unlock(s) recorded."
        codes = ", ".join(
            f"{unlock.code.system.name} {unlock.code.code}" for unlock in meter.unlocks
        )
        return (
            f"{meter.used} of {meter.allowance} views used, {meter.remaining} remaining"
            f" ({meter.tier.value}). Unlocked: {codes or 'none'}."
        )

    @admin.action(description="Grant extra views to the selected users")
    def grant_views(self, request, queryset):
        views = request.POST.get("views")
        if not views or not views.isdigit() or int(views) < 1:
            self.message_user(request, "Type how many views to grant.", messages.ERROR)
            return
        for user in queryset:
            meter_grant(user=user, views=int(views))
            self.log_change(request, user, f"Granted {views} extra code page view(s).")
        self.message_user(request, f"Granted {views} view(s) to {queryset.count()} user(s).")

    @admin.action(description="Reset the meter of the selected users")
    def reset_meter(self, request, queryset):
        for user in queryset:
            deleted = meter_reset(user=user)
            self.log_change(request, user, f"Reset the meter ({deleted} unlock(s) forgotten).")
        self.message_user(request, f"Reset the meter of {queryset.count()} user(s).")


class IdentityFilter(admin.SimpleListFilter):
    title = "who"
    parameter_name = "who"

    def lookups(self, request, model_admin):
        return [("user", "Accounts"), ("guest", "Guests")]

    def queryset(self, request, queryset):
        if self.value() == "user":
            return queryset.filter(user__isnull=False)
        if self.value() == "guest":
            return queryset.filter(visitor__isnull=False)
        return queryset


@admin.register(Unlock)
class UnlockAdmin(admin.ModelAdmin):
    list_display = ["who", "code", "period", "slot", "unlocked_at"]
    list_filter = [IdentityFilter, "period", "code__system", "unlocked_at"]
    search_fields = ["user__email", "code__code", "visitor"]
    date_hierarchy = "unlocked_at"
    list_select_related = ["user", "code__system"]
    readonly_fields = ["user", "visitor", "code", "period", "slot", "unlocked_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MembershipRequest)
class MembershipRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "status", "asked_at", "handled_at"]
    list_filter = ["status", "asked_at"]
    search_fields = ["user__email", "note"]
    list_select_related = ["user"]
    readonly_fields = ["user", "note", "asked_at", "handled_at"]
    fields = ["user", "note", "status", "asked_at", "handled_at"]
    actions = ["grant", "decline"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Grant Premium to the selected requests' accounts")
    def grant(self, request, queryset):
        waiting = queryset.filter(status=MembershipRequest.Status.OPEN).select_related("user")
        for membership_request in waiting:
            membership_grant(membership_request=membership_request)
            self.log_change(request, membership_request.user, "Granted Premium on request.")
        self.message_user(request, f"Granted Premium to {len(waiting)} account(s).")

    @admin.action(description="Decline the selected requests")
    def decline(self, request, queryset):
        waiting = queryset.filter(status=MembershipRequest.Status.OPEN)
        for membership_request in waiting:
            membership_decline(membership_request=membership_request)
        self.message_user(request, f"Declined {len(waiting)} request(s).")
