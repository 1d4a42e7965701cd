"""The one progress bar of every import."""

from typing import TextIO


class Progress:
    """A one-line bar redrawn as each percent is done; drawn only when `stream` is a
    terminal, so a file, a pipe or None (the default of the importers) gets nothing."""

    WIDTH = 30

    def __init__(self, label: str, total: int, stream: TextIO | None):
        self.label, self.total, self.done = label, max(total, 1), 0
        self.stream = stream
        self.enabled = stream is not None and hasattr(stream, "isatty") and stream.isatty()
        self.shown_percent = -1

    def advance(self, count: int = 1) -> None:
        """Count `count` more items done; redraw when the percentage changes."""
        self.done += count
        percent = min(100, self.done * 100 // self.total)
        if self.enabled and percent != self.shown_percent:
            self.shown_percent = percent
            filled = self.WIDTH * percent // 100
            bar = "#" * filled + "." * (self.WIDTH - filled)
            self.stream.write(f"\r{self.label} [{bar}] {percent:3d}% {self.done:,}/{self.total:,}")
            if percent == 100:
                self.stream.write("\n")
            self.stream.flush()
