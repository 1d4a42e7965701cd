"""The "Code history" section (public), deleted code pages and what the history costs."""

from django.core.cache import cache
from django.test import Client

from grouping.importers.cms_hcc import import_cms_hcc
from grouping.importers.ms_drg import import_ms_drg
from lookup.importers.icd10cm_history import import_icd10cm_history
from lookup.models import Code
from tests.conftest import CMS_HCC_DATA, HISTORY_DATA, MS_DRG_DATA, make_code, make_user


def page(client, code: str) -> str:
    response = client.get(f"/codes/icd-10-cm/{code}/")
    assert response.status_code == 200
    return response.content.decode()


def history_section(html: str) -> str:
    start = html.index('id="code-history"')
    return html[start : html.index("</section>", start)]


def test_guest_reads_when_a_code_became_valid(client, icd_history):
    section = history_section(page(client, "U07.1"))

    assert "April 1, 2020: added in FY2020" in section
    assert "Still valid in the latest update we hold (FY2027)" in section


def test_code_of_the_first_edition_says_so(client, icd_history):
    section = history_section(page(client, "E11.9"))

    assert "October 1, 2015: in the first ICD-10-CM edition (FY2016)" in section


def test_title_change_is_shown_with_both_wordings(client, icd_history):
    section = history_section(page(client, "Q75.001"))

    assert "In FY2026" in section
    assert "<del>Craniosynostosis unspecified, unilateral</del>" in section
    assert "<ins>Craniosynostosis, unspecified type, unilateral</ins>" in section


def test_code_deleted_in_an_earlier_year_keeps_its_page_with_its_end_date(client, icd_history):
    html = page(client, "D13.9")

    assert "Benign neoplasm of ill-defined sites within the digestive system" in html
    assert "Deleted · ended Sep 30, 2023" in html
    assert "September 30, 2023: deleted in FY2024" in history_section(html)
    assert "the FY2021 edition's, the last we hold that lists this code" in html


def test_code_deleted_by_expansion_names_the_codes_added_in_its_place(client, icd_history):
    section = history_section(page(client, "I42.0"))

    assert (
        "September 30, 2026: deleted in FY2027, when the update added 1 more specific code "
        "under it: I42.00. Report one of those for later dates of service." in section
    )


def test_code_deleted_without_successors_names_none(client, icd_history):
    assert "more specific code" not in history_section(page(client, "D13.9"))


def test_code_that_became_a_header_says_when_it_stopped_being_reportable(client, icd_history):
    section = history_section(page(client, "M35.8"))

    assert "December 31, 2020: since FY2021 a header" in section


def test_walled_reader_sees_the_section_name_but_not_the_history(client, icd_grouping):
    page(client, "E11.9")  # the guest's one view (its gated MS-DRG and HCC sections spend it)

    html = page(client, "U07.1")

    assert "Code history" in html
    assert "April 1, 2020" not in html


def test_icd10cm_index_names_the_editions_of_titles_and_validity_dates(client, icd_history):
    html = client.get("/codes/icd-10-cm/").content.decode()

    assert "the FY2026 tabular list" in html
    assert "through the FY2027 update" in html
    assert "FY2021, FY2024, FY2025 and FY2026 editions" in html
    assert 'href="/codes/icd-10-cm/whats-new/fy2026/"' in html


def build_deep_code_with_every_fact(icd) -> Code:
    """S72.001A under its whole hierarchy, with its history, MS-DRG and HCC rows."""
    parent = None
    for code in ["19", "S70-S79", "S72", "S72.0", "S72.00", "S72.001", "S72.001A"]:
        parent = make_code(code, icd, parent=parent, billable=code == "S72.001A")
    import_icd10cm_history(HISTORY_DATA)
    import_ms_drg(MS_DRG_DATA)
    import_cms_hcc(CMS_HCC_DATA)
    return parent


def test_history_and_grouping_facts_cost_a_code_page_no_query(icd, django_assert_max_num_queries):
    build_deep_code_with_every_fact(icd)
    guest, member = Client(), Client()
    member.force_login(make_user())

    # The counts of a page without these facts (tests/pages/test_code_page_query_count.py): a
    # guest's first view 6, an account's first view 8, an account's next view 3.
    with django_assert_max_num_queries(6):
        guest_html = page(guest, "S72.001A")
    cache.clear()  # the account's first view builds the page again
    with django_assert_max_num_queries(8):
        page(member, "S72.001A")
    with django_assert_max_num_queries(3):
        member_html = page(member, "S72.001A")

    assert "Code history" in guest_html
    assert "S72.001A is an MCC" in member_html
    assert "HCC 402" in member_html
