"""allauth hooks: one free allowance per person, whatever the case or +tag of the address."""

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.db.models import Q

from .models import User


def canonical_email(email: str) -> str:
    """The address a mailbox receives at: lower case, without a +tag (a+1@x.org -> a@x.org)."""
    local, _, domain = email.strip().lower().rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


def accounts_sharing_mailbox(email: str) -> Q:
    """Accounts whose address reaches the same mailbox as `email`."""
    local, _, domain = canonical_email(email).rpartition("@")
    return Q(email__iexact=f"{local}@{domain}") | Q(
        email__istartswith=f"{local}+", email__iendswith=f"@{domain}"
    )


class AccountAdapter(DefaultAccountAdapter):
    def validate_unique_email(self, email: str) -> str:
        """Refuse an address that differs from an existing account's only by case or +tag.

        allauth calls this at signup (not for a password reset, which must accept existing
        addresses); an extra address on an existing account adds no allowance.
        """
        email = super().validate_unique_email(email)
        others = User.objects.filter(accounts_sharing_mailbox(email))
        if self.request is not None and self.request.user.is_authenticated:
            others = others.exclude(pk=self.request.user.pk)
        if others.exists():
            raise forms.ValidationError(
                "An account already exists for this address (addresses that differ only in "
                "capital letters or a +tag reach the same mailbox, and each person has one "
                "free allowance). Log in, or reset your password if you forgot it.",
                code="email_taken",
            )
        return email
