import importlib.util
from pathlib import Path

from django.core.management.base import CommandError

from importing.command import ImportCommand
from lookup.importers.icd10cm import import_icd10cm_file

PACKAGE = "simple_icd_10_cm"


def bundled_files() -> tuple[Path, Path | None]:
    """The CDC tabular XML and code list that the simple-icd-10-cm package ships.

    Only the package's location is looked up: importing it would load the whole code set
    into memory (seconds, ~190 MB) for nothing, since the importer reads the XML itself.
    """
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise CommandError(
            "Install simple-icd-10-cm (pyproject.toml pins it) or give a tabular XML path."
        )
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    found = sorted(data.glob("icd10c*-tabular-*.xml"))
    if not found:
        raise CommandError(f"No tabular XML in {data}: give a tabular XML path.")
    code_lists = sorted(data.glob("code-list-*.txt"))
    return found[-1], code_lists[-1] if code_lists else None


class Command(ImportCommand):
    help = (
        "Import the ICD-10-CM tabular list: from a CDC tabular XML file, or by default the "
        "one bundled with the simple-icd-10-cm package."
    )
    path_help = "A CDC ICD-10-CM tabular XML file."
    path_nargs = "?"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--valid-codes",
            help="A CDC list of valid codes (one per line): leaves out the 7th-character "
            "combinations the tabular XML does not rule out itself.",
        )

    def run_import(self, path, progress_stream, valid_codes=None, **options):
        if path is None:
            path, bundled_list = bundled_files()
            valid_codes = valid_codes or bundled_list
        return import_icd10cm_file(
            path, valid_codes_path=valid_codes, progress_stream=progress_stream
        )
