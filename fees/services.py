"""Writes to fee data made by users (imports live in importers/)."""

from accounts.models import User

from .models import Locality


def chosen_locality_set(*, user: User, locality: Locality) -> None:
    """Remember `locality` as the one the user sees payments for."""
    user.medicare_locality = locality.key
    user.save(update_fields=["medicare_locality"])
