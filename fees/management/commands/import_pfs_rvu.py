from fees.importers.command import ImportCommand
from fees.importers.pfs_rvu import import_pfs_rvu_file


class Command(ImportCommand):
    help = "Import the CMS PFS relative value file (PPRRVU CSV); all or nothing, repeatable."
    importer = staticmethod(import_pfs_rvu_file)
