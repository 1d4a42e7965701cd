"""Factories for the job board's tests: employers, jobs in each state, form data."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

from careers.models import EmployerProfile, Job
from careers.services import job_save
from core.days import site_today
from tests.conftest import make_user

_sequence = itertools.count(1)


def make_employer(name: str = "Juniper Coding Group", trusted: bool = True, **fields):
    """An employer profile on a new account; `trusted` as after staff approved a first job."""
    user = fields.pop("user", None) or make_user(f"employer{next(_sequence)}@example.org")
    return EmployerProfile.objects.create(
        user=user,
        name=name,
        website=fields.pop("website", "https://juniper-coding.example"),
        trusted_at=timezone.now() if trusted else None,
        **fields,
    )


def make_job(employer=None, status: str = "open", **fields) -> Job:
    """A job that is "open", "waiting" (for approval), "closed" or "hidden"."""
    employer = employer or make_employer()
    today = site_today()
    description = fields.pop("description", "Code **outpatient** visits.\n\n- CPT and ICD-10-CM")
    defaults = {
        "title": f"Medical Coder {next(_sequence)}",
        "workplace": "remote",
        "employment_type": "full-time",
        "specialty": "multispecialty",
        "credentials": ["CPC"],
        "experience_years": 2,
        "salary_min": Decimal("25.00"),
        "salary_max": Decimal("31.00"),
        "salary_period": "hour",
        "apply_url": "https://juniper-coding.example/apply",
        "closes_on": today + datetime.timedelta(days=20),
        # Each job made later is newer, as on the board.
        "published_at": timezone.now() - datetime.timedelta(days=1, seconds=-next(_sequence)),
    }
    if status == "waiting":
        defaults["published_at"] = None
    if status == "closed":
        defaults["closes_on"] = today - datetime.timedelta(days=1)
    if status == "hidden":
        defaults |= {"hidden_at": timezone.now(), "hidden_reason": "Asks applicants for a fee."}
    return job_save(job=Job(employer=employer, **(defaults | fields)), description=description)


def job_form_data(**fields) -> dict:
    """A valid posting form for a remote job, with `fields` changed."""
    data = {
        "title": "Remote Risk Adjustment Coder",
        "description": "Review charts for **risk adjustment**.\n\n- CRC required",
        "workplace": "remote",
        "city": "",
        "state": "",
        "employment_type": "full-time",
        "specialty": "risk-adjustment",
        "credentials": ["CRC"],
        "experience_years": "2",
        "salary_min": "58000",
        "salary_max": "70000",
        "salary_period": "year",
        "apply_url": "https://juniper-coding.example/apply/crc",
        "apply_email": "",
        "closes_on": (site_today() + datetime.timedelta(days=10)).isoformat(),
    }
    return data | fields


@pytest.fixture
def employer(db):
    return make_employer()


@pytest.fixture
def new_employer(db):
    """An employer whose first job still needs staff approval."""
    return make_employer("Quartz Lake Clinic", trusted=False)
