from grouping.importers.cms_hcc import SHIPPED_CMS_HCC, import_cms_hcc
from importing.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import the CMS-HCC V28 and V24 diagnosis mappings of a payment year from a folder "
        "holding hcc_<year>.tsv and hcc_labels_<year>.tsv (.xz allowed); by default the "
        "payment year 2026 copy shipped in fixtures/codesets/."
    )
    path_help = "A folder of CMS-HCC mapping files (default: the shipped copy)."
    path_nargs = "?"

    def run_import(self, path, progress_stream, **options):
        return import_cms_hcc(path or SHIPPED_CMS_HCC, progress_stream=progress_stream)
