"""Editors and importers that save codes or sections keep the section index current.

Deletions need no handler: index rows cascade with their code and section. Bulk writes
(bulk_create, queryset.update) send no signals: run `manage.py rebuild_assistant_index`.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from lookup.models import Code, Section

from .indexing import index_code


@receiver(post_save, sender=Code, dispatch_uid="assistant_index_code")
def reindex_saved_code(sender, instance: Code, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_code(instance)


@receiver(post_save, sender=Section, dispatch_uid="assistant_index_section")
def reindex_code_of_section(sender, instance: Section, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    code = Code.objects.filter(pk=instance.code_id).first()
    if code is not None:
        index_code(code)
