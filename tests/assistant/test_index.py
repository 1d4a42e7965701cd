"""The section index follows editors' and importers' changes; full text works on both databases."""

import pytest
from django.core.management import call_command

from assistant.fact_passages import FACT_KINDS
from assistant.fulltext import search_index
from assistant.indexing import rebuild_index
from assistant.models import IndexedSection
from core.plaintext import html_to_blocks
from lookup.models import Code, Section
from tests.conftest import make_code, make_section


def row_of(code: Code, kind: str) -> IndexedSection:
    return IndexedSection.objects.get(code=code, kind=kind)


def test_each_code_has_a_row_per_section_plus_descriptor_and_description(demo):
    code = Code.objects.get(system__slug="cpt", code="27323")
    text_rows = IndexedSection.objects.exclude(kind__in=FACT_KINDS)

    kinds = list(text_rows.filter(code=code).values_list("kind", flat=True))
    assert kinds[:2] == ["descriptor", "description"]
    assert sorted(kinds[2:]) == sorted(code.sections.values_list("kind", flat=True))
    assert text_rows.filter(code__level=Code.Level.CODE).count() == (
        Section.objects.count() + 2 * Code.objects.filter(level=Code.Level.CODE).count()
    )


def test_hierarchy_nodes_have_no_rows(demo):
    assert not IndexedSection.objects.exclude(code__level=Code.Level.CODE).exists()


def test_row_keeps_the_gate_anchor_and_title_of_its_section(biopsy):
    row = row_of(biopsy, "fees")

    assert (row.gated, row.anchor, row.title) == (True, "fees", "Fees and RVUs")
    assert row_of(biopsy, "guidelines").gated is False


def test_editing_a_section_updates_its_row_and_its_full_text(biopsy):
    section = biopsy.sections.get(kind="guidelines")
    section.body = "Report the **wombatizing** approach once."
    section.gated = True
    section.save()

    row = row_of(biopsy, "guidelines")
    assert row.text == "Report the wombatizing approach once."
    assert row.gated is True
    assert search_index(["wombatizing"], include_gated=True) == [row.pk]


def test_editing_a_code_description_updates_its_row(biopsy):
    biopsy.description = "A new plain description."
    biopsy.save()

    assert row_of(biopsy, "description").text == "A new plain description."


def test_deleting_a_section_or_a_code_removes_their_rows(biopsy):
    biopsy.sections.get(kind="fees").delete()
    assert not IndexedSection.objects.filter(code=biopsy, kind="fees").exists()

    biopsy.delete()
    assert not IndexedSection.objects.filter(code_id=biopsy.pk).exists()
    assert search_index(["biopsy"], include_gated=True) == []


def test_rebuild_writes_nothing_when_the_index_is_current(biopsy):
    counts = rebuild_index()

    assert (counts.added, counts.updated, counts.removed) == (0, 0, 0)
    assert counts.unchanged == 4


def test_rebuild_catches_up_with_bulk_writes_that_send_no_signals(biopsy, cpt):
    Section.objects.filter(code=biopsy, kind="guidelines").update(
        body="Bulk edited.", body_html="<p>Bulk edited.</p>"
    )
    IndexedSection.objects.filter(code=biopsy, kind="fees").delete()
    Code.objects.bulk_create([Code(system=cpt, code="27324", long_descriptor="Subfascial biopsy")])

    counts = rebuild_index()

    assert (counts.added, counts.updated) == (2, 1)  # the fees row, 27324's descriptor
    assert row_of(biopsy, "guidelines").text == "Bulk edited."
    assert search_index(["subfascial"], include_gated=False) == [
        row_of(Code.objects.get(code="27324"), "descriptor").pk
    ]


def test_rebuild_command_prints_what_it_did(biopsy, capsys):
    call_command("rebuild_assistant_index")

    assert "Index: 0 added, 0 updated, 4 unchanged, 0 removed" in capsys.readouterr().out


