"""Load the demo job board (fixtures/careers/): fictional employers and their jobs.

A missing demo employer is added with its jobs; an existing one and its jobs are left as
they are (edits included), except that its jobs past their closing date are renewed, so
that the demo board is never empty.
"""

import datetime
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.days import site_today
from lookup.demo_data import read_json

from .models import EmployerProfile, Job
from .services import job_renew, job_save, last_closing_date

DEMO_CAREERS_DIR = Path(settings.BASE_DIR) / "fixtures" / "careers"


@transaction.atomic
def load_demo_jobs(directory: Path = DEMO_CAREERS_DIR) -> dict[str, int]:
    """Create the demo employers (accounts without a usable password) and their jobs."""
    counts = {"employers added": 0, "jobs added": 0, "jobs renewed": 0}
    now = timezone.now()
    added = {}
    for row in read_json(directory / "employers.json"):
        email = row.pop("email")
        user, created = get_user_model().objects.get_or_create(email=email)
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        employer, created = EmployerProfile.objects.get_or_create(
            user=user, defaults=row | {"trusted_at": now}
        )
        if created:
            added[email] = employer
            counts["employers added"] += 1
        else:
            for job in employer.jobs.all():
                if job.status() == "closed":
                    counts["jobs renewed"] += job_renew(job=job)

    for position, row in enumerate(read_json(directory / "jobs.json")):
        employer = added.get(row.pop("employer"))
        if employer is None:
            continue
        published_at = now - datetime.timedelta(days=row.pop("days_ago"), minutes=position)
        description = row.pop("description")
        job = Job(employer=employer, published_at=published_at, **row)
        job.salary_min, job.salary_max = Decimal(row["salary_min"]), Decimal(row["salary_max"])
        # The site's day, not UTC's: after 8 pm in New York UTC is already tomorrow.
        job.closes_on = last_closing_date(site_today(published_at))
        job_save(job=job, description=description)
        counts["jobs added"] += 1
    return counts
