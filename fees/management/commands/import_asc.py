from fees.importers.command import ImportCommand
from fees.importers.facility_rates import import_asc_file


class Command(ImportCommand):
    help = (
        "Import the surgery center rates of ASC Addendum AA (CSV); all or nothing, safe to repeat."
    )
    importer = staticmethod(import_asc_file)
