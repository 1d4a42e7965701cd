from fees.demo import load_demo_fees
from fees.importers.pfs_rvu import import_pfs_rvu_file
from fees.models import Edition, FacilityRate, Locality, PhysicianFee
from tests.fees.conftest import PPRRVU


def test_demo_fees_cover_the_demo_cpt_codes(db):
    assert load_demo_fees() == 4

    demo_codes = ["27323", "27324", "20206", "21920", "21925", "27365"]
    assert PhysicianFee.objects.filter(hcpcs__in=demo_codes, modifier="").count() == 6
    assert Locality.objects.filter(state="NY").exists()
    assert FacilityRate.objects.filter(hcpcs="27323").count() == 2


def test_loading_demo_fees_twice_changes_nothing(db):
    load_demo_fees()
    before = list(PhysicianFee.objects.order_by("pk").values_list("pk", flat=True))

    assert load_demo_fees() == 0
    assert list(PhysicianFee.objects.order_by("pk").values_list("pk", flat=True)) == before


def test_demo_fees_never_replace_an_operators_import(db):
    import_pfs_rvu_file(PPRRVU)

    load_demo_fees()

    assert Edition.objects.get(kind="pfs").source_file == "PPRRVU-excerpt.csv"
    assert PhysicianFee.objects.filter(hcpcs="71046").exists()
