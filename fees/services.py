"""Writes to fee data made by users (imports live in importers/)."""

from .models import ChosenLocality, Locality


def chosen_locality_set(*, user, locality: Locality) -> ChosenLocality:
    """Remember `locality` as the one the user sees payments for."""
    choice, _ = ChosenLocality.objects.update_or_create(user=user, defaults={"locality": locality})
    return choice
