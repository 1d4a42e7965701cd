from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context
from django.conf import settings
from django.core.exceptions import ValidationError

from .network import count_on_network


class SignupForm(AllauthSignupForm):
    """allauth's signup form, with a daily cap of new accounts per network."""

    def clean(self) -> dict:
        cleaned_data = super().clean()
        if not self.errors and not count_on_network(
            context.request, "signups", settings.METER_SIGNUPS_DAILY_PER_IP
        ):
            raise ValidationError(
                "Too many accounts were created from your network today. "
                "Please try again tomorrow, or log in to an existing account."
            )
        return cleaned_data
