"""`manage.py load_catalogue`, which `make run` calls every time: the full code sets load on
the first run only, from files the project ships."""

from decimal import Decimal
from io import StringIO

from django.core.management import call_command

from assistant.models import IndexedSection
from fees.demo import load_demo_fees
from fees.models import Edition, Locality, PhysicianFee
from importing.reading import read_fixed_width
from lookup.importers.hcpcs import RECORD_LENGTH
from lookup.models import Code, IndexTerm
from pages import full_catalogue
from pages.full_catalogue import BUNDLED_HCPCS
from tests.conftest import catalogue_snapshot, make_code, make_system
from tests.lookup.conftest import make_icd_catalogue


def load_catalogue() -> str:
    out = StringIO()
    call_command("load_catalogue", "--no-progress", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_first_run_loads_what_is_missing_and_later_runs_change_nothing(db, small_steps):
    make_icd_catalogue()

    first = load_catalogue()
    loaded = catalogue_snapshot()
    second = load_catalogue()

    assert "Loading HCPCS Level II (first run only)" in first
    assert "Index:" in first  # CasePilot's index learns of the imported codes
    assert Code.objects.filter(system__slug="hcpcs").count() > 3 and IndexTerm.objects.exists()
    assert second.strip() == (
        "Catalogue: ICD-10-CM, HCPCS Level II and the Medicare fee schedule already loaded."
    )
    assert catalogue_snapshot() == loaded


def test_the_first_runs_index_import_reaches_casepilots_index(db, small_steps):
    make_icd_catalogue()

    load_catalogue()

    row = IndexedSection.objects.get(code__code="N20.0", kind="index-terms")
    assert "The Alphabetic Index entry “Stone \u203a kidney” leads to N20.0." in row.text


def test_a_system_already_loaded_is_not_imported_again(db, small_steps):
    make_icd_catalogue()
    hcpcs = make_system("hcpcs")
    for code in ["A0001", "A0002", "A0003"]:
        make_code(code, hcpcs, description="An editor's words.")

    output = load_catalogue()

    assert "HCPCS Level II" not in output
    assert set(Code.objects.filter(system=hcpcs).values_list("description", flat=True)) == {
        "An editor's words."
    }


def test_the_shipped_hcpcs_file_is_the_cms_file_compressed():
    records = read_fixed_width(BUNDLED_HCPCS, RECORD_LENGTH)
    number, first = next(iter(records))

    assert BUNDLED_HCPCS.name.startswith("HCPC2026_JAN")
    assert number == 1 and len(first) == RECORD_LENGTH


def test_first_run_loads_the_shipped_fee_files_over_the_demo_excerpts(db, monkeypatch):
    load_demo_fees()
    fee_files = {"import_pfs_rvu", "import_gpci"}
    fee_steps = [step for step in full_catalogue.STEPS if step.command in fee_files]
    monkeypatch.setattr(full_catalogue, "STEPS", fee_steps)

    first = load_catalogue()
    loaded = catalogue_snapshot(), list(PhysicianFee.objects.order_by("pk").values_list())
    second = load_catalogue()

    assert "Loading Medicare physician fee schedule (first run only)" in first
    assert "Loading Medicare localities (GPCI) (first run only)" in first
    assert "Indexing" in first  # CasePilot's index learns the fee schedule's facts
    cpt_codes = Code.objects.filter(system__slug="cpt", level=Code.Level.CODE)
    assert cpt_codes.count() == 11_004 and not cpt_codes.filter(code__startswith="D").exists()
    assert Edition.objects.get(kind="pfs").source_file == "PPRRVU2026_Jul_nonQPP.nodesc.csv.xz"
    assert PhysicianFee.objects.get(hcpcs="99213", modifier="").nonfacility_total_rvu == (
        Decimal("2.85")
    )
    assert Locality.objects.count() == 98
    assert Locality.objects.values("state").distinct().count() == 53  # states, DC, PR, VI
    assert "already loaded" in second
    assert (catalogue_snapshot(), list(PhysicianFee.objects.order_by("pk").values_list())) == (
        loaded
    )
