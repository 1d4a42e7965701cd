import datetime
import threading

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lookup.models import Section
from tests.conftest import make_code, make_relation, make_section, make_user


def catalogue_queries(client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return [query["sql"] for query in context.captured_queries if "lookup_" in query["sql"]]


def test_second_request_reads_the_catalogue_part_from_the_cache(client, biopsy):
    assert catalogue_queries(client, "/codes/cpt/27323/")

    assert catalogue_queries(client, "/codes/cpt/27323/") == []


def test_saved_section_shows_at_once_despite_the_cache(
    client, coder, biopsy, django_capture_on_commit_callbacks
):
    client.force_login(coder)
    client.get("/codes/cpt/27323/")

    section = Section.objects.get(code=biopsy, kind="fees")
    section.body = "FRESHLY-EDITED-FEES"
    with django_capture_on_commit_callbacks(execute=True):
        section.save()

    assert "FRESHLY-EDITED-FEES" in client.get("/codes/cpt/27323/").content.decode()


def test_new_relation_shows_on_the_other_codes_cached_page(
    client, biopsy, django_capture_on_commit_callbacks
):
    deep = make_code("27324", biopsy.system)
    client.get("/codes/cpt/27324/")

    with django_capture_on_commit_callbacks(execute=True):
        make_relation(biopsy, deep, "compare")

    assert 'href="/codes/cpt/27323/"' in client.get("/codes/cpt/27324/").content.decode()


def test_renamed_parent_shows_in_a_cached_childs_breadcrumbs(
    client, icd, django_capture_on_commit_callbacks
):
    category = make_code("S72", icd, billable=False, short_descriptor="Fracture of femur")
    make_code("S72.001A", icd, parent=category)
    client.get("/codes/icd-10-cm/S72.001A/")

    category.short_descriptor = "Fracture of the femur (renamed)"
    with django_capture_on_commit_callbacks(execute=True):
        category.save()

    assert (
        "Fracture of the femur (renamed)"
        in client.get("/codes/icd-10-cm/S72.001A/").content.decode()
    )


def test_article_cached_for_a_member_never_reaches_a_guest(client, coder, biopsy):
    from django.test import Client

    client.force_login(coder)
    assert "GATED-FEES-TEXT" in client.get("/codes/cpt/27323/").content.decode()

    guest_html = Client().get("/codes/cpt/27323/").content.decode()

    assert "GATED-FEES-TEXT" not in guest_html
    assert "Register free to read the rest of this page" in guest_html


def test_article_cached_for_a_guest_is_not_served_to_a_member(client, coder, biopsy):
    from django.test import Client

    assert "GATED-FEES-TEXT" not in Client().get("/codes/cpt/27323/").content.decode()
    client.force_login(coder)

    assert "GATED-FEES-TEXT" in client.get("/codes/cpt/27323/").content.decode()


def test_home_page_lists_a_code_saved_after_it_was_cached(
    client, biopsy, django_capture_on_commit_callbacks
):
    client.get("/")

    with django_capture_on_commit_callbacks(execute=True):
        # The home page lists codes our editors verified: this one, just checked.
        make_code(
            "27324",
            biopsy.system,
            short_descriptor="Freshly added deep biopsy",
            verified_on=datetime.date(2026, 11, 20),
        )

    assert "Freshly added deep biopsy" in client.get("/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_page_read_while_an_edit_is_uncommitted_is_not_served_after_the_commit(biopsy):
    """An editor gates a section; a reader opens the page before the admin's transaction
    commits. That reader's copy is of the old catalogue and must not outlive the commit."""
    reader = Client()
    reader.force_login(make_user("staff@example.org", is_staff=True))  # reads, never writes
    section = Section.objects.get(code=biopsy, kind="guidelines")

    def read_page_meanwhile() -> None:
        try:
            assert reader.get("/codes/cpt/27323/").status_code == 200
        finally:
            connection.close()

    with transaction.atomic():
        section.gated = True
        section.save()
        meanwhile = threading.Thread(target=read_page_meanwhile)
        meanwhile.start()
        meanwhile.join(timeout=60)

    html = Client().get("/codes/cpt/27323/").content.decode()
    assert "open</strong> biopsy" in html  # the page itself
    assert "UNGATED-GUIDELINE-TEXT" not in html


def test_a_section_an_editor_gates_walls_a_guest_at_once_despite_the_cached_gate(
    client, icd, django_capture_on_commit_callbacks
):
    spent = make_code("A00.0", icd)
    make_section(spent, "documentation")
    open_code = make_code("A00.1", icd)
    section = make_section(open_code, "documentation", gated=False, body="SOON-GATED-TEXT")
    client.get("/codes/icd-10-cm/A00.0/")  # the guest's one view
    # Nothing gated on it: read without a view, its gate and page cached.
    assert "SOON-GATED-TEXT" in client.get("/codes/icd-10-cm/A00.1/").content.decode()

    section.gated = True
    with django_capture_on_commit_callbacks(execute=True):
        section.save()

    html = client.get("/codes/icd-10-cm/A00.1/").content.decode()
    assert "SOON-GATED-TEXT" not in html
    assert "Official descriptor of A00.1" not in html and "Register free account" in html
