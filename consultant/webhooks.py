"""Inbound webhooks for Postmark and Mailgun: anymail's views (its authentication and
parsing), behind a check that the provider is configured and a size limit."""

import json
import time
from collections.abc import Callable

from anymail.exceptions import AnymailInvalidAddress, AnymailWebhookValidationFailure
from anymail.signals import AnymailInboundEvent, inbound
from anymail.webhooks.mailgun import MailgunInboundWebhookView
from anymail.webhooks.postmark import PostmarkInboundWebhookView
from django.conf import settings
from django.dispatch import receiver
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from .inbound import InboundRefused, read_inbound, receive_email


class PostmarkInbound(PostmarkInboundWebhookView):
    """Postmark posts attachments inside its JSON: read it up to CONSULTANT_MAX_INBOUND_BYTES
    (checked before this runs), not Django's smaller limit for form data held in memory."""

    def parse_events(self, request: HttpRequest) -> list[AnymailInboundEvent]:
        limit = settings.CONSULTANT_MAX_INBOUND_BYTES
        body = request.read(limit + 1)  # a post without Content-Length is bounded here
        if len(body) > limit:
            raise AnymailWebhookValidationFailure("Postmark posted more than the size limit")
        try:
            esp_event = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise AnymailWebhookValidationFailure("Postmark posted no JSON") from error
        try:
            return [self.esp_to_anymail_event(esp_event)]
        except (AnymailInvalidAddress, KeyError, TypeError, ValueError) as error:
            # An address anymail cannot parse (a NUL byte in From...) or a field missing.
            raise InboundRefused("Postmark posted an email anymail cannot read") from error


class MailgunInbound(MailgunInboundWebhookView):
    """Mailgun's signature holds only with a fresh timestamp (its token is taken once, by
    receive_email), and a post must carry the email's headers."""

    def validate_request(self, request: HttpRequest) -> None:
        # anymail runs every validate_request of the class chain, the signature's too.
        try:
            age = time.time() - int(request.POST["timestamp"])
        except (KeyError, ValueError) as error:
            raise AnymailWebhookValidationFailure("Mailgun posted no timestamp") from error
        if abs(age) > settings.CONSULTANT_MAILGUN_TIMESTAMP_SECONDS:
            raise AnymailWebhookValidationFailure(f"Mailgun's timestamp is {age:.0f} s off")

    def esp_to_anymail_event(self, request: HttpRequest) -> AnymailInboundEvent:
        if "body-mime" not in request.POST and "message-headers" not in request.POST:
            raise InboundRefused("Mailgun posted neither message-headers nor body-mime")
        try:
            return super().esp_to_anymail_event(request)
        except (ValueError, TypeError) as error:  # message-headers that are not JSON pairs
            raise InboundRefused("Mailgun posted unreadable message-headers") from error


def provider_webhook(view_class: type, setting: str) -> Callable[[HttpRequest], HttpResponse]:
    """anymail's `view_class`, answering 404 until ANYMAIL[`setting`] (its authentication) is
    set, and 413 to a post larger than CONSULTANT_MAX_INBOUND_BYTES, before reading it."""
    view = view_class.as_view()

    @csrf_exempt
    def webhook(request: HttpRequest) -> HttpResponse:
        if not settings.ANYMAIL.get(setting):
            raise Http404("This provider's inbound webhook is not configured.")
        if int(request.META.get("CONTENT_LENGTH") or 0) > settings.CONSULTANT_MAX_INBOUND_BYTES:
            return HttpResponse("Too large.", status=413, content_type="text/plain")
        return view(request)

    return webhook


postmark_webhook = provider_webhook(PostmarkInbound, "WEBHOOK_SECRET")
mailgun_webhook = provider_webhook(MailgunInbound, "MAILGUN_WEBHOOK_SIGNING_KEY")


@receiver(inbound, dispatch_uid="consultant-inbound")
def receive_inbound(sender, event: AnymailInboundEvent, esp_name: str, **kwargs) -> None:
    """anymail's inbound signal, sent by the views above once a post is authenticated."""
    receive_email(read_inbound(event, esp_name))
