from django.core.management.base import BaseCommand, CommandError

from lookup.importers.base import ImportFileError
from lookup.importers.icd10cm_index import BUNDLED, import_icd10cm_index


class Command(BaseCommand):
    help = (
        "Import the ICD-10-CM Alphabetic Index (main index, Neoplasm Table, External Cause "
        f"Index) for search; by default the CDC FY2025 files bundled in {BUNDLED}. "
        "Import the tabular list first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "main", nargs="?", help="The main index flattened to CSV (.csv or .csv.xz)."
        )
        parser.add_argument("--neoplasm", help="The Neoplasm Table, CDC XML (.xml or .xml.xz).")
        parser.add_argument("--external", help="The External Cause Index, CDC XML.")

    def handle(self, *args, main=None, neoplasm=None, external=None, **options):
        try:
            summary = import_icd10cm_index(
                main, neoplasm, external, progress_stream=self.stderr._out
            )
        except ImportFileError as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        self.stdout.write(str(summary))
