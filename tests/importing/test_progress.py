"""The one progress bar: drawn on a terminal, silent anywhere else."""

import io

from importing.progress import Progress
from tests.conftest import Terminal


def test_progress_bar_is_drawn_on_a_terminal_up_to_the_last_item():
    terminal = Terminal()
    progress = Progress("Writing", 4, terminal)

    progress.advance(2)
    progress.advance(2)

    assert "Writing [" in terminal.getvalue()
    assert terminal.getvalue().endswith("100% 4/4\n")


def test_progress_bar_is_silent_on_a_file_or_pipe_and_without_a_stream():
    piped = io.StringIO()

    for stream in [piped, None]:
        Progress("Writing", 4, stream).advance(4)

    assert piped.getvalue() == ""
