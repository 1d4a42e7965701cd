from django.contrib import admin, messages

from .models import InboundReceipt, Message, OutgoingEmail, Thread
from .outbox import send_again


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    fields = ["author", "channel", "consultant", "body", "wants_person", "created_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["pk", "subject", "user", "status", "due_at", "updated_at"]
    list_filter = ["status"]
    search_fields = ["subject", "user__email"]
    readonly_fields = ["user", "reply_token", "month", "slot", "created_at", "updated_at"]
    inlines = [MessageInline]


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


@admin.register(InboundReceipt)
class InboundReceiptAdmin(admin.ModelAdmin):
    list_display = ["provider", "provider_id", "outcome", "received_at"]
    list_filter = ["provider", "outcome"]
    readonly_fields = ["provider", "provider_id", "outcome", "message", "received_at"]
