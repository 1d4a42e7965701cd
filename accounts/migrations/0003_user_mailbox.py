"""Store each account's canonical mailbox; the next migration makes it unique."""

from django.db import migrations, models

from accounts.mailboxes import canonical_mailbox


def fill_mailboxes(apps, schema_editor):
    """The oldest account of each mailbox gets it; later ones that shared it (signed up
    before this was enforced) keep working, with no mailbox."""
    User = apps.get_model("accounts", "User")
    taken = set()
    users = list(User.objects.order_by("date_joined", "pk"))
    for user in users:
        mailbox = canonical_mailbox(user.email)
        user.mailbox = None if mailbox in taken else mailbox
        taken.add(mailbox)
    User.objects.bulk_update(users, ["mailbox"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_metering"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="mailbox",
            field=models.CharField(
                editable=False,
                help_text="The mailbox the address reaches: lower case, no +tag, no Gmail dots.",
                max_length=254,
                null=True,
            ),
        ),
        migrations.RunPython(fill_mailboxes, migrations.RunPython.noop),
    ]
