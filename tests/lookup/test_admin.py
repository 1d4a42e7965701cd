import pytest
from django.contrib.auth.models import Group

from lookup.models import CodeSystem
from tests.conftest import make_user


@pytest.fixture
def editor(db):
    user = make_user("editor@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def change_form_data(code) -> dict:
    """The change form as the admin renders it for `code`, ready to post back."""
    sections = list(code.sections.all())
    data = {
        "system": code.system_id,
        "code": code.code,
        "level": code.level,
        "parent": "",
        "short_descriptor": code.short_descriptor,
        "long_descriptor": code.long_descriptor,
        "description": code.description,
        "billable": "on",
        "status": code.status,
        "sections-TOTAL_FORMS": len(sections),
        "sections-INITIAL_FORMS": len(sections),
        "relations_from-TOTAL_FORMS": 0,
        "relations_from-INITIAL_FORMS": 0,
        "sources-TOTAL_FORMS": 0,
        "sources-INITIAL_FORMS": 0,
    }
    for index, section in enumerate(sections):
        data |= {
            f"sections-{index}-id": section.pk,
            f"sections-{index}-code": code.pk,
            f"sections-{index}-position": section.position,
            f"sections-{index}-kind": section.kind,
            f"sections-{index}-title": section.title,
            f"sections-{index}-body": section.body,
            f"sections-{index}-gated": "on" if section.gated else "",
        }
    return data


def test_editor_edit_in_admin_shows_on_the_page_at_once(
    client, editor, biopsy, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    assert "NEW-GUIDELINE-TEXT" not in client.get("/codes/cpt/27323/").content.decode()
    data = change_form_data(biopsy)
    data["description"] = "Rewritten by an editor: NEW-PLAIN-LANGUAGE-TEXT."
    data["sections-0-body"] = "NEW-GUIDELINE-TEXT"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/lookup/code/{biopsy.pk}/change/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    html = client.get("/codes/cpt/27323/").content.decode()
    assert "NEW-PLAIN-LANGUAGE-TEXT" in html
    assert "NEW-GUIDELINE-TEXT" in html


def test_admin_finds_codes_by_descriptor_words(client, editor, biopsy):
    client.force_login(editor)

    response = client.get("/admin/lookup/code/", {"q": "thigh"})

    assert "27323" in response.content.decode()


def test_admin_change_page_links_to_the_site_and_shows_updated_at_read_only(client, editor, biopsy):
    client.force_login(editor)

    html = client.get(f"/admin/lookup/code/{biopsy.pk}/change/").content.decode()

    assert "View on site" in html
    assert 'name="updated_at"' not in html and "Updated at" in html


def test_editors_can_edit_codes_sections_and_relations(editor):
    for model in ["code", "section", "coderelation"]:
        assert editor.has_perm(f"lookup.change_{model}")
        assert editor.has_perm(f"lookup.add_{model}")


def test_editors_cannot_delete_code_systems_or_manage_users(client, editor, cpt):
    assert not editor.has_perm("lookup.delete_codesystem")
    assert not editor.has_perm("accounts.change_user")
    client.force_login(editor)

    assert client.get(f"/admin/lookup/codesystem/{cpt.pk}/delete/").status_code == 403
    assert client.get("/admin/accounts/user/").status_code == 403
    assert CodeSystem.objects.filter(pk=cpt.pk).exists()


def test_an_imported_section_an_editor_rewrites_becomes_theirs(client, editor, icd):
    from lookup.models import Section
    from tests.conftest import make_code, make_section

    code = make_code("A00.0", icd)
    make_section(code, "inclusion-terms", body="- Classical cholera", gated=False, source="import")
    client.force_login(editor)
    data = change_form_data(code)
    data["sections-0-body"] = "- Classical cholera, in our editors' words"

    client.post(f"/admin/lookup/code/{code.pk}/change/", data)

    section = Section.objects.get(code=code, kind="inclusion-terms")
    assert section.body.endswith("in our editors' words")
    assert section.source == Section.Source.EDITOR
