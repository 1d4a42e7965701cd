"""CaseConsultant's conversations: threads of messages, inbound receipts and the emails sent
in each thread."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse

from core.models import OutgoingEmail

from .hours import in_words


def new_reply_token() -> str:
    """The secret part of a thread's reply address (consultant+TOKEN@...)."""
    return secrets.token_hex(10)


class Thread(models.Model):
    """One question and the conversation that answers it, owned by the coder who asked."""

    class Status(models.TextChoices):
        DRAFTING = "drafting", "Being answered"  # CasePilot drafts it: seconds
        ANSWERED = "answered", "Answered"
        WAITING = "waiting", "Waiting for a consultant"
        CLOSED = "closed", "Closed"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultant_threads"
    )
    subject = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFTING)
    reply_token = models.CharField(max_length=32, unique=True, default=new_reply_token)
    month = models.CharField(
        max_length=7, help_text='The allowance month it was opened in: "2026-11".'
    )
    # Numbers the account's threads of the month (1..allowance): the unique constraint keeps
    # racing requests from opening more threads than the allowance.
    slot = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    waiting_since = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(
        null=True, blank=True, help_text="When a consultant's answer is promised by."
    )

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "month", "slot"], name="one_thread_per_allowance_slot"
            ),
        ]
        indexes = [models.Index(fields=["status", "waiting_since"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("consultant:thread", args=[self.pk])

    @property
    def due_text(self) -> str:
        """When a consultant's answer is promised by, in words ("" when none is)."""
        return in_words(self.due_at) if self.due_at else ""


class Message(models.Model):
    """A coder's question or reply, CasePilot's draft answer, or a consultant's answer."""

    class Author(models.TextChoices):
        CODER = "coder", "Coder"
        CASEPILOT = "casepilot", "CasePilot"
        CONSULTANT = "consultant", "Consultant"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        WEB = "web", "Web"

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=10, choices=Author.choices)
    channel = models.CharField(max_length=5, choices=Channel.choices, default=Channel.WEB)
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(blank=True, help_text="A coder's text, or a consultant's markdown.")
    body_html = models.TextField(
        blank=True, help_text="A consultant's answer, rendered and sanitised."
    )
    wants_person = models.BooleanField(default=False, help_text="The coder asked for a consultant.")
    draft = models.JSONField(
        null=True, blank=True, help_text="CasePilot's answer, as the asker may read it."
    )
    attachments_dropped = models.PositiveSmallIntegerField(default=0)
    email_message_id = models.CharField(
        max_length=250,
        blank=True,
        help_text="The Message-ID of the coder's email, answered in reply.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_author_display()} in #{self.thread_id}"


class InboundReceipt(models.Model):
    """One inbound email by its provider's id: a second delivery of it is recognised, and
    what became of mail that was not stored (an unknown sender, patient identifiers) is
    recorded without its text or its sender."""

    class Outcome(models.TextChoices):
        STORED = "stored", "Stored"
        DUPLICATE = "duplicate", "Duplicate delivery"
        SPAM = "spam", "Spam verdict: ignored"
        AUTOMATIC = "automatic", "Automatic reply: ignored"
        UNKNOWN_SENDER = "unknown", "Not a verified account: ignored"
        PHI = "phi", "Patient identifiers: refused"
        UNREADABLE = "unreadable", "Empty, too long or unreadable: refused"
        OVER_ALLOWANCE = "allowance", "Over the monthly allowance: refused"
        HELD = "held", "Sender not authenticated: held for the member to confirm"

    provider = models.CharField(max_length=20)
    provider_id = models.CharField(max_length=250)
    # Mailgun's signature token: a signature is taken once, never again with another email.
    signature_token = models.CharField(max_length=100, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_id"], name="one_receipt_per_provider_message"
            ),
            models.UniqueConstraint(
                fields=["provider", "signature_token"],
                condition=~models.Q(signature_token=""),
                name="one_receipt_per_signature_token",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.provider_id}: {self.get_outcome_display()}"


def new_confirmation_token() -> str:
    """The secret of a held email's confirmation link."""
    return secrets.token_urlsafe(24)


class HeldEmail(models.Model):
    """A question emailed from a member's address that its provider could not authenticate:
    kept, screened, until the member confirms by the link sent to that address."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="held_emails"
    )
    token = models.CharField(max_length=40, unique=True, default=new_confirmation_token)
    provider = models.CharField(max_length=20)
    subject = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    message_id = models.CharField(max_length=250, blank=True)
    references = models.JSONField(default=list, blank=True)
    recipients = models.JSONField(default=list, blank=True)
    attachments = models.PositiveSmallIntegerField(default=0)
    received_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"Held for {self.user}: {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("consultant:confirm", args=[self.token])


class ThreadEmail(models.Model):
    """An email of the outbox sent in a thread: a reply naming its Message-ID continues it."""

    email = models.OneToOneField(
        OutgoingEmail, primary_key=True, on_delete=models.CASCADE, related_name="thread_link"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="emails")

    def __str__(self) -> str:
        return f"{self.email} in #{self.thread_id}"
