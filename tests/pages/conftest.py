"""The small catalogue with its Alphabetic Index that the code page's index and sources
tests read (tests/lookup/conftest.py builds it)."""

from tests.lookup.conftest import index_catalogue  # noqa: F401  (a fixture, shared)
