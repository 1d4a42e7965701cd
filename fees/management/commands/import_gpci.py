from fees.importers.command import ImportCommand
from fees.importers.gpci import import_gpci_file


class Command(ImportCommand):
    help = "Import the CMS GPCI file (PFS Addendum E, CSV); all or nothing, safe to repeat."
    importer = staticmethod(import_gpci_file)
