from tests.conftest import make_code


def test_system_page_lists_hierarchy_and_paginates_codes(client, cpt, settings):
    settings.BROWSE_PAGE_SIZE = 2
    section = make_code("10021-69990", cpt, level="section", short_descriptor="Surgery")
    for code in ["20206", "21920", "27323"]:
        make_code(code, cpt, parent=section)

    first = client.get("/codes/cpt/").content.decode()
    second = client.get("/codes/cpt/", {"page": 2}).content.decode()

    assert "Surgery" in first
    assert "Page 1 of 2" in first
    assert 'href="/codes/cpt/27323/"' in second


def test_system_page_for_unknown_system_is_404(client, db):
    assert client.get("/codes/snomed/").status_code == 404


def test_search_for_an_exact_code_goes_to_its_page(client, biopsy):
    response = client.get("/search/", {"q": "27323"})

    assert response.status_code == 302
    assert response.headers["Location"] == "/codes/cpt/27323/"


def test_search_by_words_lists_matching_codes(client, biopsy):
    html = client.get("/search/", {"q": "thigh superficial"}).content.decode()

    assert 'href="/codes/cpt/27323/"' in html


def test_empty_and_overlong_searches_get_a_message(client, db):
    empty = client.get("/search/", {"q": "  "}).content.decode()
    overlong = client.get("/search/", {"q": "x" * 300})

    assert "Type a code, part of a code, or a few words." in empty
    assert overlong.status_code == 200
    assert "at most 200 characters" in overlong.content.decode()


def test_sources_page_lists_each_systems_licence(client, cpt):
    html = client.get("/sources/").content.decode()

    assert "cpt licence note" in html


def test_icd_chapters_are_listed_in_numeric_order(client, icd):
    for number in ["13", "2", "19"]:
        make_code(number, icd, level="chapter", short_descriptor=f"Chapter title {number}")

    html = client.get("/codes/icd-10-cm/").content.decode()

    assert html.index("Chapter 2<") < html.index("Chapter 13<") < html.index("Chapter 19<")
