"""ICD-10-CM codes show the instructional notes of their category and subcategories, marked
with where each comes from, as coders read them in the tabular list."""

import pytest

from lookup.models import Code
from tests.conftest import make_code, make_section


def note(code, kind: str, body: str, **fields):
    return make_section(code, kind, gated=False, source="import", body=body, **fields)


@pytest.fixture
def femur(icd):
    """S72 > S72.0 > S72.00 > S72.001 > S72.001A, notes on the category and subcategories."""
    chapter = make_code("19", icd, level=Code.Level.CHAPTER, short_descriptor="Injury")
    block = make_code("S70-S79", icd, level=Code.Level.BLOCK, parent=chapter)
    note(block, "excludes2", "- BLOCK-NOTE burns and corrosions")
    category = make_code(
        "S72", icd, parent=block, billable=False, short_descriptor="Fracture of femur"
    )
    note(category, "excludes1", "- CATEGORY-EXCLUDES1 traumatic amputation of hip (S78.-)")
    note(category, "seventh-character", "- **A**: CATEGORY-SEVENTH initial encounter")
    note(category, "inclusion-terms", "- CATEGORY-INCLUSION-TERM")
    head = make_code(
        "S72.0", icd, parent=category, billable=False, short_descriptor="Head and neck"
    )
    note(head, "excludes2", "- SUBCATEGORY-EXCLUDES2 physeal fracture (S79.0-)")
    make_section(head, "code-also", gated=True, body="GATED-EDITOR-NOTE on S72.0")
    unspecified = make_code("S72.00", icd, parent=head, billable=False)
    right = make_code("S72.001", icd, parent=unspecified, billable=False)
    code = make_code("S72.001A", icd, parent=right)
    note(code, "excludes2", "- OWN-EXCLUDES2 of the code itself")
    return code


def section_of(html: str, anchor: str) -> str:
    start = html.index(f'<section id="{anchor}"')
    return html[start : html.index("</section>", start)]


def test_code_shows_the_notes_it_inherits_marked_with_their_origin(client, femur):
    html = client.get("/codes/icd-10-cm/S72.001A/").content.decode()

    excludes1 = section_of(html, "excludes1")
    assert "CATEGORY-EXCLUDES1" in excludes1
    assert 'From <a href="/codes/icd-10-cm/S72/">S72</a> Fracture of femur' in excludes1
    seventh = section_of(html, "seventh-character")
    assert "CATEGORY-SEVENTH" in seventh and "(for every code under S72)" in seventh


def test_own_notes_come_first_then_the_parents_nearest_last(client, femur):
    excludes2 = section_of(client.get("/codes/icd-10-cm/S72.001A/").content.decode(), "excludes2")

    assert "At S72.001A" in excludes2
    assert excludes2.index("OWN-EXCLUDES2") < excludes2.index("SUBCATEGORY-EXCLUDES2")
    assert 'From <a href="/codes/icd-10-cm/S72.0/">S72.0</a>' in excludes2


def test_only_category_and_subcategory_instructional_notes_are_inherited(client, femur):
    html = client.get("/codes/icd-10-cm/S72.001A/").content.decode()

    assert "BLOCK-NOTE" not in html  # a block's notes stay on the block's page
    assert "CATEGORY-INCLUSION-TERM" not in html  # inclusion terms describe the category only


def test_a_gated_note_of_a_parent_is_not_sent_to_a_guest(client, femur):
    html = client.get("/codes/icd-10-cm/S72.001A/").content.decode()

    assert "GATED-EDITOR-NOTE" not in html


def test_a_reader_who_may_read_gated_notes_gets_the_parents_gated_note(client, coder, femur):
    client.force_login(coder)

    html = client.get("/codes/icd-10-cm/S72.001A/").content.decode()

    assert "GATED-EDITOR-NOTE" in section_of(html, "code-also")


def test_summary_card_names_the_seventh_character_and_excludes_notes(client, femur):
    html = client.get("/codes/icd-10-cm/S72.001A/").content.decode()

    card = html[html.index('class="summary-card"') : html.index("</dl>")]
    assert '<a href="#seventh-character">A</a>' in card
    assert '<a href="#excludes1">Excludes1 and Excludes2</a>' in card
    assert '<a href="/codes/icd-10-cm/19/">Injury</a>' in card
