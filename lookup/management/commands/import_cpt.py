from importing.command import ImportCommand
from lookup.importers.cpt import import_cpt_file


class Command(ImportCommand):
    help = (
        "Import a licensed CPT descriptor file: CSV with the header "
        "code,short_descriptor,long_descriptor."
    )
    path_help = "The CSV file."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--edition", help="The CPT year, e.g. 2026 (default: from the name).")

    def run_import(self, path, progress_stream, edition=None, **options):
        return import_cpt_file(path, edition, progress_stream=progress_stream)
