"""What every import prints: a progress bar on a terminal only, and its one-line summary."""

import io
from pathlib import Path

from lookup.importers.base import Progress
from lookup.importers.hcpcs import import_hcpcs_file

EXCERPT = Path(__file__).parent / "data" / "HCPC2026_JAN_excerpt.txt"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_is_drawn_on_a_terminal():
    terminal = Terminal()
    progress = Progress("Writing", 4, terminal)

    progress.advance(2)
    progress.advance(2)

    assert "Writing [" in terminal.getvalue()
    assert terminal.getvalue().rstrip().endswith("100%")


def test_import_into_a_file_or_pipe_prints_no_progress_bar(db):
    piped = io.StringIO()

    import_hcpcs_file(EXCERPT, progress_stream=piped)

    assert piped.getvalue() == ""


def test_summary_is_one_line_with_every_count_and_the_seconds(db):
    summary = str(import_hcpcs_file(EXCERPT))

    assert "\n" not in summary
    for part in ["added", "updated", "deleted", "skipped", " s"]:
        assert part in summary
