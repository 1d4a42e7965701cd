"""What's new in a fiscal year's ICD-10-CM update: added, deleted and retitled codes."""


def whats_new(client, year: int) -> str:
    response = client.get(f"/codes/icd-10-cm/whats-new/fy{year}/")
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_fy2026_lists_added_deleted_and_retitled_codes(client, icd_history):
    html = whats_new(client, 2026)

    added = section(html, "added-heading")
    assert 'href="/codes/icd-10-cm/E11.A/"' in added
    assert "Type 2 diabetes mellitus without complications in remission" in added
    assert 'href="/codes/icd-10-cm/G35/"' in section(html, "deleted-heading")
    retitled = section(html, "revised-heading")
    assert "<del>Craniosynostosis unspecified, unilateral</del>" in retitled


def test_codes_added_after_our_titles_are_listed_as_added_title_not_yet_loaded(client, icd_history):
    html = whats_new(client, 2027)

    added = section(html, "added-heading")
    assert 'I42.00</span> <span class="muted">title not yet loaded</span>' in added
    assert 'href="/codes/icd-10-cm/I42.00/"' not in added
    assert 'href="/codes/icd-10-cm/I42.0/"' in section(html, "deleted-heading")
    assert "We hold no FY2027 titles yet" in section(html, "revised-heading")


def test_whats_new_without_a_year_opens_the_latest_update(client, icd_history):
    response = client.get("/codes/icd-10-cm/whats-new/")

    assert response.status_code == 302
    assert response["Location"] == "/codes/icd-10-cm/whats-new/fy2027/"


def test_a_year_without_changes_is_a_helpful_404(client, icd_history):
    response = client.get("/codes/icd-10-cm/whats-new/fy1999/")

    assert response.status_code == 404


def test_page_of_a_code_added_after_our_titles_says_it_is_valid_without_a_title(
    client, icd_history
):
    response = client.get("/codes/icd-10-cm/I42.00/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "I42.00 is a valid ICD-10-CM code from October 1, 2026 (added in FY2027)" in html
    assert 'href="/codes/icd-10-cm/whats-new/fy2027/"' in html
