"""Django's PostgreSQL backend, with a health check that costs no round trip in the common
case (the ENGINE config/settings.py selects for PostgreSQL).

With CONN_HEALTH_CHECKS, Django asks the server `SELECT 1` before a request's first query,
a round trip on every request that touches the database. A server that ends a session says
so or closes the socket, either of which makes the idle connection's socket readable; so
an idle connection whose socket has nothing to read is usable as far as the server has
told, and only the others are asked.
"""

import select

from django.db.backends.postgresql.base import DatabaseWrapper as PostgreSQLDatabaseWrapper
from psycopg.pq import TransactionStatus


class DatabaseWrapper(PostgreSQLDatabaseWrapper):
    def is_usable(self) -> bool:
        """Whether the connection works: without a round trip while it is idle and the
        server has sent nothing, else by asking the server."""
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        idle = connection.info.transaction_status == TransactionStatus.IDLE
        if idle and not has_data_to_read(connection.fileno()):
            return True
        return super().is_usable()


def has_data_to_read(file_descriptor: int) -> bool:
    """Whether the socket has bytes (or its end) waiting, checked without waiting."""
    poller = select.poll()
    poller.register(file_descriptor, select.POLLIN)
    return bool(poller.poll(0))
