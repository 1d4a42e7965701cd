"""The signed-in reader of every request: loaded with one plain SQL statement and, where the
cache is shared (CACHE_READERS), remembered there until the account changes.

The cache holds only what a page needs of the reader (READER_FIELDS, whether an address is
verified, the session's check value), never the password hash; a reader rebuilt from it
loads any other field from the database when something asks for it."""

import uuid
from functools import cache as once

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from core import read_ahead

from .models import User

# How long a reader stays cached without a change to renew it.
REMEMBERED_READER_SECONDS = 3600
# Part of every key: raise it whenever what is cached of a reader changes shape.
READER_FORMAT = 3
# What pages read of their reader: the header, the meter, the fee section's locality.
READER_FIELDS = [
    "id", "email", "is_active", "is_staff", "is_superuser", "plan", "extra_views",
    "medicare_locality",
]  # fmt: skip


def remembered_reader(user_id: int) -> User | None:
    """The account `user_id` as load_reader gives it, from the cache where it is shared.

    A cached reader is only used under its account's current token, which forget_reader
    drops on every change: a request that read the account before a change and caches it
    after stored it under the dropped token, so it is never used.
    """
    if not settings.CACHE_READERS:
        return load_reader(user_id)
    token_key, reader_key = reader_keys(user_id)
    found = read_ahead.get_many([token_key, reader_key])
    token, remembered = found.get(token_key), found.get(reader_key)
    if token is not None and remembered is not None and remembered[0] == token:
        return reader_from(remembered[1])
    token = cache.get_or_set(token_key, lambda: uuid.uuid4().hex, REMEMBERED_READER_SECONDS)
    reader = load_reader(user_id)
    if reader is not None:
        cache.set(reader_key, (token, what_pages_need(reader)), REMEMBERED_READER_SECONDS)
    return reader


def what_pages_need(reader: User) -> dict:
    """The part of a loaded reader the cache keeps: no password hash."""
    return {
        "fields": {name: getattr(reader, name) for name in READER_FIELDS},
        "has_verified_email": reader.has_verified_email,
        "session_auth_hash": reader.get_session_auth_hash(),
    }


def reader_from(remembered: dict) -> User:
    """A reader rebuilt from the cache: the other fields are deferred (loaded if asked for)."""
    fields = remembered["fields"]
    # from_db takes the values in the model's field order.
    names = [field.attname for field in User._meta.concrete_fields if field.attname in fields]
    reader = User.from_db("default", names, [fields[name] for name in names])
    reader.has_verified_email = remembered["has_verified_email"]
    reader.remembered_session_auth_hash = remembered["session_auth_hash"]
    return reader


def forget_reader(user_id: int) -> None:
    """Drop the account's cached copy now and again once the current transaction commits:
    called on every change to the account (updates included) and its addresses."""
    token_key, _ = reader_keys(user_id)
    cache.delete(token_key)
    transaction.on_commit(lambda: cache.delete(token_key))


def reader_keys(user_id: int) -> tuple[str, str]:
    return f"reader-token:{user_id}", f"reader:{READER_FORMAT}:{user_id}"


def load_reader(user_id: int) -> User | None:
    """The account, with whether one of its addresses is verified (`has_verified_email`), in
    one query; None when there is none."""
    found = list(User._default_manager.raw(reader_sql(), [user_id]))
    if not found:
        return None
    reader = found[0]
    reader.has_verified_email = bool(reader.has_verified_email)
    return reader


@once
def reader_sql() -> str:
    """Plain SQL: the ORM's version took longer to compile than the query takes to run, on
    every request of every signed-in reader."""
    user, address = User._meta, EmailAddress._meta
    columns = ", ".join(f'u."{field.column}"' for field in user.concrete_fields)
    return (
        f"SELECT {columns},"
        f' EXISTS(SELECT 1 FROM "{address.db_table}" a'
        f' WHERE a."user_id" = u."id" AND a."verified") AS has_verified_email'
        f' FROM "{user.db_table}" u WHERE u."id" = %s'
    )
