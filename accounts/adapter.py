"""allauth hooks: the client address read the one way the meter reads it, addresses read as
mailers read them, what emails say, where their links lead (SITE_URL, never the request's
Host) and how they go out, and the browser that is waiting for an address to be verified."""

from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse

from core.network import client_address
from core.outbox import queue_email
from core.site_url import absolute_url

from .mailboxes import UnusableDomain, normal_address
from .visitors import remember_awaiting_verification

VERIFICATION_SENT_MESSAGE = "account/messages/email_confirmation_sent.txt"


class AccountAdapter(DefaultAccountAdapter):
    # What forms say when they refuse, in our words rather than allauth's.
    error_messages = DefaultAccountAdapter.error_messages | {
        "account_inactive": "This account is closed.",
        "cannot_remove_primary_email": (
            "Your main address cannot be removed: add another and make it the main one first."
        ),
        "duplicate_email": "Your account has this address already.",
        "email_password_mismatch": (
            "That email address and password do not match an account. Check both, or choose "
            "a new password."
        ),
        "email_taken": "An account already uses this email address.",
        "enter_current_password": "Type your current password.",
        "incorrect_password": "That is not your current password.",
        "invalid_or_expired_key": "This link has expired or was already used.",
        "invalid_password_reset": "This link to choose a new password has expired or was used.",
        "max_email_addresses": "An account holds at most %d email addresses.",
        "too_many_login_attempts": (
            "Too many failed attempts to log in. Wait a few minutes, then try again."
        ),
        "unknown_email": "No account uses this email address.",
        "unverified_primary_email": "Verify that address first: follow the link we emailed it.",
        "same_as_current": "That is the current one: choose a different one.",
        "rate_limited": "Too many tries from you just now. Wait a minute, then try again.",
    }

    def get_client_ip(self, request: HttpRequest) -> str:
        """allauth's rate limits count per client address: the meter's (core/network.py),
        so that both trust the same proxies the same way."""
        return client_address(request)

    def clean_email(self, email: str) -> str:
        """Every form that takes an address (signup, adding one, password reset) reads its
        domain as mailers do, so a look-alike spelling is the mailbox it reaches; an
        invisible or disallowed character is refused beside the field."""
        try:
            return normal_address(email)
        except UnusableDomain as refusal:
            raise ValidationError(str(refusal)) from None

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render the email as allauth does (its context, templates and subject prefix), naming
        the site and linking to it from settings and saying what verifying gives; then queue
        it in the outbox, which sends it off the request path and retries a failed send."""
        request = allauth_context.request
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            "site_url": settings.SITE_URL,
            "views_for_verified_account": settings.METER_FREE_VIEWS,
            **context,
        }
        message = self.render_mail(template_prefix, email, context)
        html = [content for content, kind in message.alternatives if kind == "text/html"]
        queue_email(
            to=email,
            subject=message.subject,
            text=message.body,
            html=html[0] if html else "",
            from_email=message.from_email,
        )

    def get_email_confirmation_url(self, request: HttpRequest, emailconfirmation) -> str:
        return absolute_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return absolute_url(path.replace("UID-KEY", quote(key)))

    def send_account_already_exists_mail(self, email: str) -> None:
        links = {
            "signup_url": absolute_url(reverse("account_signup")),
            "password_reset_url": absolute_url(reverse("account_reset_password")),
        }
        self.send_mail("account/email/account_already_exists", email, links)

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: dict | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        """No "Confirmation email sent" message after a signup: allauth adds it only when it
        mailed the address, at most once in three minutes (ACCOUNT_RATE_LIMITS
        "confirm_email"), so the message would tell an existing account's address, mailed
        moments ago, from a new one. The page that follows says a link is on its way."""
        if message_template == VERIFICATION_SENT_MESSAGE and (message_context or {}).get("signup"):
            return
        super().add_message(request, level, message_template, message_context, extra_tags, message)

    def respond_email_verification_sent(self, request: HttpRequest, user) -> HttpResponseBase:
        """After a signup (or a login before verifying), this browser's code pages ask the
        reader to verify the address rather than to register. The same happens when the
        mailbox already had an account, so the pages tell nobody which addresses have one."""
        remember_awaiting_verification(request)
        return super().respond_email_verification_sent(request, user)
