from importing.command import ImportCommand
from lookup.importers.icd10cm_history import SHIPPED, import_icd10cm_history


class Command(ImportCommand):
    help = (
        "Import the ICD-10-CM code history (validity dates and past editions' titles) from a "
        "folder holding icd10cm_validity.tsv and icd10cm_titles_FY<year>.tsv (.xz allowed); "
        "by default the copy shipped in fixtures/codesets/. Run after import_icd10cm."
    )
    path_help = "A folder of code history files (default: the shipped copy)."
    path_nargs = "?"

    def run_import(self, path, progress_stream, **options):
        return import_icd10cm_history(path or SHIPPED, progress_stream=progress_stream)
