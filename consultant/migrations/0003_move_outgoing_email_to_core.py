"""Move CaseConsultant's outbox down to core (core.OutgoingEmail, sending every email of the
site): every row is copied with its id, status, attempts, times and error; its thread, which
core cannot know, becomes a consultant.ThreadEmail; queued send tasks are renamed to the
task's new path. Reversible: CaseConsultant's rows go back the same way."""

import django.db.models.deletion
from django.conf import settings
from django.core.management.color import no_style
from django.db import migrations, models

OLD_TASK = "consultant.outbox.send_email"
NEW_TASK = "core.outbox.send_email"
# The columns both tables share, in one order.
SHARED_COLUMNS = [
    "id", "to", "reply_to", "subject", "text", "html", "message_id", "in_reply_to", "status",
    "attempts", "last_error", "created_at", "sent_at", "next_attempt_at",
]


def consultant_from_address() -> str:
    """The From of every email CaseConsultant's outbox sent (consultant/outbox.py then)."""
    return f"{settings.SITE_NAME} CaseConsultant <{settings.CONSULTANT_ADDRESS}>"


def columns(schema_editor, names: list[str], table: str = "") -> str:
    prefix = f"{schema_editor.quote_name(table)}." if table else ""
    return ", ".join(prefix + schema_editor.quote_name(name) for name in names)


def reset_id_sequences(schema_editor, models_: list) -> None:
    """After inserting ids by hand, PostgreSQL's next id must follow the largest one."""
    for statement in schema_editor.connection.ops.sequence_reset_sql(no_style(), models_):
        schema_editor.execute(statement)


def rename_tasks(apps, old: str, new: str) -> None:
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    DBTaskResult.objects.filter(task_path=old).update(task_path=new)


def move_to_core(apps, schema_editor):
    old = apps.get_model("consultant", "OutgoingEmail")._meta.db_table
    new_model = apps.get_model("core", "OutgoingEmail")
    new = new_model._meta.db_table
    link = apps.get_model("consultant", "ThreadEmail")._meta.db_table
    quote = schema_editor.quote_name
    schema_editor.execute(
        f"INSERT INTO {quote(new)} ({columns(schema_editor, SHARED_COLUMNS)}, "
        f"{quote('from_email')}, {quote('headers')}) "
        f"SELECT {columns(schema_editor, SHARED_COLUMNS)}, %s, '{{}}' FROM {quote(old)}",
        [consultant_from_address()],
    )
    schema_editor.execute(
        f"INSERT INTO {quote(link)} ({quote('email_id')}, {quote('thread_id')}) "
        f"SELECT {quote('id')}, {quote('thread_id')} FROM {quote(old)} "
        f"WHERE {quote('thread_id')} IS NOT NULL"
    )
    reset_id_sequences(schema_editor, [new_model])
    rename_tasks(apps, OLD_TASK, NEW_TASK)


def move_back_to_consultant(apps, schema_editor):
    old_model = apps.get_model("consultant", "OutgoingEmail")
    old = old_model._meta.db_table
    new = apps.get_model("core", "OutgoingEmail")._meta.db_table
    link = apps.get_model("consultant", "ThreadEmail")._meta.db_table
    quote = schema_editor.quote_name
    ours = f"{quote(new)}.{quote('from_email')} = %s"
    schema_editor.execute(
        f"INSERT INTO {quote(old)} ({columns(schema_editor, SHARED_COLUMNS)}, "
        f"{quote('thread_id')}) "
        f"SELECT {columns(schema_editor, SHARED_COLUMNS, new)}, {quote(link)}.{quote('thread_id')} "
        f"FROM {quote(new)} LEFT JOIN {quote(link)} "
        f"ON {quote(link)}.{quote('email_id')} = {quote(new)}.{quote('id')} WHERE {ours}",
        [consultant_from_address()],
    )
    schema_editor.execute(f"DELETE FROM {quote(link)}")
    schema_editor.execute(f"DELETE FROM {quote(new)} WHERE {ours}", [consultant_from_address()])
    reset_id_sequences(schema_editor, [old_model])
    rename_tasks(apps, NEW_TASK, OLD_TASK)


class Migration(migrations.Migration):

    dependencies = [
        ('consultant', '0002_consultants_group'),
        ('core', '0001_outgoing_email'),
        ('django_tasks_database', '0021_conditional_partial_index_ordering'),
    ]

    operations = [
        migrations.CreateModel(
            name='ThreadEmail',
            fields=[
                ('email', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='thread_link', serialize=False, to='core.outgoingemail')),
                ('thread', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='emails', to='consultant.thread')),
            ],
        ),
        migrations.RunPython(move_to_core, move_back_to_consultant),
        migrations.DeleteModel(
            name='OutgoingEmail',
        ),
    ]
