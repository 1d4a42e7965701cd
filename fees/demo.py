"""Demo fee data (fixtures/fees/): small excerpts of the CMS files, loaded once.

A kind of data already imported (the demo's or a full CMS file) is left alone, so loading
the demo again never replaces what an operator imported.
"""

from pathlib import Path

from django.conf import settings

from .importers.facility_rates import import_asc_file, import_opps_file
from .importers.gpci import import_gpci_file
from .importers.pfs_rvu import import_pfs_rvu_file
from .models import Edition

DEMO_FEES_DIR = Path(settings.BASE_DIR) / "fixtures" / "fees"

DEMO_FILES = [
    (Edition.Kind.PHYSICIAN_FEE_SCHEDULE, "PPRRVU2026-demo-excerpt.csv", import_pfs_rvu_file),
    (Edition.Kind.GPCI, "GPCI2026-demo-excerpt.csv", import_gpci_file),
    (Edition.Kind.HOSPITAL_OUTPATIENT, "opps-addendum-b-excerpt.csv", import_opps_file),
    (Edition.Kind.SURGERY_CENTER, "asc-addendum-aa-excerpt.csv", import_asc_file),
]


def load_demo_fees(directory: Path = DEMO_FEES_DIR) -> int:
    """Import each demo fee file whose kind of data is not loaded yet; returns how many."""
    loaded = set(Edition.objects.values_list("kind", flat=True))
    missing = [(name, importer) for kind, name, importer in DEMO_FILES if kind not in loaded]
    for name, importer in missing:
        importer(directory / name)
    return len(missing)
