"""Browsing by HCC category: the index (public) and a category's codes (verified accounts)."""

from tests.conftest import make_user


def test_index_lists_both_models_categories_with_their_code_counts(client, icd_grouping):
    response = client.get("/codes/icd-10-cm/hcc/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/codes/icd-10-cm/hcc/v28/38/"' in html
    assert "Diabetes with Glycemic, Unspecified, or No Complications" in html
    assert html.index("CMS-HCC V28") < html.index("CMS-HCC V24")


def test_category_lists_its_codes_with_titles_and_conditions(client, icd_grouping):
    client.force_login(make_user())

    html = client.get("/codes/icd-10-cm/hcc/v28/22/").content.decode()

    assert 'href="/codes/icd-10-cm/C50.011/"' in html
    assert "(only under age 50)" in html


def test_unknown_category_is_a_404(client, icd_grouping):
    assert client.get("/codes/icd-10-cm/hcc/v28/9999/").status_code == 404
    assert client.get("/codes/icd-10-cm/hcc/v99/38/").status_code == 404


def test_icd10cm_index_links_the_hcc_categories(client, icd_grouping):
    html = client.get("/codes/icd-10-cm/").content.decode()

    assert 'href="/codes/icd-10-cm/hcc/"' in html
