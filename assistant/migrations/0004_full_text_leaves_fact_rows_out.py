"""The fact rows of the index (fees, MS-DRG, CMS-HCC, history, 7th characters:
rows of no Section other than the descriptor and description) are left out of full-text
search: CasePilot finds them by the code they belong to. Their sentences are templates every
code of a kind shares, whose words rank nothing, and full text is the costliest part of
writing a row, which the first build of the index does some 80,000 times for them.
"""

from importlib import import_module

from django.db import migrations

full_text_search = import_module("assistant.migrations.0002_full_text_search")
run_for_vendor = full_text_search.run_for_vendor

SEARCHED = "NOT ({row}section_id IS NULL AND {row}kind NOT IN ('descriptor', 'description'))"
OLD_SEARCHED, NEW_SEARCHED = SEARCHED.format(row="old."), SEARCHED.format(row="new.")
TRIGGERS = ["insert", "delete", "update"]
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
SQLITE_BACKWARD = [
    *[f"DROP TRIGGER IF EXISTS assistant_indexedsection_fts_{name}" for name in TRIGGERS],
    *full_text_search.SQLITE_FORWARD[1:],  # 0002's triggers, then every row indexed again
]
VECTOR = """setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(text, '')), 'B')"""


def postgresql_vector(expression: str) -> list[str]:
    return [
        "DROP INDEX IF EXISTS assistant_indexedsection_search_vector",
        "ALTER TABLE assistant_indexedsection DROP COLUMN IF EXISTS search_vector",
        f"""ALTER TABLE assistant_indexedsection ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS ({expression}) STORED""",
        """CREATE INDEX assistant_indexedsection_search_vector
        ON assistant_indexedsection USING GIN (search_vector)""",
    ]


POSTGRESQL_FORWARD = postgresql_vector(
    f"CASE WHEN {SEARCHED.format(row='')} THEN {VECTOR} END"
)
POSTGRESQL_BACKWARD = postgresql_vector(VECTOR)


class Migration(migrations.Migration):
    dependencies = [("assistant", "0003_drop_embeddings")]

    operations = [
        migrations.RunPython(
            run_for_vendor({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            run_for_vendor({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        ),
    ]
