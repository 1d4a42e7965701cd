"""The outbox: every email the site sends, written to the database before it is sent."""

from django.db import models


class OutgoingEmail(models.Model):
    """An email written to the database before it is sent, so that nothing is lost: a task
    sends it, retries with growing waits, and a final failure stays here for the admin."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    to = models.EmailField()
    from_email = models.CharField(max_length=250)
    reply_to = models.CharField(max_length=250, blank=True)
    subject = models.CharField(max_length=250)
    text = models.TextField()
    html = models.TextField(blank=True)
    message_id = models.CharField(max_length=250, unique=True, help_text="Our Message-ID header.")
    in_reply_to = models.CharField(
        max_length=250, blank=True, help_text="The Message-ID answered (In-Reply-To, References)."
    )
    headers = models.JSONField(
        default=dict, blank=True, help_text="Further headers, such as List-Unsubscribe."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.subject} to {self.to} ({self.get_status_display()})"
