from tests.conftest import make_system


def test_home_page_has_search_systems_and_recent_codes(client, biopsy):
    make_system("icd-10-cm")

    html = client.get("/").content.decode()

    assert 'role="search"' in html
    assert 'href="/codes/cpt/"' in html and 'href="/codes/icd-10-cm/"' in html
    assert "Recently updated codes" in html and 'href="/codes/cpt/27323/"' in html
