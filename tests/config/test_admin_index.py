"""The admin's index names every app once, so staff know which "Accounts" they open."""

import re

from tests.conftest import make_user


def test_admin_index_has_no_two_apps_under_one_heading(client, db):
    client.force_login(make_user("admin@example.org", is_staff=True, is_superuser=True))

    html = client.get("/admin/").content.decode()

    headings = [
        heading.strip().casefold()
        for heading in re.findall(r'<caption>\s*<a [^>]*class="section"[^>]*>([^<]+)</a>', html)
    ]
    assert "readers and membership" in headings
    assert len(headings) == len(set(headings)) > 5
