from grouping.importers.ms_drg import SHIPPED_MS_DRG, import_ms_drg
from importing.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import the MS-DRG CC/MCC tables (CMS tables 6I, 6J, 6K) from a folder holding "
        "cc_mcc_v<NN>.tsv, pdx_collections_v<NN>.tsv and drg_cc_exclusions_v<NN>.tsv (.xz "
        "allowed); by default the v43 copy shipped in fixtures/codesets/."
    )
    path_help = "A folder of MS-DRG table files (default: the shipped copy)."
    path_nargs = "?"

    def run_import(self, path, progress_stream, **options):
        return import_ms_drg(path or SHIPPED_MS_DRG, progress_stream=progress_stream)
