"""Making a table hold exactly the rows an import file gives, writing only what changed.

A second run of the same file reads the table and writes nothing; a file that drops a row
deletes it. Run it inside the import's transaction, so a bad file changes nothing.
"""

from dataclasses import dataclass

from django.db import connections
from django.db.models import Model, QuerySet

from .progress import Progress

BATCH_SIZE = 2000
# Values of these field types go to the database driver as they are; others (dates, JSON,
# decimals...) are prepared by their field first.
PLAIN_FIELD_TYPES = {
    "AutoField", "BigAutoField", "BigIntegerField", "BooleanField", "CharField",
    "ForeignKey", "IntegerField", "OneToOneField", "PositiveIntegerField",
    "PositiveSmallIntegerField", "SmallIntegerField", "TextField",
}  # fmt: skip


@dataclass
class SyncCounts:
    added: int = 0
    updated: int = 0
    deleted: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.deleted)

    def __str__(self) -> str:
        return f"{self.added:,} added, {self.updated:,} updated, {self.deleted:,} deleted"


def sync_rows(
    queryset: QuerySet,
    key_fields: list[str],
    wanted: dict[tuple, dict],
    progress: Progress | None = None,
) -> SyncCounts:
    """Make `queryset`'s rows exactly `wanted`: key (the values of `key_fields`) -> the other
    field values. Missing rows are created, differing ones updated, the rest deleted.

    Fields are named by attribute: "category_id" for a foreign key. Every row of `wanted`
    must name the same fields.
    """
    model: type[Model] = queryset.model
    value_fields = list(next(iter(wanted.values()), {}))
    width = len(key_fields)
    existing = {
        tuple(row[1 : width + 1]): (row[0], row[width + 1 :])
        for row in queryset.values_list("pk", *key_fields, *value_fields).iterator(
            chunk_size=BATCH_SIZE
        )
    }
    counts = SyncCounts()
    new_rows, changed_rows = [], []
    for key, values in wanted.items():
        found = existing.pop(key, None)
        if found is None:
            new_rows.append(dict(zip(key_fields, key, strict=True)) | values)
        elif list(found[1]) != [values[name] for name in value_fields]:
            changed_rows.append(model(pk=found[0], **values))
        if progress is not None:
            progress.advance()
    insert_rows(queryset, new_rows)
    if changed_rows:
        model.objects.bulk_update(changed_rows, value_fields, batch_size=BATCH_SIZE)
    stale = [pk for pk, _ in existing.values()]
    for start in range(0, len(stale), BATCH_SIZE):
        model.objects.filter(pk__in=stale[start : start + BATCH_SIZE]).delete()
    counts.added, counts.updated, counts.deleted = len(new_rows), len(changed_rows), len(stale)
    return counts


def insert_rows(queryset: QuerySet, rows: list[dict]) -> None:
    """Insert rows given as {field attribute name: value}, without building model instances:
    PostgreSQL takes them with COPY, SQLite with statements of as many rows as its parameters
    allow. Both are several times faster than bulk_create for the tens of thousands of rows
    of a first import."""
    if not rows:
        return
    model, connection = queryset.model, connections[queryset.db]
    given = set(rows[0])
    fields = [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key or field.attname in given
    ]
    defaults = {field.attname: field.get_default() for field in fields}
    prepared = [field.get_internal_type() not in PLAIN_FIELD_TYPES for field in fields]
    values = (
        [
            field.get_db_prep_save(value, connection) if prepare else value
            for field, prepare, value in zip(
                fields,
                prepared,
                (row.get(field.attname, defaults[field.attname]) for field in fields),
                strict=True,
            )
        ]
        for row in rows
    )
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
            return
        # Many rows a statement: SQLite's cost is per statement as much as per row, several
        # times more so on a table whose triggers keep a full-text index. Run on the driver's
        # cursor: under DEBUG (make run's task worker) Django's would quote every value of
        # every statement for its query log.
        per_statement = max(1, connection.features.max_query_params // len(fields))
        insert_into = f"INSERT INTO {table} ({columns}) VALUES"
        one_row = f"({', '.join(['%s'] * len(fields))})"
        batch: list[list] = []
        for row in values:
            batch.append(row)
            if len(batch) == per_statement:
                insert_batch(cursor.cursor, insert_into, one_row, batch)
                batch = []
        if batch:
            insert_batch(cursor.cursor, insert_into, one_row, batch)


def insert_batch(cursor, insert_into: str, one_row: str, batch: list[list]) -> None:
    """One INSERT statement of every row of `batch` (SQLite)."""
    cursor.execute(
        f"{insert_into} {', '.join([one_row] * len(batch))}",
        [value for row in batch for value in row],
    )
