"""Inbound webhooks for Postmark and Mailgun: anymail's views (its authentication and
parsing), behind a check that the provider is configured and a size limit."""

import json
from collections.abc import Callable

from anymail.exceptions import AnymailWebhookValidationFailure
from anymail.signals import AnymailInboundEvent, inbound
from anymail.webhooks.mailgun import MailgunInboundWebhookView
from anymail.webhooks.postmark import PostmarkInboundWebhookView
from django.conf import settings
from django.dispatch import receiver
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from .inbound import read_inbound, receive_email


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
        return [self.esp_to_anymail_event(esp_event)]


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
mailgun_webhook = provider_webhook(MailgunInboundWebhookView, "MAILGUN_WEBHOOK_SIGNING_KEY")


@receiver(inbound, dispatch_uid="consultant-inbound")
def receive_inbound(sender, event: AnymailInboundEvent, esp_name: str, **kwargs) -> None:
    """anymail's inbound signal, sent by the views above once a post is authenticated."""
    receive_email(read_inbound(event, esp_name))
