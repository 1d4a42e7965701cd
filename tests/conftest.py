"""Factories shared by every test: plain functions that make catalogue rows and users."""

import io
import itertools

import pytest

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
    system = system or make_system()
    code = code or f"9{next(_sequence):04d}"
    defaults = {
        "short_descriptor": f"Short descriptor of {code}",
        "long_descriptor": f"Official descriptor of {code}",
        "description": f"Plain-language description of {code}.",
    }
    return Code.objects.create(system=system, code=code, **(defaults | fields))


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


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Production hashes static file names at collectstatic; tests render without that step."""
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }


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
