from allauth.account import app_settings as account_settings
from allauth.account.adapter import get_adapter
from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.forms import ChangePasswordForm as AllauthChangePasswordForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import ResetPasswordKeyForm as AllauthResetPasswordKeyForm
from allauth.account.forms import SetPasswordForm as AllauthSetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.models import EmailAddress
from allauth.account.views import SignupView
from allauth.core import context
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from core.days import site_today
from core.network import client_network

from .mailboxes import canonical_mailbox
from .models import User
from .network import count_on_network


def hides_existing_accounts() -> bool:
    """allauth's enumeration prevention can hide an existing account only when every signup
    waits for a verified address (ACCOUNT_EMAIL_VERIFICATION = mandatory)."""
    return account_settings.EMAIL_VERIFICATION == account_settings.EmailVerificationMethod.MANDATORY


def password_rules() -> str:
    """The password validators' rules in our words, for the help under a new password."""
    validators = password_validation.get_default_password_validators()
    length = next((each.min_length for each in validators if hasattr(each, "min_length")), None)
    rules = [f"at least {length} characters"] if length else []
    rules.append("not only digits, not a common password and not like your email address")
    return "Use " + ", ".join(rules) + "."


class SiteWording:
    """allauth's forms in our words: `labels` replace its own ("Remember Me", "Password
    (again)"), no placeholder repeats a label, and a new password's help states the rules."""

    labels: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            field.label = self.labels.get(name, field.label)
        if "password1" in self.fields:
            self.fields["password1"].help_text = password_rules()


NEW_PASSWORD_LABELS = {"password1": "New password", "password2": "New password again"}


class LoginForm(SiteWording, AllauthLoginForm):
    labels = {
        "login": "Email address",
        "password": "Password",
        "remember": "Keep me logged in on this browser",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = format_html(
            '<a href="{}">Forgotten your password?</a>', reverse("account_reset_password")
        )


class ResetPasswordForm(SiteWording, AllauthResetPasswordForm):
    labels = {"email": "Email address"}


class ResetPasswordKeyForm(SiteWording, AllauthResetPasswordKeyForm):
    labels = NEW_PASSWORD_LABELS


class ChangePasswordForm(SiteWording, AllauthChangePasswordForm):
    labels = {"oldpassword": "Current password", **NEW_PASSWORD_LABELS}


class SetPasswordForm(SiteWording, AllauthSetPasswordForm):
    labels = NEW_PASSWORD_LABELS


class SignupForm(SiteWording, AllauthSignupForm):
    """allauth's signup form: one account per mailbox, a daily cap of new accounts per network.

    An address whose mailbox already has an account (any case, +tag, quotes, Gmail dots) is
    handled as allauth handles an existing address: no account is made, the mailbox gets an
    "account already exists" email, and the page says exactly what a new signup's says, so
    the form tells nobody which addresses have accounts.
    """

    labels = {"email": "Email address", "password1": "Password", "password2": "Password again"}

    def validate_unique_email(self, value: str) -> str:
        email = super().validate_unique_email(value)
        if not self.account_already_exists and mailbox_has_account(email):
            if not hides_existing_accounts():
                raise get_adapter().validation_error("email_taken")
            self.account_already_exists = True
        return email

    def clean(self) -> dict:
        cleaned_data = super().clean()
        if not self.errors and not count_on_network(
            client_network(context.request),
            "signups",
            settings.METER_SIGNUPS_DAILY_PER_IP,
            site_today(),
        ):
            raise ValidationError(
                "Too many accounts were created from your network today. Please try again "
                f"after midnight {settings.SITE_TIME_ZONE_NAME}, or log in to an existing "
                "account."
            )
        return cleaned_data

    def try_save(self, request: HttpRequest):
        """Save the account; a signup for the same mailbox that won the race to the database
        (its unique mailbox) makes this one a signup for an existing account."""
        if self.account_already_exists:
            # Hashing a new account's password is most of a signup's time: hash this one too,
            # so that the answer for an existing account takes as long.
            make_password(self.cleaned_data["password1"])
        try:
            with transaction.atomic():
                return super().try_save(request)
        except IntegrityError:
            self.account_already_exists = True
            if hides_existing_accounts():
                return super().try_save(request)
            self.add_error("email", get_adapter().validation_error("email_taken"))
            view = SignupView()
            view.setup(request)
            return None, view.form_invalid(self)


class AddEmailForm(SiteWording, AllauthAddEmailForm):
    """allauth's form for adding an address to an account (which may then become its
    login): an address whose mailbox another account holds is handled as a signup for it
    is. Nothing is added, the mailbox is told it has an account, and the page says what it
    says for any address."""

    labels = {"email": "Email address to add"}

    def clean_email(self) -> str:
        email = super().clean_email()
        self.mailbox_has_other_account = mailbox_has_account(email, other_than=self.user)
        return email

    def save(self, request: HttpRequest) -> EmailAddress:
        if not self.mailbox_has_other_account:
            return super().save(request)
        email = self.cleaned_data["email"]
        adapter = get_adapter()
        adapter.send_account_already_exists_mail(email)
        adapter.add_message(
            request, messages.INFO, "account/messages/email_confirmation_sent.txt",
            {"email": email, "login": False, "signup": False},
        )  # fmt: skip
        return EmailAddress(user=self.user, email=email)  # unsaved: allauth signals nothing


def mailbox_has_account(email: str, other_than: User | None = None) -> bool:
    accounts = User.objects.filter(mailbox=canonical_mailbox(email))
    if other_than is not None:
        accounts = accounts.exclude(pk=other_than.pk)
    return accounts.exists()


class MembershipRequestForm(forms.Form):
    note = forms.CharField(
        label="Anything we should know (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example your role, or how many coders would use the account.",
    )
