"""The full public catalogue a first `make run` loads, from files the project ships: the
ICD-10-CM tabular list (the pinned simple-icd-10-cm package's XML), its Alphabetic Index,
code history, MS-DRG CC/MCC tables and CMS-HCC mappings, HCPCS Level II, and the Medicare
physician fee schedule with every locality's cost indices, which also gives every CPT code
it lists a page (fixtures/codesets/). Each step runs once: a step whose data the database
already holds is skipped, so later runs take seconds, and editors' text is never touched
(the importers never write it)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from fees.demo import holds_more_than_the_demo
from fees.models import Edition
from grouping.models import ComplicationCode, HccDiagnosis
from lookup.models import Code, CodeHistory, IndexTerm

CODESETS = Path(settings.BASE_DIR) / "fixtures" / "codesets"
BUNDLED_HCPCS = CODESETS / "hcpcs" / "HCPC2026_JAN_ANWEB_01122026.txt.xz"
BUNDLED_PFS = CODESETS / "cms-pfs-2026" / "PPRRVU2026_Jul_nonQPP.nodesc.csv.xz"
BUNDLED_GPCI = CODESETS / "cms-pfs-2026" / "GPCI2026.csv.xz"
# More codes than the demo data holds: the system's full file was imported.
FULL_SYSTEM_CODES = 1000


def holds_full_system(slug: str) -> bool:
    codes = Code.objects.filter(system__slug=slug, level=Code.Level.CODE).order_by()
    return codes[FULL_SYSTEM_CODES - 1 : FULL_SYSTEM_CODES].exists()


@dataclass(frozen=True)
class Step:
    """One import of the catalogue: the management command and arguments that run it, and
    how to tell that its data is loaded."""

    name: str
    is_loaded: Callable[[], bool]
    command: str
    arguments: list[str] = field(default_factory=list)
    # Whether it writes text CasePilot indexes (descriptors, notes): the fee files do not.
    writes_page_text: bool = True


STEPS = [
    Step("ICD-10-CM tabular list", lambda: holds_full_system("icd-10-cm"), "import_icd10cm"),
    # After the tabular list: these lead to its codes.
    Step("ICD-10-CM Alphabetic Index", IndexTerm.objects.exists, "import_icd10cm_index"),
    Step("ICD-10-CM code history", CodeHistory.objects.exists, "import_icd10cm_history"),
    Step("MS-DRG CC and MCC tables", ComplicationCode.objects.exists, "import_ms_drg"),
    Step("CMS-HCC mappings", HccDiagnosis.objects.exists, "import_cms_hcc"),
    Step(
        "HCPCS Level II", lambda: holds_full_system("hcpcs"), "import_hcpcs", [str(BUNDLED_HCPCS)]
    ),
    # Over the demo's excerpts; adds a page for every CPT code the schedule lists.
    Step(
        "Medicare physician fee schedule",
        lambda: holds_more_than_the_demo(Edition.Kind.PHYSICIAN_FEE_SCHEDULE),
        "import_pfs_rvu",
        [str(BUNDLED_PFS)],
        writes_page_text=False,
    ),
    Step(
        "Medicare localities (GPCI)",
        lambda: holds_more_than_the_demo(Edition.Kind.GPCI),
        "import_gpci",
        [str(BUNDLED_GPCI)],
        writes_page_text=False,
    ),
]


def steps_to_run() -> list[Step]:
    """The steps whose data the database does not hold yet, in order."""
    return [step for step in STEPS if not step.is_loaded()]
