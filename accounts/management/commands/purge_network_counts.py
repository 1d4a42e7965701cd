from django.core.management.base import BaseCommand

from accounts.network import purge_network_counts


class Command(BaseCommand):
    help = "Delete per-network daily counts older than METER_NETWORK_RETENTION_DAYS (run daily)."

    def handle(self, *args, **options):
        deleted = purge_network_counts()
        self.stdout.write(f"Deleted {deleted} per-network count(s).")
