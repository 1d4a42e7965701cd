from fees.importers.pfs_rvu import import_pfs_rvu_file
from importing.command import ImportCommand


class Command(ImportCommand):
    help = "Import the CMS PFS relative value file (PPRRVU CSV); all or nothing, repeatable."
    path_help = "The CMS file (CSV)."
    importer = staticmethod(import_pfs_rvu_file)
