from importing.command import ImportCommand
from lookup.importers.icd10cm_index import BUNDLED, import_icd10cm_index


class Command(ImportCommand):
    help = (
        "Import the ICD-10-CM Alphabetic Index (main index, Neoplasm Table, External Cause "
        f"Index) for search; by default the CDC FY2025 files shipped in {BUNDLED}. "
        "Import the tabular list first."
    )
    path_help = "The main index flattened to CSV (.csv, or .csv.xz read as it is)."
    path_nargs = "?"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--neoplasm", help="The Neoplasm Table, CDC XML (.xml or .xml.xz).")
        parser.add_argument("--external", help="The External Cause Index, CDC XML.")

    def run_import(self, path, progress_stream, neoplasm=None, external=None, **options):
        return import_icd10cm_index(path, neoplasm, external, progress_stream=progress_stream)
