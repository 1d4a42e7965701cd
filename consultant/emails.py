"""CaseConsultant's emails: rendered from its templates, sent from its address with a reply
address per thread, through the outbox (core/outbox.py), and linked to their thread."""

from django.conf import settings
from django.template.loader import render_to_string

from core import outbox
from core.models import OutgoingEmail

from .models import Message, Thread, ThreadEmail


def reply_address(thread: Thread | None) -> str:
    """Where a reply goes: the thread's own address (consultant+TOKEN@...), else the plain one."""
    if thread is None:
        return settings.CONSULTANT_ADDRESS
    local, _, domain = settings.CONSULTANT_ADDRESS.rpartition("@")
    return f"{local}+{thread.reply_token}@{domain}"


def from_address() -> str:
    return f"{settings.SITE_NAME} CaseConsultant <{settings.CONSULTANT_ADDRESS}>"


def queue_email(
    *,
    to: str,
    subject: str,
    template: str,
    context: dict,
    thread: Thread | None = None,
    in_reply_to: str = "",
) -> OutgoingEmail:
    """Render `template` (.txt and .html) into the outbox, in the caller's transaction, and
    link it to `thread`: a reply that names its Message-ID continues the thread."""
    context = context | {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL}
    email = outbox.queue_email(
        to=to,
        subject=subject,
        text=render_to_string(f"{template}.txt", context),
        html=render_to_string(f"{template}.html", context),
        from_email=from_address(),
        reply_to=reply_address(thread),
        in_reply_to=in_reply_to,
    )
    if thread is not None:
        ThreadEmail.objects.create(thread=thread, email=email)
    return email


def thread_in_reply_to(thread: Thread) -> str:
    """The Message-ID an email in `thread` answers: the coder's latest email, else our last."""
    coder_email = (
        thread.messages.filter(author=Message.Author.CODER)
        .exclude(email_message_id="")
        .order_by("-created_at", "-id")
        .values_list("email_message_id", flat=True)
        .first()
    )
    if coder_email:
        return coder_email
    return (
        thread.emails.order_by("-email__created_at", "-email_id")
        .values_list("email__message_id", flat=True)
        .first()
        or ""
    )
