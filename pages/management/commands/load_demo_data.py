from django.core.management.base import BaseCommand

from pages.demo import load_demo_data


class Command(BaseCommand):
    help = (
        "Load the demo catalogue (fixtures/demo/), its fee excerpts (fixtures/fees/) and the job "
        "board (fixtures/careers/): adds what is missing, changes nothing else (closed demo jobs "
        "are renewed)."
    )

    def handle(self, *args, **options):
        for part, counts in load_demo_data().items():
            self.stdout.write(
                f"Demo {part}: " + ", ".join(f"{number} {name}" for name, number in counts.items())
            )
