"""The PFS import gives every CPT code it lists a catalogue code without descriptor, under
the nearest range we name; a licensed CPT file fills the descriptors in later. The file of
these tests holds real rows whose DESCRIPTION column we filled with made-up text, as the
CMS file holds the AMA's."""

from datetime import date
from decimal import Decimal

from fees.importers.pfs_rvu import import_pfs_rvu_file
from fees.models import PhysicianFee
from lookup.importers.cpt import import_cpt_file
from lookup.models import Code
from tests.conftest import catalogue_snapshot, make_code, make_section
from tests.fees.conftest import PPRRVU_DESCRIBED, write_copy
from tests.lookup.conftest import LICENSED_CPT, licensed_descriptors

CPT_CODES_LISTED = {
    "00100", "0001F", "0054T", "1051T", "20610", "27323", "27447", "3008F", "43235", "43239",
    "70450", "80053", "85060", "93306", "97110", "99202", "99213", "99214", "99215",
}  # fmt: skip


def cpt_codes() -> dict[str, Code]:
    return {
        code.code: code
        for code in Code.objects.filter(system__slug="cpt", level=Code.Level.CODE).select_related(
            "parent"
        )
    }


def test_every_cpt_code_the_file_lists_gets_a_code_without_descriptor(db):
    import_pfs_rvu_file(PPRRVU_DESCRIBED)

    codes = cpt_codes()
    assert set(codes) == CPT_CODES_LISTED
    assert all(code.long_descriptor == code.short_descriptor == "" for code in codes.values())
    assert all(not code.is_deleted and code.billable for code in codes.values())


def test_hcpcs_letter_codes_and_dental_codes_get_no_cpt_code(db):
    import_pfs_rvu_file(PPRRVU_DESCRIBED)

    assert not Code.objects.filter(code__in=["A0021", "G0008", "D0120"]).exists()
    assert PhysicianFee.objects.filter(hcpcs__in=["A0021", "G0008", "D0120"]).count() == 3


def test_no_descriptor_of_the_file_is_stored_anywhere(db):
    import_pfs_rvu_file(PPRRVU_DESCRIBED)

    stored = [str(value) for row in Code.objects.values() for value in row.values()]
    stored += [str(value) for row in PhysicianFee.objects.values() for value in row.values()]
    for descriptor in licensed_descriptors().values():
        assert not any(descriptor in value for value in stored)
    assert not any("Invented" in value for value in stored)


def test_codes_sit_under_the_narrowest_range_we_name(db):
    import_pfs_rvu_file(PPRRVU_DESCRIBED)

    codes = cpt_codes()
    assert codes["99213"].parent.code == "99202-99215"
    assert codes["99213"].parent.short_descriptor == "Office and outpatient visits"
    assert codes["99213"].parent.parent.code == "99202-99499"
    assert codes["27447"].parent.code == "27301-27599"
    assert codes["20610"].parent.code == "20100-20999"
    assert codes["00100"].parent.short_descriptor == "Anesthesia for head procedures"
    assert codes["3008F"].parent.code == "3006F-3776F"
    assert codes["1051T"].parent.code == "1000T-1099T"  # Category III: by hundreds
    assert codes["1051T"].parent.parent.code == "0042T-1999T"


def test_the_demos_ranges_and_descriptors_are_kept(db):
    from lookup.demo_data import DEMO_DATA_DIR, load_demo_catalogue

    load_demo_catalogue(DEMO_DATA_DIR)
    demo = Code.objects.get(system__slug="cpt", code="27323")

    import_pfs_rvu_file(PPRRVU_DESCRIBED)

    assert Code.objects.get(pk=demo.pk).long_descriptor == demo.long_descriptor
    assert Code.objects.get(system__slug="cpt", code="10004-69990").short_descriptor == (
        "Surgical procedures"
    )
    assert Code.objects.filter(system__slug="cpt", code="20100-29999").count() == 1


def test_the_same_file_twice_changes_nothing(db):
    import_pfs_rvu_file(PPRRVU_DESCRIBED)
    codes = catalogue_snapshot()
    fees = list(PhysicianFee.objects.order_by("pk").values_list())

    summary = import_pfs_rvu_file(PPRRVU_DESCRIBED)

    assert catalogue_snapshot() == codes
    assert list(PhysicianFee.objects.order_by("pk").values_list()) == fees
    assert "rows 0 added, 0 updated, 0 deleted; 0 CPT codes added" in str(summary)


def test_a_july_file_after_a_january_one_updates_figures_and_keeps_editors_text(db, tmp_path):
    january = write_copy(
        PPRRVU_DESCRIBED, tmp_path / "PPRRVU2026_Jan.csv", ("July Release", "January Release")
    )
    text = january.read_text().replace(
        ",A,,1.30,1.46,,0.33,,0.09,2.85,", ",A,,1.30,1.40,,0.33,,0.09,2.79,"
    )
    january.write_text(text.replace("\n99215,", "\n99216,"))
    import_pfs_rvu_file(january)
    code = Code.objects.get(system__slug="cpt", code="99213")
    code.description = "Our editor's words on 99213."
    code.save()
    make_section(code, "guidelines", body="An editor's guidance.")

    import_pfs_rvu_file(PPRRVU_DESCRIBED)

    fee = PhysicianFee.objects.get(hcpcs="99213", modifier="")
    assert (fee.nonfacility_pe_rvu, fee.nonfacility_total_rvu) == (Decimal("1.46"), Decimal("2.85"))
    code.refresh_from_db()
    assert code.description == "Our editor's words on 99213."
    assert code.sections.get().body == "An editor's guidance."
    # A code the July file no longer lists keeps its page; only its fee row goes.
    assert Code.objects.filter(system__slug="cpt", code="99216", status="active").exists()
    assert not PhysicianFee.objects.filter(hcpcs="99216").exists()


def test_a_licensed_file_fills_in_descriptors_and_a_later_fee_file_keeps_them(db):
    import_pfs_rvu_file(PPRRVU_DESCRIBED)

    import_cpt_file(LICENSED_CPT)
    import_pfs_rvu_file(PPRRVU_DESCRIBED)

    code = Code.objects.get(system__slug="cpt", code="99213")
    assert code.long_descriptor == licensed_descriptors()["99213"]
    assert code.parent.code == "99202-99215"


def test_a_licensed_file_does_not_delete_the_codes_the_fee_schedule_lists(db, tmp_path):
    import_pfs_rvu_file(PPRRVU_DESCRIBED)
    fewer = tmp_path / "cpt_2026_fewer.csv"
    fewer.write_text("\n".join(LICENSED_CPT.read_text().splitlines()[:3]) + "\n")
    licensed = make_code("99299", Code.objects.get(code="99202-99215").system)

    import_cpt_file(fewer)

    assert (
        not Code.objects.filter(system__slug="cpt", status="deleted")
        .exclude(pk=licensed.pk)
        .exists()
    )
    licensed.refresh_from_db()
    assert licensed.is_deleted and licensed.end_date == date(2025, 12, 31)
