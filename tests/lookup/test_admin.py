import datetime

import pytest
from django.contrib.auth.models import Group

from core.days import site_today
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
        "verified_on": code.verified_on.isoformat() if code.verified_on else "",
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


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_changing_a_pages_text_offers_to_renew_its_verified_date(client, editor, biopsy):
    biopsy.verified_on = datetime.date(2026, 5, 8)
    biopsy.save()
    client.force_login(editor)
    data = change_form_data(biopsy) | {"description": "Rewritten by an editor."}

    response = client.post(f"/admin/lookup/code/{biopsy.pk}/change/", data, follow=True)

    offer = f'<a href="/admin/lookup/code/{biopsy.pk}/verify/">Renew its Verified date to today</a>'
    assert any(
        "You changed the text of the page of CPT 27323; the page still says Verified May 8, 2026."
        in message
        and offer in message
        for message in messages_of(response)
    )
    assert offer in response.content.decode()  # a link on the change page, not escaped text
    biopsy.refresh_from_db()
    assert biopsy.verified_on == datetime.date(2026, 5, 8)  # an offer, not a renewal


def test_changing_a_section_offers_it_too(client, editor, biopsy):
    client.force_login(editor)
    data = change_form_data(biopsy) | {"sections-0-body": "New guidance."}

    response = client.post(f"/admin/lookup/code/{biopsy.pk}/change/", data, follow=True)

    assert any("Renew its Verified date" in message for message in messages_of(response))


def test_a_save_that_leaves_the_text_alone_offers_nothing(client, editor, biopsy):
    client.force_login(editor)
    data = change_form_data(biopsy) | {"status": "deleted"}

    response = client.post(f"/admin/lookup/code/{biopsy.pk}/change/", data, follow=True)

    assert not any("Renew its Verified date" in message for message in messages_of(response))


def test_renewing_asks_first_then_dates_the_page_today(
    client, editor, biopsy, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    url = f"/admin/lookup/code/{biopsy.pk}/verify/"

    asked = client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    today = site_today()
    assert "Renew it only once you have checked the page" in asked
    assert response.status_code == 302
    assert response["Location"] == f"/admin/lookup/code/{biopsy.pk}/change/"
    biopsy.refresh_from_db()
    assert biopsy.verified_on == today
    page = client.get("/codes/cpt/27323/").content.decode()
    assert f"Verified {today:%b} {today.day}, {today.year} · " in page


def test_a_reader_who_may_not_edit_codes_cannot_renew(client, biopsy):
    client.force_login(make_user("staff@example.org", is_staff=True))

    response = client.post(f"/admin/lookup/code/{biopsy.pk}/verify/")

    assert response.status_code == 403
    biopsy.refresh_from_db()
    assert biopsy.verified_on is None
