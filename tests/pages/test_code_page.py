from django.contrib.auth import get_user_model

from lookup.models import Code
from tests.conftest import make_code, make_relation, make_section


def test_code_page_shows_descriptors_and_copyright_line(client, biopsy):
    response = client.get("/codes/cpt/27323/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Biopsy, soft tissue of thigh or knee area; superficial" in html
    assert "CPT® 2026 American Medical Association." in html
    assert "<strong>open</strong>" in html


def test_code_page_has_title_meta_description_and_canonical_link(client, biopsy, settings):
    html = client.get("/codes/cpt/27323/").content.decode()

    assert "<title>CPT 27323: Biopsy soft tissue thigh or knee superficial" in html
    assert '<meta name="description" content="CPT code 27323: Biopsy soft tissue' in html
    assert f'<link rel="canonical" href="{settings.SITE_URL}/codes/cpt/27323/">' in html


def test_code_page_shows_sections_in_order_with_anchors(client, biopsy):
    html = client.get("/codes/cpt/27323/").content.decode()

    assert html.index('id="guidelines"') < html.index('id="fees"')
    assert 'href="#guidelines"' in html and 'href="#medicare-payment"' in html


def test_guest_sees_ungated_section_and_a_locked_block_for_gated_one(client, biopsy):
    html = client.get("/codes/cpt/27323/").content.decode()

    assert "UNGATED-GUIDELINE-TEXT" in html
    assert "Register free to read the rest of this page" in html
    assert "GATED-FEES-TEXT" not in html


def test_registered_user_reads_gated_section(client, biopsy, coder):
    client.force_login(coder)

    html = client.get("/codes/cpt/27323/").content.decode()

    assert "GATED-FEES-TEXT" in html
    assert "Register free to read the rest of this page" not in html


def test_breadcrumbs_show_system_and_hierarchy(client, icd):
    chapter = make_code("19", icd, level=Code.Level.CHAPTER, short_descriptor="Injury chapter")
    block = make_code("S70-S79", icd, level=Code.Level.BLOCK, parent=chapter)
    category = make_code("S72", icd, parent=block, billable=False)
    make_code("S72.001A", icd, parent=category)

    html = client.get("/codes/icd-10-cm/S72.001A/").content.decode()

    breadcrumbs = html[
        html.index('aria-label="Breadcrumb"') : html.index("</nav>", html.index("Breadcrumb"))
    ]
    for expected in [
        "ICD-10-CM",
        "/codes/icd-10-cm/19/",
        "/codes/icd-10-cm/S70-S79/",
        "/codes/icd-10-cm/S72/",
    ]:
        assert expected in breadcrumbs
    assert '<li aria-current="page">S72.001A</li>' in breadcrumbs


def test_category_page_lists_its_codes(client, icd):
    category = make_code("S72", icd, billable=False)
    make_code("S72.001A", icd, parent=category, short_descriptor="Fracture of right femur")

    html = client.get("/codes/icd-10-cm/S72/").content.decode()

    assert "Not billable" in html
    assert "Codes under S72" in html
    assert 'href="/codes/icd-10-cm/S72.001A/"' in html


def test_related_codes_link_both_ways(client, biopsy, icd, coder):
    lipoma = make_code("D17.21", icd, short_descriptor="Lipoma of right leg")
    make_relation(biopsy, lipoma, "crosswalk")
    client.force_login(coder)  # a guest would meet the wall on its second code page

    biopsy_html = client.get("/codes/cpt/27323/").content.decode()
    lipoma_html = client.get("/codes/icd-10-cm/D17.21/").content.decode()

    assert "Crosswalk to" in biopsy_html and 'href="/codes/icd-10-cm/D17.21/"' in biopsy_html
    assert "Crosswalk from" in lipoma_html and 'href="/codes/cpt/27323/"' in lipoma_html


def test_deleted_code_page_stays_and_shows_its_end_date(client, cpt):
    make_code("0001T", cpt, status=Code.Status.DELETED, end_date="2024-12-31")

    response = client.get("/codes/cpt/0001T/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Deleted · ended Dec 31, 2024" in html
    assert "This code was deleted: its last valid day was December 31, 2024" in html


def test_question_box_names_the_code(client, biopsy):
    html = client.get("/codes/cpt/27323/").content.decode()

    assert "Have a question about CPT code 27323?" in html
    assert 'action="/assistant/"' in html
    assert 'name="code" value="cpt:27323"' in html


def test_header_shows_login_for_guests_and_logout_for_users(client, biopsy, coder):
    guest_html = client.get("/codes/cpt/27323/").content.decode()
    client.force_login(coder)
    user_html = client.get("/codes/cpt/27323/").content.decode()

    assert "Register free account" in guest_html and "Log out" not in guest_html
    assert "Log out" in user_html and get_user_model().objects.get().email in user_html


def test_section_order_follows_position(client, coder, cpt):
    code = make_code("27324", cpt)
    make_section(code, "faq", position=2, body="SECOND")
    make_section(code, "modifiers", position=1, body="FIRST")
    client.force_login(coder)

    html = client.get("/codes/cpt/27324/").content.decode()

    assert html.index("FIRST") < html.index("SECOND")


def test_chapter_page_names_its_level_and_lists_its_blocks(client, icd):
    chapter = make_code("19", icd, level=Code.Level.CHAPTER, short_descriptor="Injuries")
    make_code("S70-S79", icd, level=Code.Level.BLOCK, parent=chapter, short_descriptor="Thigh")

    html = client.get("/codes/icd-10-cm/19/").content.decode()

    assert "ICD-10-CM · Chapter" in html
    assert '<h1><span class="code-page__code">Chapter 19</span>' in html
    assert 'href="/codes/icd-10-cm/S70-S79/"' in html
