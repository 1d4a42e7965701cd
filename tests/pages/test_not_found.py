from tests.conftest import make_code


def test_unknown_code_gets_404_with_nearest_codes_and_search_box(client, cpt):
    for code in ["27301", "27323", "27324", "27327"]:
        make_code(code, cpt)

    response = client.get("/codes/cpt/27325/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "There is no CPT code 27325" in html
    assert 'href="/codes/cpt/27324/"' in html and 'href="/codes/cpt/27327/"' in html
    assert 'name="q" value="27325"' in html


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
