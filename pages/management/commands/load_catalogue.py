from django.core.management import call_command
from django.core.management.base import BaseCommand

from pages.full_catalogue import steps_to_run


class Command(BaseCommand):
    help = (
        "Load the full ICD-10-CM (tabular list, index, history, MS-DRG and CMS-HCC tables), "
        "HCPCS Level II and the Medicare physician fee schedule and localities from the files "
        "the project ships, once: steps already loaded are skipped (make run calls it every "
        "time)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Draw no progress bars.")

    def handle(self, *args, no_progress: bool = False, **options):
        steps = steps_to_run()
        if not steps:
            self.stdout.write(
                "Catalogue: ICD-10-CM, HCPCS Level II and the Medicare fee schedule already loaded."
            )
            return
        for step in steps:
            self.stdout.write(f"Loading {step.name} (first run only)...")
            call_command(
                step.command,
                *step.arguments,
                *(["--no-progress"] if no_progress else []),
                stdout=self.stdout._out,
                stderr=self.stderr._out,
            )
        if any(step.writes_page_text for step in steps):
            # The importers write in bulk: CasePilot's index learns of their codes here.
            self.stdout.write("Indexing the new codes for CasePilot...")
            call_command(
                "rebuild_assistant_index", stdout=self.stdout._out, stderr=self.stderr._out
            )
