"""What the grouping importers share beyond the `importing` package: the ICD-10-CM code
cell, the catalogue links, the Edition row and the one-line summary."""

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from importing.errors import ImportFileError
from importing.reading import Row
from importing.syncing import SyncCounts
from lookup.models import Code, CodeSystem, is_icd_code

from ..models import Edition

SHIPPED = Path(settings.BASE_DIR) / "fixtures" / "codesets"


def icd_code(row: Row, column: str = "code") -> str:
    """A dotted ICD-10-CM code, as the catalogue spells it."""
    raw = row.text(column, max_length=10)
    if not is_icd_code(raw):
        raise row.error(column, f"{raw!r} is not a dotted ICD-10-CM code")
    return raw


def icd_catalogue(directory: Path) -> tuple[CodeSystem, dict[str, int]]:
    """The ICD-10-CM code system and its codes' ids by code, to link the tables' rows to
    the code pages; the tables need the system to be there."""
    system = CodeSystem.objects.filter(slug="icd-10-cm").first()
    if system is None:
        raise ImportFileError(
            directory, None, None, "ICD-10-CM is not in the catalogue: import its tabular "
            "list first (make import-icd10cm)"
        )  # fmt: skip
    return system, dict(Code.objects.filter(system=system).values_list("code", "pk"))


def record_edition(system: CodeSystem, **titles) -> bool:
    """Set the system's grouping Edition fields; whether anything changed."""
    edition, created = Edition.objects.get_or_create(system=system, defaults=titles)
    if created:
        return True
    changed = {name: value for name, value in titles.items() if getattr(edition, name) != value}
    if changed:
        Edition.objects.filter(pk=edition.pk).update(**changed)
    return bool(changed)


@dataclass
class GroupingSummary:
    """What an import did, printed as one line."""

    title: str
    tables: dict[str, SyncCounts] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return any(counts.changed for counts in self.tables.values())

    def __str__(self) -> str:
        tables = "; ".join(f"{name}: {counts}" for name, counts in self.tables.items())
        return f"{self.title}: {tables} in {self.seconds:.1f} s"
