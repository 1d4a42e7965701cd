from django.core.management.base import BaseCommand

from core.outbox import resume_stalled


class Command(BaseCommand):
    help = (
        "Send the emails whose sending stopped midway, a worker having died (run every few "
        "minutes; every send task does it too)."
    )

    def handle(self, *args, **options):
        tried = resume_stalled()
        self.stdout.write(f"Tried {tried} stalled email(s) again.")
