"""One account per mailbox, enforced by the database (a separate migration from the
backfill, so PostgreSQL adds the index after the updates have committed)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_user_mailbox"),
    ]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="mailbox",
            field=models.CharField(
                editable=False,
                help_text="The mailbox the address reaches: lower case, no +tag, no Gmail dots.",
                max_length=254,
                null=True,
                unique=True,
            ),
        ),
    ]
