"""The first `make run` serves the demo pages at once and queues the full catalogue for the
task worker (`load_catalogue --background`); meanwhile search and the page of a code not
loaded yet say what is still loading, and a second run or a second task changes nothing."""

from io import StringIO

from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from assistant.models import IndexedSection
from lookup.models import Code
from pages.full_catalogue import load_in_background, still_loading
from pages.models import CatalogueLoad
from tests.conftest import catalogue_snapshot, make_code, make_system
from tests.lookup.conftest import make_icd_catalogue


def load_catalogue_in_background() -> str:
    out = StringIO()
    call_command("load_catalogue", "--background", stdout=out)
    return out.getvalue()


def loaded_state() -> tuple:
    rows = IndexedSection.objects.order_by("pk").values_list()
    return catalogue_snapshot(), list(rows), list(CatalogueLoad.objects.values_list())


def test_the_worker_loads_what_make_run_queued_and_running_again_changes_nothing(
    db, small_steps, django_capture_on_commit_callbacks
):
    make_icd_catalogue()

    with django_capture_on_commit_callbacks(execute=True):
        queued = load_catalogue_in_background()

    # Served at once: nothing is imported before the worker runs the task.
    assert "the task worker loads ICD-10-CM Alphabetic Index, HCPCS Level II" in queued
    assert not Code.objects.filter(system__slug="hcpcs").exists()
    assert still_loading() == ["ICD-10-CM Alphabetic Index", "HCPCS Level II", "CasePilot's index"]
    task = DBTaskResult.objects.get()
    assert task.task_path == "pages.full_catalogue.load_in_background"

    load_in_background.call(*task.args_kwargs["args"])
    loaded = loaded_state()

    assert still_loading() == []
    assert Code.objects.filter(system__slug="hcpcs").count() > 3
    assert IndexedSection.objects.filter(code__system__slug="hcpcs").exists()
    # The next `make run`, and the same task run twice, find everything loaded.
    with django_capture_on_commit_callbacks(execute=True):
        again = load_catalogue_in_background()
    load_in_background.call(*task.args_kwargs["args"])
    assert "already loaded" in again
    assert DBTaskResult.objects.count() == 1
    assert loaded_state() == loaded


def test_a_load_left_unfinished_gives_way_to_the_next_runs(
    db, small_steps, django_capture_on_commit_callbacks
):
    make_icd_catalogue()
    stopped = CatalogueLoad.objects.create(waiting=["HCPCS Level II"])  # its worker stopped

    with django_capture_on_commit_callbacks(execute=True):
        load_catalogue_in_background()
    load_in_background.call(stopped.pk)

    stopped.refresh_from_db()
    assert stopped.finished_at is not None
    assert not Code.objects.filter(system__slug="hcpcs").exists()  # the new load's to do
    assert CatalogueLoad.objects.filter(finished_at=None).count() == 1


def test_search_says_what_is_still_loading(client, db):
    make_code("E11.9", make_system("icd-10-cm"), long_descriptor="Type 2 diabetes mellitus")
    CatalogueLoad.objects.create(waiting=["ICD-10-CM tabular list", "HCPCS Level II"])

    html = client.get("/search/?q=diabetes").content.decode()

    assert "Still loading:</strong> ICD-10-CM tabular list, HCPCS Level II." in html
    assert "search finds only the codes loaded so far" in html


def test_a_code_not_loaded_yet_is_not_said_to_be_missing(client, db):
    icd = make_system("icd-10-cm")
    make_code("E11.9", icd)
    load = CatalogueLoad.objects.create(waiting=["ICD-10-CM tabular list"])

    loading = client.get("/codes/icd-10-cm/N17.9/")

    assert loading.status_code == 503 and loading["Retry-After"] == "60"
    html = loading.content.decode()
    assert "ICD-10-CM code “N17.9” is not loaded yet" in html
    assert "Still loading:</strong> ICD-10-CM tabular list." in html
    assert "There is no ICD-10-CM code" not in html

    load.finished_at = load.started_at
    load.save()
    loaded = client.get("/codes/icd-10-cm/N17.9/")

    assert loaded.status_code == 404
    assert "There is no ICD-10-CM code N17.9" in loaded.content.decode()
    assert "Still loading" not in client.get("/search/?q=diabetes").content.decode()
