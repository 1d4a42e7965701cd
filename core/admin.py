from django.contrib import admin, messages

from .models import OutgoingEmail
from .outbox import send_again


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """Failed sends stay here: filter by status Failed, read the error, send again."""

    list_display = ["subject", "to", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to", "subject", "message_id"]
    readonly_fields = [field.name for field in OutgoingEmail._meta.fields]
    actions = ["send_again_action"]

    @admin.action(description="Send again (with fresh attempts)")
    def send_again_action(self, request, queryset):
        emails = list(queryset.exclude(status=OutgoingEmail.Status.SENT))
        for email in emails:
            send_again(email)
        self.message_user(request, f"{len(emails)} email(s) queued again.", messages.SUCCESS)
