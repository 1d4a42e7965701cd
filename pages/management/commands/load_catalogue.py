from django.core.management.base import BaseCommand

from pages.full_catalogue import (
    index_for_casepilot,
    run_step,
    start_background_load,
    steps_to_run,
)

LOADED = "Catalogue: ICD-10-CM, HCPCS Level II and the Medicare fee schedule already loaded."


class Command(BaseCommand):
    help = (
        "Load the full ICD-10-CM (tabular list, index, history, MS-DRG and CMS-HCC tables), "
        "HCPCS Level II and the Medicare physician fee schedule and localities from the files "
        "the project ships, once: steps already loaded are skipped (make run calls it every "
        "time, with --background)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Draw no progress bars.")
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue the load for the task worker (manage.py db_worker) and return at once; "
            "the worker logs its progress and pages say what is still loading.",
        )

    def handle(self, *args, no_progress: bool = False, background: bool = False, **options):
        if background:
            waiting = start_background_load()
            self.stdout.write(
                f"Catalogue: the task worker loads {', '.join(waiting)} in the background "
                "(first run only; its progress follows in this log)."
                if waiting
                else LOADED
            )
            return
        steps = steps_to_run()
        if not steps:
            self.stdout.write(LOADED)
            return
        out, err = self.stdout._out, self.stderr._out
        for step in steps:
            self.stdout.write(f"Loading {step.name} (first run only)...")
            run_step(step, out, err, no_progress=no_progress)
        if any(step.writes_page_text for step in steps):
            self.stdout.write("Indexing the new codes for CasePilot...")
            index_for_casepilot(out, err)
