from fees.importers.facility_rates import import_asc_file
from importing.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import the surgery center rates of ASC Addendum AA (CSV); all or nothing, safe to repeat."
    )
    path_help = "The CMS file (CSV)."
    importer = staticmethod(import_asc_file)
