from importing.command import ImportCommand
from lookup.importers.hcpcs import import_hcpcs_file


class Command(ImportCommand):
    help = "Import a CMS HCPCS Level II annual file (ANWEB fixed-width text): codes and modifiers."
    path_help = "The HCPC<year>_<month>_ANWEB text file."
    importer = staticmethod(import_hcpcs_file)
