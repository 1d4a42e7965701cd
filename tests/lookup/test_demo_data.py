from lookup.demo_data import DEMO_DATA_DIR, load_demo_catalogue
from lookup.models import Code, CodeRelation, CodeSystem, Section


def test_demo_data_loads_the_reference_codes(db):
    load_demo_catalogue(DEMO_DATA_DIR)

    assert set(CodeSystem.objects.values_list("slug", flat=True)) == {"cpt", "hcpcs", "icd-10-cm"}
    for code in ["27323", "27324", "20206", "21920", "21925", "27365"]:
        assert Code.objects.get(system__slug="cpt", code=code).sections.count() >= 6
    icd_codes = Code.objects.filter(system__slug="icd-10-cm", level="code", billable=True)
    assert icd_codes.count() >= 20
    assert Code.objects.filter(system__slug="hcpcs", level="code").count() >= 10
    assert CodeRelation.objects.exists()


def test_every_demo_code_has_a_gated_section(db):
    load_demo_catalogue(DEMO_DATA_DIR)

    codes = Code.objects.filter(level="code", billable=True)
    assert not codes.exclude(sections__gated=True).exists()


def test_reference_facts_appear_in_27323_fees_section(db):
    load_demo_catalogue(DEMO_DATA_DIR)

    fees = Section.objects.get(code__code="27323", kind="fees").body
    for fact in ["8.23", "2.27", "5.66", "274.89"]:
        assert fact in fees


def test_loading_demo_data_twice_changes_nothing(db):
    load_demo_catalogue(DEMO_DATA_DIR)
    before = list(Code.objects.order_by("pk").values_list("pk", "updated_at"))
    section_count = Section.objects.count()

    counts = load_demo_catalogue(DEMO_DATA_DIR)

    assert counts == {"systems": 0, "codes": 0, "sections": 0, "sources": 0, "relations": 0}
    assert list(Code.objects.order_by("pk").values_list("pk", "updated_at")) == before
    assert Section.objects.count() == section_count


def test_reloading_keeps_an_editors_change(db):
    load_demo_catalogue(DEMO_DATA_DIR)
    code = Code.objects.get(system__slug="cpt", code="27323")
    code.description = "Edited by an editor."
    code.save()

    load_demo_catalogue(DEMO_DATA_DIR)

    code.refresh_from_db()
    assert code.description == "Edited by an editor."


def test_every_demo_page_carries_an_editors_verified_date(db):
    load_demo_catalogue(DEMO_DATA_DIR)

    assert not Code.objects.filter(verified_on=None).exists()
