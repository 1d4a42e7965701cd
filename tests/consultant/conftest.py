"""Providers' inbound payloads as their documentation shows them, and a worker run in-process."""

import base64
import hashlib
import hmac
import json
import secrets
import time

import pytest
from django.contrib.auth.models import Group

from lookup.models import Section
from tests.conftest import make_code, make_section, make_user

WEBHOOK_SECRET = "postmark-user:postmark-password-0123"
MAILGUN_SIGNING_KEY = "key-mailgun-signing-0123456789"
CONSULTANT_ADDRESS = "consultant@codeatlas.example.org"
POSTMARK_URL = "/consultant/inbound/postmark/"
MAILGUN_URL = "/consultant/inbound/mailgun/"


@pytest.fixture(autouse=True)
def consultant_settings(settings):
    settings.ANYMAIL = {
        "WEBHOOK_SECRET": WEBHOOK_SECRET,
        "MAILGUN_WEBHOOK_SIGNING_KEY": MAILGUN_SIGNING_KEY,
    }
    settings.CONSULTANT_ADDRESS = CONSULTANT_ADDRESS
    settings.SITE_URL = "https://codeatlas.example.org"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings


@pytest.fixture
def biopsy_pages(cpt):
    """CPT 27323 with an ungated guideline and gated modifiers and fees."""
    code = make_code(
        "27323",
        cpt,
        short_descriptor="Biopsy soft tissue thigh or knee superficial",
        long_descriptor="Biopsy, soft tissue of thigh or knee area; superficial",
        description="An open biopsy of tissue above the deep fascia.",
    )
    make_section(
        code,
        Section.Kind.GUIDELINES,
        gated=False,
        body="Report 27323 once per lesion when the biopsy stays above the deep fascia.",
        position=1,
    )
    make_section(
        code,
        Section.Kind.MODIFIERS,
        gated=True,
        body="Append modifier RT or LT to show which thigh the lesion is on (GATEDMODIFIERTEXT).",
        position=2,
    )
    return code


@pytest.fixture
def asker(db):
    return make_user("coder@hospital.example.org")


@pytest.fixture
def consultant(db):
    user = make_user("consultant@codeatlas.example.org", is_staff=True, first_name="Dana")
    user.groups.add(Group.objects.get(name="Consultants"))
    return user


def postmark_payload(
    *,
    sender: str = "coder@hospital.example.org",
    subject: str = "Modifiers for 27323",
    text: str = "Which modifiers apply to 27323?",
    html: str = "",
    to: str = CONSULTANT_ADDRESS,
    message_id: str = "22c74902-a0c1-4511-804f2-341342852c90",
    headers: list[dict] | None = None,
    attachments: list[dict] | None = None,
    spam: bool = False,
    authenticated: bool = True,
) -> dict:
    """Postmark's inbound webhook JSON (its documentation's fields and shapes), with the
    verdicts of a sender whose domain vouches for it, or of a forged From."""
    domain = sender.rpartition("@")[2]
    verdict = "pass" if authenticated else "fail"
    mailbox_hash = to.split("@")[0].partition("+")[2]
    return {
        "FromName": "A Coder",
        "MessageStream": "inbound",
        "From": sender,
        "FromFull": {"Email": sender, "Name": "A Coder", "MailboxHash": ""},
        "To": to,
        "ToFull": [{"Email": to, "Name": "", "MailboxHash": mailbox_hash}],
        "Cc": "",
        "CcFull": [],
        "Bcc": "",
        "BccFull": [],
        "OriginalRecipient": to,
        "Subject": subject,
        "MessageID": message_id,
        "ReplyTo": "",
        "MailboxHash": mailbox_hash,
        "Date": "Tue, 25 Nov 2026 14:30:00 -0500",
        "TextBody": text,
        "HtmlBody": html,
        "StrippedTextReply": "",
        "Tag": "",
        "Headers": [
            {"Name": "Return-Path", "Value": f"<{sender}>"},
            {
                "Name": "Received-SPF",
                "Value": f"{verdict.title()} (sender SPF checked) identity=mailfrom; "
                f"envelope-from={sender}",
            },
            {
                "Name": "Authentication-Results",
                "Value": f"inbound.postmarkapp.com; dkim={verdict} header.d={domain}; "
                f"dmarc={verdict} header.from={domain}",
            },
            {"Name": "X-Spam-Checker-Version", "Value": "SpamAssassin 3.4.0"},
            {"Name": "X-Spam-Status", "Value": "Yes" if spam else "No"},
            {"Name": "X-Spam-Score", "Value": "7.9" if spam else "-0.1"},
            {"Name": "MIME-Version", "Value": "1.0"},
            {"Name": "Message-ID", "Value": f"<{message_id}@mail.hospital.example.org>"},
            *(headers or []),
        ],
        "Attachments": attachments or [],
    }


def webhook_basic_auth() -> dict:
    """The HTTP basic auth that the webhook URLs carry (ANYMAIL_WEBHOOK_SECRET)."""
    credentials = base64.b64encode(WEBHOOK_SECRET.encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {credentials}"}


def post_postmark(client, payload: dict, **headers):
    return client.post(
        POSTMARK_URL,
        data=json.dumps(payload),
        content_type="application/json",
        **(webhook_basic_auth() | headers),
    )


def mailgun_payload(
    *,
    sender: str = "coder@hospital.example.org",
    subject: str = "Modifiers for 27323",
    text: str = "Which modifiers apply to 27323?",
    to: str = CONSULTANT_ADDRESS,
    message_id: str = "<CAEPk3R+4Zr@mail.hospital.example.org>",
    extra_headers: list[list[str]] | None = None,
    signing_key: str = MAILGUN_SIGNING_KEY,
    token: str = "",
    timestamp: int | None = None,
    authenticated: bool = True,
) -> dict:
    """Mailgun's route forward() post, fully parsed, signed as its documentation describes
    (a new token each time, as Mailgun signs each post), with its SPF and DKIM verdicts."""
    token = token or secrets.token_hex(25)
    timestamp = str(int(time.time()) if timestamp is None else timestamp)
    verdict = "Pass" if authenticated else "Fail"
    signature = hmac.new(
        signing_key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256
    ).hexdigest()
    headers = [
        ["X-Mailgun-Sflag", "No"],
        ["X-Mailgun-Sscore", "0.1"],
        ["X-Mailgun-Spf", verdict],
        ["X-Mailgun-Dkim-Check-Result", verdict],
        ["DKIM-Signature", f"v=1; a=rsa-sha256; d={sender.rpartition('@')[2]}; s=mail"],
        ["From", f"A Coder <{sender}>"],
        ["To", to],
        ["Subject", subject],
        ["Message-Id", message_id],
        ["Mime-Version", "1.0"],
        *(extra_headers or []),
    ]
    return {
        "token": token,
        "timestamp": timestamp,
        "signature": signature,
        "recipient": to,
        "sender": sender,
        "from": f"A Coder <{sender}>",
        "subject": subject,
        "message-headers": json.dumps(headers),
        "body-plain": text,
        "stripped-text": text,
    }


def post_mailgun(client, payload: dict):
    """anymail checks the basic auth of every webhook when WEBHOOK_SECRET is set, so Mailgun's
    route URL carries it too (https://user:password@host/consultant/inbound/mailgun/)."""
    return client.post(MAILGUN_URL, data=payload, **webhook_basic_auth())
