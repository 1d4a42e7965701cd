"""Renew cached code pages whenever an editor (or any save) changes the catalogue."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import (
    Code,
    CodeRelation,
    CodeSystem,
    Modifier,
    SearchSynonym,
    Section,
    SourceReference,
)
from .selectors import catalogue_changed


@receiver([post_save, post_delete], sender=CodeSystem)
@receiver([post_save, post_delete], sender=Code)
@receiver([post_save, post_delete], sender=Modifier)  # search holds them per generation
@receiver([post_save, post_delete], sender=SearchSynonym)  # and the dictionary
@receiver([post_save, post_delete], sender=Section)
@receiver([post_save, post_delete], sender=CodeRelation)
@receiver([post_save, post_delete], sender=SourceReference)
def renew_cached_pages(**kwargs) -> None:
    # On commit, as the importers do: renewed inside the admin's transaction, a request in
    # between would cache the page as it was before the edit under the new generation.
    transaction.on_commit(catalogue_changed)
