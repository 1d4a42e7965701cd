"""What the site remembers of its own loading: the full catalogue's background load."""

from django.db import models


class CatalogueLoad(models.Model):
    """A load of the full catalogue in the task worker (the first `make run`'s): what it has
    still to load, which search and the pages of codes not loaded yet tell readers."""

    started_at = models.DateTimeField(auto_now_add=True)
    waiting = models.JSONField(default=list, help_text="What is still to load, in order.")
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Catalogue load of {self.started_at:%Y-%m-%d %H:%M}"
