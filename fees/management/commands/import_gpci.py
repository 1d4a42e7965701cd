from fees.importers.gpci import import_gpci_file
from importing.command import ImportCommand


class Command(ImportCommand):
    help = "Import the CMS GPCI file (PFS Addendum E, CSV); all or nothing, safe to repeat."
    path_help = "The CMS file (CSV)."
    importer = staticmethod(import_gpci_file)
