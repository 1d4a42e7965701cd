"""Factories shared by every test: plain functions that make catalogue rows and users."""

import datetime
import io
import itertools
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from core.models import OutgoingEmail
from fees.importers.facility_rates import import_asc_file, import_opps_file
from fees.importers.gpci import import_gpci_file
from fees.importers.pfs_rvu import import_pfs_rvu_file
from lookup.models import Code, CodeRelation, CodeSystem, Section


class Terminal(io.StringIO):
    """An output stream that says it is a terminal, as an operator's shell is."""

    def isatty(self) -> bool:
        return True


_sequence = itertools.count(1)


def make_system(slug: str = "cpt", **fields) -> CodeSystem:
    defaults = {
        "name": {"cpt": "CPT", "hcpcs": "HCPCS Level II", "icd-10-cm": "ICD-10-CM"}.get(slug, slug),
        "edition": "2026",
        "copyright_line": f"{slug} copyright line",
        "licence_note": f"{slug} licence note",
    }
    system, _ = CodeSystem.objects.get_or_create(slug=slug, defaults=defaults | fields)
    return system


def make_code(code: str | None = None, system: CodeSystem | None = None, **fields) -> Code:
    """A code with these fields; a CPT code the fee schedule import added (fee_data) is
    given them, as a licensed CPT file and an editor would."""
    system = system or make_system()
    code = code or f"9{next(_sequence):04d}"
    defaults = {
        "short_descriptor": f"Short descriptor of {code}",
        "long_descriptor": f"Official descriptor of {code}",
        "description": f"Plain-language description of {code}.",
    }
    existing = Code.objects.filter(system=system, code=code).first()
    if existing is None:
        return Code.objects.create(system=system, code=code, **(defaults | fields))
    for name, value in (defaults | fields).items():
        setattr(existing, name, value)
    existing.save()
    return existing


def make_section(code: Code, kind: str = Section.Kind.GUIDELINES, **fields) -> Section:
    defaults = {
        "title": Section.Kind(kind).label,
        "body": f"Body of the {kind} section of {code.code}.",
        "gated": True,
    }
    return Section.objects.create(code=code, kind=kind, **(defaults | fields))


def make_relation(from_code: Code, to_code: Code, relation: str = "compare") -> CodeRelation:
    return CodeRelation.objects.create(from_code=from_code, to_code=to_code, relation=relation)


def make_user(
    email: str = "coder@example.org",
    password: str = "correct horse battery",
    verified: bool = True,
    **fields,
):
    """An account; `verified` records its address as confirmed, as allauth does."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(email=email, password=password, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def run_worker() -> None:
    """Run every task that is due, in order, as `manage.py db_worker` does, then return (its
    command itself closes the database connection between tasks, which a test cannot)."""
    worker = Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    )  # fmt: skip
    while True:
        with exclusive_transaction(DBTaskResult.objects.db):
            result = DBTaskResult.objects.ready().get_locked()
            if result is None:
                return
            result.claim(worker.worker_id)
        worker.run_task(result)


class FlakyBackend:
    """An email backend whose provider is down: every send raises."""

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("provider unreachable")


def make_retries_due() -> None:
    """Time passes: every scheduled retry becomes due."""
    past = timezone.now() - datetime.timedelta(seconds=1)
    DBTaskResult.objects.filter(status="READY").update(run_after=past)
    OutgoingEmail.objects.exclude(next_attempt_at=None).update(next_attempt_at=past)


class Clock:
    """A stopped clock: what django.utils.timezone.now, the site's one source of the time,
    answers in a test that sets it."""

    def __init__(self) -> None:
        self.moment = timezone.now()

    def set(self, moment: str) -> None:
        """Stop at `moment`, an ISO time with its offset ("2026-06-05T23:59:59-04:00" is a
        second before midnight in New York in summer), held in UTC as the site holds it."""
        self.moment = datetime.datetime.fromisoformat(moment).astimezone(datetime.UTC)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    stopped = Clock()
    monkeypatch.setattr(timezone, "now", lambda: stopped.moment)
    return stopped


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Production hashes static file names at collectstatic; tests render without that step."""
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }


@pytest.fixture(autouse=True)
def cached_readers(settings):
    """The tests' one process shares its cache with itself, as Redis is shared in production:
    the meter runs as it does there, reading remembered readers and unlocks."""
    settings.CACHE_READERS = True


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as its database starts empty."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def cpt(db) -> CodeSystem:
    return make_system("cpt", copyright_line="CPT® 2026 American Medical Association.")


@pytest.fixture
def icd(db) -> CodeSystem:
    return make_system("icd-10-cm", edition="FY2026", copyright_line="ICD-10-CM, CDC/NCHS.")