def test_full_text_matches_word_forms(biopsy):
    section = biopsy.sections.get(kind="guidelines")
    section.body = "Biopsies of separate lesions are reported separately."
    section.save()

    assert search_index(["biopsy", "lesion"], include_gated=False)[0] == section_row_pk(section)


def section_row_pk(section: Section) -> int:
    return IndexedSection.objects.get(section=section).pk


def test_full_text_leaves_gated_rows_out_unless_asked(biopsy):
    fees = row_of(biopsy, "fees")

    assert search_index(["rvus"], include_gated=False) == []
    assert search_index(["rvus"], include_gated=True) == [fees.pk]


def test_full_text_ranks_rows_with_every_word_first(cpt):
    one = make_code("11111", cpt, long_descriptor="Knee", description="")
    both = make_code("22222", cpt, long_descriptor="Knee lump", description="")

    found = search_index(["lump", "knee"], include_gated=False)

    assert found[0] == row_of(both, "descriptor").pk
    assert row_of(one, "descriptor").pk in found


@pytest.mark.parametrize(
    "words", [['"'], ["OR", "AND", "NOT"], ["NEAR(a b)"], ["'; DROP TABLE x; --"], ["*", ":"]]
)
def test_full_text_takes_any_input_without_error(biopsy, words):
    assert isinstance(search_index(words, include_gated=False), list)


def test_table_rows_read_as_sentences_with_their_column_names():
    html = (
        "<table><thead><tr><th>Component</th><th>Office</th><th>Facility</th></tr></thead>"
        "<tbody><tr><td>Total RVU</td><td>8.23</td><td>4.72</td></tr></tbody></table>"
        "<ul><li>First item</li><li>Second &amp; last.</li></ul>"
    )

    assert html_to_blocks(html) == [
        "Total RVU: Office 8.23; Facility 4.72.",
        "First item",
        "Second & last.",
    ]


def test_section_added_to_a_code_gets_its_row(biopsy):
    make_section(biopsy, "faq", body="### Is it?\nYes.", gated=False)

    assert row_of(biopsy, "faq").text == "Is it?\nYes."


def test_changing_a_sections_kind_moves_its_row(biopsy):
    section = biopsy.sections.get(kind="guidelines")
    section.kind = "faq"
    section.save()

    assert set(IndexedSection.objects.filter(code=biopsy).values_list("kind", flat=True)) == {
        "descriptor",
        "description",
        "faq",
        "fees",
    }


def index_rows_except(code: Code) -> list[tuple]:
    return list(IndexedSection.objects.exclude(code=code).order_by("pk").values_list())


def test_an_incremental_rebuild_rewrites_only_the_pages_that_changed(demo):
    changed = Code.objects.get(system__slug="cpt", code="27323")
    others = index_rows_except(changed)
    # An import's bulk write: no save signal tells the index.
    Code.objects.filter(pk=changed.pk).update(long_descriptor="Rewritten by an import.")

    counts = rebuild_index()

    assert (counts.added, counts.updated, counts.removed) == (0, 1, 0)
    assert row_of(changed, "descriptor").text == "Rewritten by an import."
    assert index_rows_except(changed) == others


def test_a_rebuild_in_small_batches_writes_what_one_batch_writes(demo, icd):
    # A hierarchy node among the codes: its sections and rows fall inside the batches' ranges.
    chapter = make_code("X98-X99", icd, level=Code.Level.CHAPTER)
    make_section(chapter, "guidelines", body="A chapter's note.")
    make_code("X98.1", icd)  # a code after it: the node sits inside a batch's range
    IndexedSection.objects.all().delete()

    counts = rebuild_index(batch_size=2)
    in_batches = list(IndexedSection.objects.order_by("code", "kind").values_list("code", "kind"))
    IndexedSection.objects.all().delete()
    rebuild_index()

    assert counts.added == len(in_batches) > 0
    assert in_batches == list(
        IndexedSection.objects.order_by("code", "kind").values_list("code", "kind")
    )
    assert not IndexedSection.objects.filter(code=chapter).exists()
