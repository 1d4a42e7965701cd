from django.core.management.base import BaseCommand

from careers.digests import queue_digests


class Command(BaseCommand):
    help = "Queue today's email digests of saved job searches (run daily; the worker sends them)."

    def handle(self, *args, **options):
        queued = queue_digests()
        self.stdout.write(f"Queued {queued} job digest(s).")
