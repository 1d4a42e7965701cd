import time

from django.core.management.base import BaseCommand

from assistant.indexing import rebuild_index


class Command(BaseCommand):
    help = "Bring CasePilot's section index up to date with every code page (after bulk imports)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--embeddings",
            action="store_true",
            help="Also compute sentence embeddings for changed rows (needs the [semantic] extra).",
        )

    def handle(self, *args, embeddings: bool = False, **options):
        started = time.monotonic()
        counts = rebuild_index()
        line = (
            f"Index: {counts.added} added, {counts.updated} updated, {counts.unchanged} unchanged, "
            f"{counts.removed} removed"
        )
        if embeddings:
            from assistant.semantic import embed_index

            line += f", {embed_index()} embedded"
        self.stdout.write(f"{line} in {time.monotonic() - started:.1f} s.")
