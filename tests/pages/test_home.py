import datetime

from tests.conftest import make_code, make_system


def test_home_page_has_search_systems_and_recent_codes(client, biopsy):
    make_system("icd-10-cm")
    biopsy.verified_on = datetime.date(2026, 11, 20)
    biopsy.save()

    html = client.get("/").content.decode()

    assert 'role="search"' in html
    assert 'href="/codes/cpt/"' in html and 'href="/codes/icd-10-cm/"' in html
    assert "Recently verified by our editors" in html and 'href="/codes/cpt/27323/"' in html


def test_recent_codes_are_what_editors_verified_not_what_an_import_touched(client, cpt):
    verified = make_code("27301", cpt, verified_on=datetime.date(2026, 11, 20))
    make_code("27302", cpt, verified_on=datetime.date(2026, 10, 1))
    make_code("V5364", cpt)  # imported later, never verified by an editor

    html = client.get("/").content.decode()
    recent = html[html.index('id="recent-heading"') :]

    assert f'href="{verified.get_absolute_url()}"' in recent
    assert "verified Nov 20, 2026" in recent
    assert recent.index("27301") < recent.index("27302")
    assert "V5364" not in recent


def test_home_page_lists_no_recent_codes_before_an_editor_verified_one(client, cpt):
    make_code("27301", cpt)

    assert "Recently verified" not in client.get("/").content.decode()
