"""The word counts search weighs words by (lookup/search/frequency.py): counted once after
an import and read by every process from the shared cache."""

from dataclasses import replace

import pytest
from django.core.cache import cache
from django_tasks_db.models import DBTaskResult

from lookup.search import frequency
from lookup.search.frequency import STORED_KEY, current_frequencies, store_frequencies
from lookup.selectors import HELD_WITHOUT_SHARED_CACHE_SECONDS, catalogue_changed
from tests.conftest import make_code, make_system

from .conftest import DATA


@pytest.fixture
def fresh_process(monkeypatch):
    """A process that has not read the counts yet and fails the test if it counts them."""

    def counted():
        raise AssertionError("the words were counted again")

    monkeypatch.setattr(frequency, "_held", None)
    monkeypatch.setattr(frequency, "count_documents", counted)


def queued_recounts() -> int:
    return DBTaskResult.objects.filter(task_path__endswith="recount_frequencies").count()


def test_a_fresh_process_reads_the_counts_an_import_stored_without_counting(
    db, django_capture_on_commit_callbacks, request
):
    from lookup.importers.hcpcs import import_hcpcs_file

    with django_capture_on_commit_callbacks(execute=True):
        import_hcpcs_file(DATA / "HCPC2026_JAN_excerpt.txt")
    request.getfixturevalue("fresh_process")

    counts = current_frequencies()
    assert counts.counts["influenza"] >= 1
    assert counts.weight("influenza") > counts.weight("and")


def test_a_change_to_a_small_catalogue_is_counted_at_once(db):
    system = make_system("icd-10-cm")
    make_code("A00", system, short_descriptor="Cholera", long_descriptor="Cholera")
    assert "brucellosis" not in current_frequencies().counts

    make_code("A23", system, short_descriptor="Brucellosis", long_descriptor="Brucellosis")
    catalogue_changed()
    assert current_frequencies().counts["brucellosis"] == 1


def test_a_large_catalogue_keeps_its_counts_through_an_edit_then_queues_one_recount(
    db, monkeypatch, request
):
    monkeypatch.setattr(frequency, "RECOUNT_AT_ONCE", 1)
    system = make_system("icd-10-cm")
    make_code("A00", system, short_descriptor="Cholera", long_descriptor="Cholera")
    stored = store_frequencies()
    catalogue_changed()  # an editor's save
    request.getfixturevalue("fresh_process")

    assert current_frequencies().counts["cholera"] == 1  # the stored counts, not recounted
    assert queued_recounts() == 0

    cache.set(STORED_KEY, replace(stored, counted_at=stored.counted_at - 601), timeout=None)
    monkeypatch.setattr(frequency, "_held", None)
    assert current_frequencies().counts["cholera"] == 1
    monkeypatch.setattr(frequency, "_held", None)
    current_frequencies()
    assert queued_recounts() == 1  # once, whichever processes notice


def test_without_a_shared_cache_another_process_import_is_counted_after_a_while(
    db, settings, monkeypatch
):
    clock = [1000.0]
    monkeypatch.setattr(frequency.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(frequency, "_held", None)
    settings.REDIS_URL = ""  # each process its own cache, as under make run
    system = make_system("icd-10-cm")
    make_code("A00", system, short_descriptor="Cholera", long_descriptor="Cholera")
    assert "brucellosis" not in current_frequencies().counts

    # The task worker's import: the generation it renews is in that process's cache alone.
    make_code("A23", system, short_descriptor="Brucellosis", long_descriptor="Brucellosis")
    clock[0] += HELD_WITHOUT_SHARED_CACHE_SECONDS / 2
    assert "brucellosis" not in current_frequencies().counts
    clock[0] += HELD_WITHOUT_SHARED_CACHE_SECONDS
    assert current_frequencies().counts["brucellosis"] == 1


def test_without_a_shared_cache_an_unchanged_catalogue_is_not_counted_again(
    db, settings, monkeypatch
):
    clock = [1000.0]
    monkeypatch.setattr(frequency.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(frequency, "_held", None)
    settings.REDIS_URL = ""
    make_code("A00", make_system("icd-10-cm"), short_descriptor="Cholera")
    current_frequencies()
    monkeypatch.setattr(frequency, "store_frequencies", lambda: pytest.fail("counted again"))

    clock[0] += 10 * HELD_WITHOUT_SHARED_CACHE_SECONDS
    assert current_frequencies().counts["cholera"] == 1
