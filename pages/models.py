"""What the site remembers of its own loading: the full catalogue's background load."""

from django.core.cache import cache
from django.db import models, transaction

# Search pages read what is still loading from the cache (pages/full_catalogue.py); every
# write of a load drops that copy once it commits.
LOADING_CACHE_KEY = "catalogue-still-loading"


def forget_loading_state() -> None:
    cache.delete(LOADING_CACHE_KEY)
    # Again once committed: a page may have read the old state in between.
    transaction.on_commit(lambda: cache.delete(LOADING_CACHE_KEY))


class CatalogueLoad(models.Model):
    """A load of the full catalogue in the task worker (the first `make run`'s): what it has
    still to load, which search and the pages of codes not loaded yet tell readers."""

    started_at = models.DateTimeField(auto_now_add=True)
    waiting = models.JSONField(default=list, help_text="What is still to load, in order.")
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Catalogue load of {self.started_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        forget_loading_state()
