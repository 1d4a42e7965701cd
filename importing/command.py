"""The one body of every import_* management command."""

from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from django.core.management.base import BaseCommand, CommandError

from .errors import ImportFileError


class ImportCommand(BaseCommand):
    """Reads a file PATH with `importer(path, progress_stream=...)`, draws its progress bar
    on stderr (on a terminal, unless --no-progress), prints its one-line summary on stdout
    and turns an ImportFileError into an error that says nothing was imported.

    A command with options of its own extends add_arguments and overrides run_import.
    """

    importer: Callable[..., object]
    path_help = "The file to import."
    path_nargs: str | None = None  # "?" when the command has a default file

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, nargs=self.path_nargs, help=self.path_help)
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw a progress bar."
        )

    def run_import(self, path: Path, progress_stream: TextIO | None, **options) -> object:
        """Run the importer on `path`; returns its summary."""
        return type(self).importer(path, progress_stream=progress_stream)

    def handle(self, *args, path: Path | None, no_progress: bool, **options):
        # The raw stream: Django's wrapper would add a line end and colour to each redraw.
        progress_stream = None if no_progress else self.stderr._out
        try:
            summary = self.run_import(path, progress_stream, **options)
        except ImportFileError as error:
            raise CommandError(f"{error}. Nothing was imported.") from error
        self.stdout.write(str(summary))
