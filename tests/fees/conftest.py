"""Fee data for the fee tests: small excerpts of the real CMS files in tests/fees/data/."""

from pathlib import Path

from fees.selectors import chosen_locality_of

DATA = Path(__file__).parent / "data"
PPRRVU = DATA / "PPRRVU-excerpt.csv"
# Real rows of CPT codes of every shape and of HCPCS and dental codes, whose DESCRIPTION
# column we filled with made-up text, as CMS's own file carries the AMA's descriptors.
PPRRVU_DESCRIBED = DATA / "PPRRVU-with-descriptions.csv"
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


def next_year_without_houston(directory: Path) -> Path:
    """The GPCI excerpt as a 2027 file would be: Manhattan's work index changed, Houston gone."""
    newer = write_copy(GPCI, directory / "GPCI2027.csv", ("MANHATTAN,1.063", "MANHATTAN,1.070"))
    text = newer.read_text().replace("04412,TX,18,HOUSTON,1.000,0.991,0.934\n", "")
    newer.write_text(text.replace("CY 2026", "CY 2027"))
    return newer


def locality_chosen_by(user):
    """The locality the account has chosen, as stored now (not as `user` was loaded)."""
    return chosen_locality_of(type(user).objects.get(pk=user.pk))
