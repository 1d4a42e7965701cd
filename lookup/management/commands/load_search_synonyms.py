from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lookup.search.synonyms import SEED_FILE, load_seed_synonyms


class Command(BaseCommand):
    help = (
        "Load the shipped search dictionary (abbreviations, everyday words, anatomy, laterality): "
        "add its new entries and remove those it dropped; editors' entries are never changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(SEED_FILE), help="A seed TSV file.")

    def handle(self, *args, path, **options):
        try:
            added, removed = load_seed_synonyms(Path(path))
        except (OSError, ValueError) as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        self.stdout.write(f"Search synonyms: {added} added, {removed} removed.")
