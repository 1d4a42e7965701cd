from django.core.management.base import BaseCommand, CommandError

from lookup.importers.base import ImportFileError
from lookup.importers.cpt import import_cpt_file


class Command(BaseCommand):
    help = (
        "Import a licensed CPT descriptor file: CSV with the header "
        "code,short_descriptor,long_descriptor."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CSV file.")
        parser.add_argument("--edition", help="The CPT year, e.g. 2026 (default: from the name).")

    def handle(self, *args, path, edition=None, **options):
        try:
            summary = import_cpt_file(path, edition, progress_stream=self.stderr._out)
        except ImportFileError as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        self.stdout.write(str(summary))
