"""What a code set import prints: no progress bar into a pipe, and its one-line summary."""

import io
from pathlib import Path

from django.core.management import call_command

from lookup.importers.hcpcs import import_hcpcs_file
from tests.conftest import Terminal

EXCERPT = Path(__file__).parent / "data" / "HCPC2026_JAN_excerpt.txt"


def test_import_into_a_file_or_pipe_prints_no_progress_bar(db):
    piped = io.StringIO()

    import_hcpcs_file(EXCERPT, progress_stream=piped)

    assert piped.getvalue() == ""


def test_summary_is_one_line_with_every_count_and_the_seconds(db):
    summary = str(import_hcpcs_file(EXCERPT))

    assert "\n" not in summary
    for part in ["added", "updated", "deleted", "skipped", " s"]:
        assert part in summary


def test_import_command_draws_the_bar_on_a_terminal(db):
    terminal = Terminal()

    call_command("import_hcpcs", str(EXCERPT), stdout=io.StringIO(), stderr=terminal)

    assert "Writing HCPCS Level II [" in terminal.getvalue()
    assert "100%" in terminal.getvalue()
