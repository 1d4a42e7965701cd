"""The small catalogue with its Alphabetic Index that the code page's index and sources
tests read (tests/lookup/conftest.py builds it), and the first run's catalogue steps on the
tests' excerpts."""

import pytest

from lookup.models import IndexTerm
from pages import full_catalogue
from pages.full_catalogue import Step
from tests.lookup.conftest import (
    INDEX_FILES,
    index_catalogue,  # noqa: F401  (a fixture, shared)
)
from tests.lookup.test_import_hcpcs import FIRST as HCPCS_EXCERPT


@pytest.fixture
def small_steps(monkeypatch):
    """The real steps, on the tests' excerpts instead of the full files (a minute's import)."""
    monkeypatch.setattr(full_catalogue, "FULL_SYSTEM_CODES", 3)
    monkeypatch.setattr(
        full_catalogue,
        "STEPS",
        [
            Step(
                "ICD-10-CM Alphabetic Index",
                IndexTerm.objects.exists,
                "import_icd10cm_index",
                [
                    str(INDEX_FILES["main_path"]),
                    "--neoplasm",
                    str(INDEX_FILES["neoplasm_path"]),
                    "--external",
                    str(INDEX_FILES["external_path"]),
                ],
            ),
            Step(
                "HCPCS Level II",
                lambda: full_catalogue.holds_full_system("hcpcs"),
                "import_hcpcs",
                [str(HCPCS_EXCERPT)],
            ),
        ],
    )