@pytest.fixture
def biopsy(cpt) -> Code:
    """CPT 27323 with an ungated and a gated section."""
    code = make_code(
        "27323",
        cpt,
        short_descriptor="Biopsy soft tissue thigh or knee superficial",
        long_descriptor="Biopsy, soft tissue of thigh or knee area; superficial",
        description="An **open** biopsy of tissue above the deep fascia.",
    )
    make_section(code, "guidelines", body="UNGATED-GUIDELINE-TEXT", gated=False, position=1)
    make_section(code, "fees", body="GATED-FEES-TEXT 8.23 RVUs", gated=True, position=2)
    return code


@pytest.fixture
def coder(db):
    return make_user()


def catalogue_snapshot() -> list[tuple]:
    """Every code and section as stored, updated_at included: equal before and after means
    nothing was written."""
    codes = list(Code.objects.order_by("system__slug", "code").values_list())
    sections = list(Section.objects.order_by("code__code", "kind").values_list())
    return codes + sections


@pytest.fixture
def fee_data(db):
    """The PPRRVU, GPCI, OPPS and ASC excerpts of tests/fees/data/, imported."""
    from tests.fees.conftest import ASC, GPCI, OPPS, PPRRVU

    import_pfs_rvu_file(PPRRVU)
    import_gpci_file(GPCI)
    import_opps_file(OPPS)
    import_asc_file(ASC)


HISTORY_DATA = Path(__file__).parent / "lookup" / "data" / "icd10cm-history"
MS_DRG_DATA = Path(__file__).parent / "grouping" / "data" / "ms-drg"
CMS_HCC_DATA = Path(__file__).parent / "grouping" / "data" / "cms-hcc"

# The FY2026 catalogue codes of the history and grouping excerpts (tests/*/data): code,
# title, billable. D13 and H40.11 are headers that codes deleted earlier hang under.
EXCERPT_CODES = [
    ("A00.0", "Cholera due to Vibrio cholerae 01, biovar cholerae", True),
    ("A77.41", "Ehrlichiosis chaffeensis [E. chaffeensis]", True),
    ("C50.011", "Malignant neoplasm of nipple and areola, right female breast", True),
    ("D13", "Benign neoplasm of other and ill-defined parts of digestive system", False),
    ("D66", "Hereditary factor VIII deficiency", True),
    ("E08.311", "Diabetes due to underlying condition with unsp diabetic retinopathy", True),
    ("E10.10", "Type 1 diabetes mellitus with ketoacidosis without coma", True),
    ("E11.9", "Type 2 diabetes mellitus without complications", True),
    ("E11.A", "Type 2 diabetes mellitus without complications in remission", True),
    ("H40.11", "Primary open-angle glaucoma", False),
    ("I21.09", "STEMI involving oth coronary artery of anterior wall", True),
    ("I21.4", "Non-ST elevation (NSTEMI) myocardial infarction", True),
    ("I42.0", "Dilated cardiomyopathy", True),
    ("J12.82", "Pneumonia due to coronavirus disease 2019", True),
    ("M35.8", "Other specified systemic involvement of connective tissue", False),
    ("M35.81", "Multisystem inflammatory syndrome", True),
    ("Q75.001", "Craniosynostosis, unspecified type, unilateral", True),
    ("S72.001A", "Fracture of unsp part of neck of right femur, init closed", True),
    ("U07.1", "COVID-19", True),
]


def make_icd_catalogue(icd: CodeSystem) -> dict[str, Code]:
    """The FY2026 ICD-10-CM codes the excerpts speak of, as the tabular import writes them."""
    return {
        code: make_code(
            code, icd, short_descriptor=title, long_descriptor=title, billable=billable,
            description="",
        )
        for code, title, billable in EXCERPT_CODES
    }  # fmt: skip


@pytest.fixture
def icd_catalogue(icd) -> dict[str, Code]:
    return make_icd_catalogue(icd)


@pytest.fixture
def icd_history(icd_catalogue):
    """The excerpt catalogue with its code history imported (tests/lookup/data)."""
    from lookup.importers.icd10cm_history import import_icd10cm_history

    import_icd10cm_history(HISTORY_DATA)
    return icd_catalogue


@pytest.fixture
def icd_grouping(icd_history):
    """The excerpt catalogue with its history, MS-DRG tables and HCC mappings imported."""
    from grouping.importers.cms_hcc import import_cms_hcc
    from grouping.importers.ms_drg import import_ms_drg

    import_ms_drg(MS_DRG_DATA)
    import_cms_hcc(CMS_HCC_DATA)
    return icd_history
