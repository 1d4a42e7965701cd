import time

from django.core.management.base import BaseCommand

from assistant.indexing import rebuild_index


class Command(BaseCommand):
    help = "Bring CasePilot's section index up to date with every code page (after bulk imports)."

    def handle(self, *args, **options):
        started = time.monotonic()
        counts = rebuild_index()
        self.stdout.write(
            f"Index: {counts.added} added, {counts.updated} updated, {counts.unchanged} unchanged, "
            f"{counts.removed} removed in {time.monotonic() - started:.1f} s."
        )
