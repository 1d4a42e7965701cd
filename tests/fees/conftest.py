"""Fee data for the fee tests: small excerpts of the real CMS files in tests/fees/data/."""

from pathlib import Path

import pytest

from fees.importers.facility_rates import import_asc_file, import_opps_file
from fees.importers.gpci import import_gpci_file
from fees.importers.pfs_rvu import import_pfs_rvu_file

DATA = Path(__file__).parent / "data"
PPRRVU = DATA / "PPRRVU-excerpt.csv"
GPCI = DATA / "GPCI-excerpt.csv"
OPPS = DATA / "opps-addendum-b-excerpt.csv"
ASC = DATA / "asc-addendum-aa-excerpt.csv"


def write_copy(source: Path, target: Path, replace: tuple[str, str]) -> Path:
    """A copy of a fixture file with one piece of text replaced, to make a bad file."""
    old, new = replace
    text = source.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.fixture
def fee_data(db):
    """The PPRRVU, GPCI, OPPS and ASC excerpts, imported."""
    import_pfs_rvu_file(PPRRVU)
    import_gpci_file(GPCI)
    import_opps_file(OPPS)
    import_asc_file(ASC)
