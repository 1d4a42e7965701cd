from django.core.management.base import BaseCommand

from careers.demo import load_demo_jobs
from lookup.demo_data import DEMO_DATA_DIR, load_demo_data


class Command(BaseCommand):
    help = (
        "Load the demo catalogue (fixtures/demo/) and job board (fixtures/careers/): adds what "
        "is missing, changes nothing else (closed demo jobs are renewed)."
    )

    def handle(self, *args, **options):
        counts = load_demo_data(DEMO_DATA_DIR)
        self.stdout.write(
            "Demo data: " + ", ".join(f"{number} {name} added" for name, number in counts.items())
        )
        job_counts = load_demo_jobs()
        self.stdout.write(
            "Demo jobs: " + ", ".join(f"{number} {name}" for name, number in job_counts.items())
        )
