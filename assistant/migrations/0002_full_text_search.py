"""Full-text search over the section index, in each database's own engine.

SQLite: an FTS5 table over the index (external content), kept in step by triggers.
PostgreSQL: a generated tsvector column (title weighted above text) with a GIN index.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE assistant_indexedsection_fts USING fts5(
        title, text, content='assistant_indexedsection', content_rowid='id',
        tokenize='porter unicode61')""",
    """CREATE TRIGGER assistant_indexedsection_fts_insert AFTER INSERT ON assistant_indexedsection
    BEGIN
        INSERT INTO assistant_indexedsection_fts(rowid, title, text)
        VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TRIGGER assistant_indexedsection_fts_delete AFTER DELETE ON assistant_indexedsection
    BEGIN
        INSERT INTO assistant_indexedsection_fts(assistant_indexedsection_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    END""",
    """CREATE TRIGGER assistant_indexedsection_fts_update
    AFTER UPDATE OF title, text ON assistant_indexedsection
    BEGIN
        INSERT INTO assistant_indexedsection_fts(assistant_indexedsection_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO assistant_indexedsection_fts(rowid, title, text)
        VALUES (new.id, new.title, new.text);
    END""",
    "INSERT INTO assistant_indexedsection_fts(assistant_indexedsection_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS assistant_indexedsection_fts_update",
    "DROP TRIGGER IF EXISTS assistant_indexedsection_fts_delete",
    "DROP TRIGGER IF EXISTS assistant_indexedsection_fts_insert",
    "DROP TABLE IF EXISTS assistant_indexedsection_fts",
]
POSTGRESQL_FORWARD = [
    """ALTER TABLE assistant_indexedsection ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(text, '')), 'B')
    ) STORED""",
    """CREATE INDEX assistant_indexedsection_search_vector
    ON assistant_indexedsection USING GIN (search_vector)""",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS assistant_indexedsection_search_vector",
    "ALTER TABLE assistant_indexedsection DROP COLUMN IF EXISTS search_vector",
]


def run_for_vendor(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("assistant", "0001_section_index")]

    operations = [
        migrations.RunPython(
            run_for_vendor({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            run_for_vendor({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        ),
    ]
