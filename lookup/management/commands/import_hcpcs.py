from django.core.management.base import BaseCommand, CommandError

from lookup.importers.base import ImportFileError
from lookup.importers.hcpcs import import_hcpcs_file


class Command(BaseCommand):
    help = "Import a CMS HCPCS Level II annual file (ANWEB fixed-width text): codes and modifiers."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The HCPC<year>_<month>_ANWEB text file.")

    def handle(self, *args, path, **options):
        try:
            summary = import_hcpcs_file(path, progress_stream=self.stderr._out)
        except ImportFileError as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        self.stdout.write(str(summary))
