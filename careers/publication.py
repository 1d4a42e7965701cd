"""When a job counts as published, so that a digest never passes over one: a job's
publication time is taken inside its publishing transaction, and a digest's window ends at a
moment taken once every publishing transaction in flight has committed."""

import datetime

from django.db import connection, transaction
from django.utils import timezone

# A PostgreSQL advisory lock: shared by publishing transactions, taken alone by a digest.
PUBLICATION_LOCK = 0x6A6F62  # "job"


def publication_time() -> datetime.datetime:
    """The published_at of a job published in the caller's transaction (call it inside one):
    no digest window can close at a later moment until that transaction commits."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [PUBLICATION_LOCK])
    return timezone.now()


def settled_now() -> datetime.datetime:
    """Now, once the jobs published up to now are committed: it waits for publishing
    transactions in flight (on SQLite, a transaction takes the write lock up front, which
    waits for them already)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [PUBLICATION_LOCK])
        return timezone.now()
