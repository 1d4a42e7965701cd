from fees.importers.command import ImportCommand
from fees.importers.facility_rates import import_opps_file


class Command(ImportCommand):
    help = "Import OPPS Addendum B (hospital outpatient rates, CSV); all or nothing, repeatable."
    importer = staticmethod(import_opps_file)
