"""The shared body of the import_* management commands: run, report, turn errors into
CommandError so the file, line and field reach the operator."""

from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from django.core.management.base import BaseCommand, CommandError

from .base import ImportFileError, ImportSummary

Importer = Callable[[Path, TextIO | None], ImportSummary]


class ImportCommand(BaseCommand):
    importer: Importer

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The CMS file (CSV).")
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw a progress bar."
        )

    def handle(self, *args, path: Path, no_progress: bool, **options):
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        self.stderr.ending = ""  # the progress bar redraws its own line
        try:
            summary = self.importer(path, None if no_progress else self.stderr)
        except ImportFileError as error:
            raise CommandError(f"{error}. Nothing was imported.") from error
        self.stdout.write(str(summary))
