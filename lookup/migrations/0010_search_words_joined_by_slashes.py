"""PostgreSQL reads words joined by a slash as one ("glucose/reagent", "bath/shower": its
parser takes them for a file path), so "shower chair" did not match E0240 "Bath/shower chair"
there, though it did on SQLite, whose tokenizer splits them. The stored search document now
reads a slash as a space, as SQLite and the spelling word list do. SQLite: nothing changes."""

from django.db import migrations


def document(read: str) -> str:
    """The code's weighted search document, each column read through `read`."""
    columns = ["short_descriptor", "long_descriptor", "search_terms"]
    weighted = " || ".join(
        f"setweight(to_tsvector('english', {read.format(column)}), '{weight}')"
        for column, weight in zip(columns, "ABC", strict=True)
    )
    return (
        "ALTER TABLE lookup_code ADD COLUMN search_document tsvector"
        f" GENERATED ALWAYS AS ({weighted}) STORED"
    )


# Dropping the column drops its GIN index and its statistics; the new column is computed for
# every code, and counted for the planner.
INDEX = "CREATE INDEX lookup_code_search_document ON lookup_code USING gin (search_document)"
ANALYZE = "ANALYZE lookup_code"
DROP = "ALTER TABLE lookup_code DROP COLUMN search_document"
POSTGRES_FORWARD = [DROP, document("translate({}, '/', ' ')"), INDEX, ANALYZE]
POSTGRES_BACKWARD = [DROP, document("{}"), INDEX, ANALYZE]


def run_for_vendor(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("lookup", "0009_abbreviation_sources")]

    operations = [
        migrations.RunPython(run_for_vendor(POSTGRES_FORWARD), run_for_vendor(POSTGRES_BACKWARD))
    ]
