""" "Verified <date> · N sources" under the title and "Sources & references" at the end: the
sources editors record in the admin, and the official files imports cite by themselves."""

import datetime

from lookup.importers.hcpcs import import_hcpcs_file
from lookup.models import Code, SourceReference
from tests.conftest import make_code, make_section, make_user
from tests.lookup.test_admin import change_form_data
from tests.lookup.test_import_hcpcs import FIRST as HCPCS_EXCERPT

NCCI_MANUAL = "https://www.cms.gov/medicare/coding-billing/ncci-policy-manual"


def add_sources(code) -> None:
    SourceReference.objects.create(
        code=code,
        title="Medicare NCCI Policy Manual, Chapter IV",
        publisher="CMS",
        url=NCCI_MANUAL,
        edition="2026",
        supports="guidelines",
        position=1,
    )
    SourceReference.objects.create(code=code, title="CPT Professional", position=2)


def sources_of(html: str) -> str:
    start = html.index('<section id="sources"')
    return html[start : html.index("</section>", start)]


def test_verified_date_and_source_count_under_the_title(client, biopsy):
    biopsy.verified_on = datetime.date(2026, 5, 8)
    biopsy.save()
    add_sources(biopsy)

    html = client.get("/codes/cpt/27323/").content.decode()

    # The CPT file, the editors' two sources and the fee files (locked for a guest).
    assert 'Verified May 8, 2026 · <a href="#sources">4 sources</a>' in html
    assert html.index("<h1>") < html.index("Verified May 8") < html.index('id="official-heading"')


def test_editors_sources_are_listed_with_publisher_url_and_edition_and_cited_by_their_section(
    client, biopsy
):
    add_sources(biopsy)

    html = client.get("/codes/cpt/27323/").content.decode()

    sources = sources_of(html)
    assert f'<a href="{NCCI_MANUAL}" rel="noopener noreferrer">Medicare NCCI Policy' in sources
    assert "CMS · 2026" in sources and "Supports: Coding guidelines" in sources
    assert "CPT Professional" in sources and "Supports: The whole page" in sources
    guidelines = html[html.index('<section id="guidelines"') :]
    guidelines = guidelines[: guidelines.index("</section>")]
    assert 'Source <a href="#source-2">2</a>' in guidelines
    assert 'id="source-2"' in sources


def test_a_demo_page_says_when_an_editor_verified_it(client, db):
    from lookup.demo_data import DEMO_DATA_DIR, load_demo_catalogue

    load_demo_catalogue(DEMO_DATA_DIR)

    html = client.get("/codes/cpt/27365/").content.decode()

    assert 'Verified Nov 20, 2026 · <a href="#sources">' in html


def test_a_page_without_verification_says_nothing_of_it(client, biopsy):
    html = client.get("/codes/cpt/27323/").content.decode()

    assert "Verified" not in html
    assert "last checked" not in html


def test_imported_codes_cite_the_file_and_edition_they_came_from(client, coder, db):
    import_hcpcs_file(HCPCS_EXCERPT)
    client.force_login(coder)
    code = Code.objects.filter(system__slug="hcpcs", level=Code.Level.CODE).first()

    html = client.get(f"/codes/hcpcs/{code.code}/").content.decode()

    sources = sources_of(html)
    assert "HCPCS Level II alpha-numeric file" in sources
    assert "Centers for Medicare &amp; Medicaid Services (CMS)" in sources
    assert "January 2026 edition" in sources and f"file {HCPCS_EXCERPT.name}" in sources
    assert "cited automatically" in sources


def test_fee_section_cites_the_cms_files_it_shows(client, coder, cpt, fee_data):
    make_code("27323", cpt)
    client.force_login(coder)

    html = client.get("/codes/cpt/27323/").content.decode()

    sources = sources_of(html)
    for kind in ["(PPRRVU)", "(OPPS Addendum B)", "(ASC Addendum AA)"]:
        assert kind in sources
    assert "file PPRRVU-excerpt.csv" in sources
    fee_section = html[html.index('<section id="medicare-payment"') :]
    assert 'Sources <a href="#source-2">2</a>' in fee_section[: fee_section.index("</section>")]


def test_icd_notes_cite_the_tabular_list(client, icd):
    code = make_code("D17.21", icd)
    make_section(code, "excludes1", gated=False, source="import", body="- lipoma NOS")

    html = client.get("/codes/icd-10-cm/D17.21/").content.decode()

    notes = html[html.index('<section id="excludes1"') :]
    notes = notes[: notes.index("</section>")]
    assert "ICD-10-CM tabular list, as published." in notes
    assert 'Source <a href="#source-1">1</a>' in notes
    assert "Supports: Official descriptor; Excludes1" in sources_of(html)


def test_editor_records_sources_and_verification_in_the_admin(client, cpt):
    code = make_code("27323", cpt)
    client.force_login(make_user("admin@example.org", is_staff=True, is_superuser=True))
    data = change_form_data(code) | {
        "verified_on": "2026-05-08",
        "sources-TOTAL_FORMS": 1,
        "sources-0-title": "Medicare Claims Processing Manual, Chapter 12",
        "sources-0-publisher": "CMS",
        "sources-0-url": "https://www.cms.gov/manuals/clm104c12.pdf",
        "sources-0-edition": "Rev. 12",
        "sources-0-supports": "modifiers",
        "sources-0-position": 1,
    }

    response = client.post(f"/admin/lookup/code/{code.pk}/change/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    code.refresh_from_db()
    assert code.verified_on == datetime.date(2026, 5, 8)
    assert code.sources.get().edition == "Rev. 12"
    assert "Medicare Claims Processing Manual" in client.get("/codes/cpt/27323/").content.decode()


def test_index_terms_cite_the_index_files_and_their_edition(client, index_catalogue):
    html = client.get("/codes/icd-10-cm/N20.0/").content.decode()

    sources = sources_of(html)
    assert "ICD-10-CM Alphabetic Index, Neoplasm Table and External Cause Index" in sources
    assert "FY2025 edition" in sources and "Supports: Index terms" in sources
    terms = html[html.index('<section id="index-terms"') :]
    assert 'Source <a href="#source-2">2</a>' in terms[: terms.index("</section>")]


def test_a_new_fee_file_is_cited_at_once_despite_the_page_cache(
    client, coder, cpt, tmp_path, django_capture_on_commit_callbacks
):
    from fees.importers.pfs_rvu import import_pfs_rvu_file
    from tests.fees.conftest import PPRRVU, write_copy

    make_code("27323", cpt)
    import_pfs_rvu_file(PPRRVU)
    client.force_login(coder)
    client.get("/codes/cpt/27323/")  # cached with the first file's name
    with django_capture_on_commit_callbacks(execute=True):
        import_pfs_rvu_file(write_copy(PPRRVU, tmp_path / "PPRRVU2027.csv", ("8.23", "8.23")))

    sources = sources_of(client.get("/codes/cpt/27323/").content.decode())

    assert "file PPRRVU2027.csv" in sources and "PPRRVU-excerpt.csv" not in sources
