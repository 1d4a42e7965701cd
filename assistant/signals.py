"""Editors and importers that save codes or sections keep the section index current.

Deletions need no handler: index rows cascade with their code and section. Bulk writes
(bulk_create, queryset.update) send no signals: run `manage.py rebuild_assistant_index`.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from lookup.models import Code, Section

from .indexing import index_code, index_page_parts, index_section


@receiver(post_save, sender=Code, dispatch_uid="assistant_index_code")
def reindex_saved_code(sender, instance: Code, created: bool, raw: bool = False, **kwargs):
    if raw:
        return
    if created:
        index_page_parts(instance)
    else:
        # The level may have changed (a code became a hierarchy node, or back): redo the page.
        index_code(instance)


@receiver(post_save, sender=Section, dispatch_uid="assistant_index_section")
def reindex_saved_section(sender, instance: Section, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_section(instance)
