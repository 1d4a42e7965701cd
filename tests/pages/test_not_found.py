from fees.importers.pfs_rvu import import_pfs_rvu_file
from lookup.models import Code
from tests.conftest import make_code, make_system
from tests.fees.conftest import PPRRVU_DESCRIBED


def test_unknown_code_gets_404_with_nearest_codes_and_search_box(client, icd):
    for code in ["D17.1", "D17.21", "D17.23", "D17.24"]:
        make_code(code, icd)

    response = client.get("/codes/icd-10-cm/D17.22/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "There is no ICD-10-CM code D17.22" in html
    assert 'href="/codes/icd-10-cm/D17.21/"' in html and 'href="/codes/icd-10-cm/D17.23/"' in html
    assert 'name="q" value="D17.22"' in html


def test_unlisted_cpt_code_says_what_cpt_codes_this_site_holds(client, db):
    import_pfs_rvu_file(PPRRVU_DESCRIBED)
    for slug in ["hcpcs", "icd-10-cm"]:
        make_system(slug)

    response = client.get("/codes/cpt/99216/")

    assert response.status_code == 404
    html = response.content.decode()
    assert (
        "The CPT codes here are those the Medicare physician fee schedule lists (2026 National "
        "Physician Fee Schedule Relative Value File July Release); no licensed CPT file is "
        "loaded here"
    ) in html
    assert "99216 is in neither. It may well be a valid CPT code" in html
    assert 'href="/search/?q=99216&amp;system=hcpcs">Search HCPCS Level II for 99216' in html
    assert 'href="/search/?q=99216&amp;system=icd-10-cm">Search ICD-10-CM for 99216' in html
    assert 'href="/codes/cpt/99215/"' in html  # the nearest codes
    assert "check the code" not in html.lower()


def test_unlisted_cpt_code_names_the_licensed_file_when_one_is_loaded(client, cpt):
    cpt.source_file = "licensed-cpt-2026.csv"
    cpt.save()
    make_code("27323", cpt)

    html = client.get("/codes/cpt/27325/").content.decode()

    assert "and those of the licensed CPT file loaded here (licensed-cpt-2026.csv)" in html
    assert "check the code" not in html.lower()


def test_a_code_not_shaped_like_cpt_is_told_so(client, cpt):
    html = client.get("/codes/cpt/J1100/").content.decode()

    assert "“J1100” is not shaped like a CPT code" in html
    assert "check the code" not in html.lower()
    assert not Code.objects.exists()


def test_unknown_system_gets_404_listing_the_systems(client, cpt):
    response = client.get("/codes/snomed/12345/")

    assert response.status_code == 404
    assert 'href="/codes/cpt/"' in response.content.decode()


def test_unknown_system_names_the_missing_system_not_the_code(client, cpt):
    html = client.get("/codes/foo/123/").content.decode()

    heading = html[html.index("<h1>") : html.index("</h1>")]
    assert "foo" in heading
    assert "123" not in heading


def test_unknown_path_gets_404_in_the_site_layout(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'role="search"' in response.content.decode()
