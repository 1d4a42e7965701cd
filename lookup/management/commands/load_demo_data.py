from django.core.management.base import BaseCommand

from lookup.demo_data import DEMO_DATA_DIR, load_demo_data


class Command(BaseCommand):
    help = "Load the demo catalogue (fixtures/demo/): adds what is missing, changes nothing else."

    def handle(self, *args, **options):
        counts = load_demo_data(DEMO_DATA_DIR)
        self.stdout.write(
            "Demo data: " + ", ".join(f"{number} {name} added" for name, number in counts.items())
        )
