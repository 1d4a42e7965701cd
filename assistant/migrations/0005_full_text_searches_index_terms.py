"""The index terms rows (kind "index-terms": the Alphabetic Index entries leading to a code,
a sentence each) are searched by full text, unlike the other fact rows (0004): their words are
the index's own, what a question in words ("what is the code for kidney stone") asks about.
"""

from importlib import import_module

from django.db import migrations

full_text_search = import_module("assistant.migrations.0002_full_text_search")
fact_rows_left_out = import_module("assistant.migrations.0004_full_text_leaves_fact_rows_out")
run_for_vendor = full_text_search.run_for_vendor

SEARCHED_KINDS = "('descriptor', 'description', 'index-terms')"
SEARCHED = f"NOT ({{row}}section_id IS NULL AND {{row}}kind NOT IN {SEARCHED_KINDS})"
OLD_SEARCHED, NEW_SEARCHED = SEARCHED.format(row="old."), SEARCHED.format(row="new.")
TRIGGERS = fact_rows_left_out.TRIGGERS
SQLITE_FORWARD = [
    *[f"DROP TRIGGER IF EXISTS assistant_indexedsection_fts_{name}" for name in TRIGGERS],
    f"""CREATE TRIGGER assistant_indexedsection_fts_insert AFTER INSERT ON assistant_indexedsection
    BEGIN
        INSERT INTO assistant_indexedsection_fts(rowid, title, text)
        SELECT new.id, new.title, new.text WHERE {NEW_SEARCHED};
    END""",
    f"""CREATE TRIGGER assistant_indexedsection_fts_delete AFTER DELETE ON assistant_indexedsection
    BEGIN
        INSERT INTO assistant_indexedsection_fts(assistant_indexedsection_fts, rowid, title, text)
        SELECT 'delete', old.id, old.title, old.text WHERE {OLD_SEARCHED};
    END""",
    f"""CREATE TRIGGER assistant_indexedsection_fts_update
    AFTER UPDATE OF title, text, kind, section_id ON assistant_indexedsection
    BEGIN
        INSERT INTO assistant_indexedsection_fts(assistant_indexedsection_fts, rowid, title, text)
        SELECT 'delete', old.id, old.title, old.text WHERE {OLD_SEARCHED};
        INSERT INTO assistant_indexedsection_fts(rowid, title, text)
        SELECT new.id, new.title, new.text WHERE {NEW_SEARCHED};
    END""",
]
# Back: the index terms rows go (the code before this migration writes none), then 0004's
# triggers, which would leave their words in the full-text table.
REMOVE_INDEX_TERMS = "DELETE FROM assistant_indexedsection WHERE kind = 'index-terms'"
SQLITE_BACKWARD = [REMOVE_INDEX_TERMS, *fact_rows_left_out.SQLITE_FORWARD]
POSTGRESQL_FORWARD = fact_rows_left_out.postgresql_vector(
    f"CASE WHEN {SEARCHED.format(row='')} THEN {fact_rows_left_out.VECTOR} END"
)
POSTGRESQL_BACKWARD = [REMOVE_INDEX_TERMS, *fact_rows_left_out.POSTGRESQL_FORWARD]


class Migration(migrations.Migration):
    dependencies = [("assistant", "0004_full_text_leaves_fact_rows_out")]

    operations = [
        migrations.RunPython(
            run_for_vendor({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            run_for_vendor({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        ),
    ]
