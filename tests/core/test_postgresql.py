"""The PostgreSQL backend's health check: no round trip for an idle connection the server
said nothing on, and a connection the server ended is replaced before a request uses it.
Run against the machine's PostgreSQL whatever database the suite uses."""

import os
import time

import dj_database_url
import psycopg
import pytest
from django.db.utils import ConnectionHandler

from core.postgresql.base import DatabaseWrapper

pytestmark = pytest.mark.django_db


@pytest.fixture
def postgresql():
    """A connection of the site's PostgreSQL backend to the suite's PostgreSQL server (else
    the machine's), kept between requests with health checks, as production configures it."""
    url = os.environ.get("DATABASE_URL", "")
    url = url if url.startswith("postgres") else "postgres://postgres@127.0.0.1:5432/postgres"
    configured = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    configured["NAME"] = "postgres"  # the server's own database: the suite's may not exist yet
    settings_dict = ConnectionHandler({"default": configured}).settings["default"]
    wrapper = DatabaseWrapper(settings_dict, alias="health")
    yield wrapper
    wrapper.close()


def a_request_starts(wrapper) -> None:
    """What Django does for every connection when a request starts (and ends)."""
    wrapper.close_if_unusable_or_obsolete()


def backend_of(wrapper) -> int:
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def test_an_idle_connection_is_trusted_without_asking_the_server(postgresql, monkeypatch):
    backend = backend_of(postgresql)
    a_request_starts(postgresql)

    def no_round_trip(*args, **kwargs):
        raise AssertionError("the health check asked the server")

    monkeypatch.setattr(postgresql.connection, "cursor", no_round_trip)
    postgresql.close_if_health_check_failed()
    monkeypatch.undo()

    assert postgresql.health_check_done and backend_of(postgresql) == backend


def test_a_connection_the_server_ended_is_replaced_before_the_request_uses_it(postgresql):
    backend = backend_of(postgresql)
    a_request_starts(postgresql)
    with psycopg.connect(**postgresql.get_connection_params(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [backend])
    time.sleep(0.2)  # the server's goodbye reaches the socket

    assert backend_of(postgresql) != backend  # no error: a new connection served it
