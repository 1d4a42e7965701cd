from fees.importers.facility_rates import import_opps_file
from importing.command import ImportCommand


class Command(ImportCommand):
    help = "Import OPPS Addendum B (hospital outpatient rates, CSV); all or nothing, repeatable."
    path_help = "The CMS file (CSV)."
    importer = staticmethod(import_opps_file)
