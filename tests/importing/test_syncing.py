"""sync_rows: a table made to hold exactly a file's rows, writing only what changed."""

from importing.syncing import sync_rows
from lookup.models import CodeSystem


def systems() -> list[tuple[str, str]]:
    return list(CodeSystem.objects.order_by("slug").values_list("slug", "name"))


def wanted(**names) -> dict:
    return {
        (slug,): {"name": name, "edition": "1", "copyright_line": "", "licence_note": ""}
        for slug, name in names.items()
    }


def test_rows_are_added_updated_and_deleted_to_match(db):
    sync_rows(CodeSystem.objects.all(), ["slug"], wanted(a="A", b="B"))

    counts = sync_rows(CodeSystem.objects.all(), ["slug"], wanted(a="A", c="C2"))

    assert (counts.added, counts.updated, counts.deleted) == (1, 0, 1)
    assert systems() == [("a", "A"), ("c", "C2")]


def test_a_second_sync_of_the_same_rows_writes_nothing(db, django_assert_num_queries):
    sync_rows(CodeSystem.objects.all(), ["slug"], wanted(a="A", b="B"))

    with django_assert_num_queries(1):  # the read
        counts = sync_rows(CodeSystem.objects.all(), ["slug"], wanted(a="A", b="B"))

    assert not counts.changed


def test_more_rows_than_one_statement_holds_are_all_written(db):
    # SQLite takes as many rows a statement as its parameter limit allows: 400 need several.
    names = {f"system-{number:03}": f"System {number}" for number in range(400)}

    counts = sync_rows(CodeSystem.objects.all(), ["slug"], wanted(**names))

    assert counts.added == 400
    assert systems() == sorted(names.items())
