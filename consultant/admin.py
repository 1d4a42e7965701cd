from django.contrib import admin

from .models import InboundReceipt, Message, Thread, ThreadEmail


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    fields = ["author", "channel", "consultant", "body", "wants_person", "created_at"]
    readonly_fields = fields
    can_delete = False


class ThreadEmailInline(admin.TabularInline):
    """The thread's emails; each opens in Outgoing emails, where a failed one is sent again."""

    model = ThreadEmail
    extra = 0
    fields = ["email"]
    readonly_fields = fields
    can_delete = False


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["pk", "subject", "user", "status", "due_at", "updated_at"]
    list_filter = ["status"]
    search_fields = ["subject", "user__email"]
    readonly_fields = ["user", "reply_token", "month", "slot", "created_at", "updated_at"]
    inlines = [MessageInline, ThreadEmailInline]


@admin.register(InboundReceipt)
class InboundReceiptAdmin(admin.ModelAdmin):
    list_display = ["provider", "provider_id", "outcome", "received_at"]
    list_filter = ["provider", "outcome"]
    readonly_fields = ["provider", "provider_id", "outcome", "message", "received_at"]
