"""Demo fee data (fixtures/fees/): small excerpts of the CMS files, loaded once.

A kind of data already imported (the demo's or a full CMS file) is left alone, so loading
the demo again never replaces what an operator imported. The first `make run` then loads
the full physician fee schedule and GPCI files over the excerpts (pages/full_catalogue.py);
the OPPS and ASC rates stay excerpts, and their titles say so.
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


def holds_more_than_the_demo(kind: Edition.Kind) -> bool:
    """Whether the data of this kind was imported from a file other than the demo's excerpt
    (the full file a first run loads, or an operator's)."""
    excerpts = [name for each, name, _ in DEMO_FILES if each == kind]
    return Edition.objects.filter(kind=kind).exclude(source_file__in=excerpts).exists()


def load_demo_fees(directory: Path = DEMO_FEES_DIR) -> int:
    """Import each demo fee file whose kind of data is not loaded yet; returns how many."""
    loaded = set(Edition.objects.values_list("kind", flat=True))
    missing = [(name, importer) for kind, name, importer in DEMO_FILES if kind not in loaded]
    for name, importer in missing:
        importer(directory / name)
    return len(missing)
