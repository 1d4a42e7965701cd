"""Recompute each account's mailbox with its domain as DNS spells it (UTS #46): an account
made with a look-alike domain (gmail.com in fullwidth letters) had a mailbox of its own."""

from django.db import migrations, models

from accounts.mailboxes import canonical_mailbox


def recompute_mailboxes(apps, schema_editor):
    """An account whose mailbox is unchanged keeps it; of the others, the oldest takes its
    recomputed mailbox unless an account already holds it. Accounts left without one keep
    working, as those that shared a mailbox before the rule do (0003)."""
    User = apps.get_model("accounts", "User")
    users = list(User.objects.exclude(mailbox=None).order_by("date_joined", "pk"))
    recomputed = {user.pk: canonical_mailbox(user.email) for user in users}
    changed = [user for user in users if recomputed[user.pk] != user.mailbox]
    taken = {user.mailbox for user in users if recomputed[user.pk] == user.mailbox}
    for user in changed:
        mailbox = recomputed[user.pk]
        user.mailbox = None if mailbox in taken else mailbox
        taken.add(mailbox)
    # Released first, so that no update meets a mailbox another changed row still holds.
    User.objects.filter(pk__in=[user.pk for user in changed]).update(mailbox=None)
    User.objects.bulk_update(changed, ["mailbox"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0006_user_medicare_locality"),
    ]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="mailbox",
            field=models.CharField(
                editable=False,
                help_text="The mailbox the address reaches: lower case, no +tag, no Gmail dots, "
                "the domain as DNS spells it (xn--).",
                max_length=254,
                null=True,
                unique=True,
            ),
        ),
        migrations.RunPython(recompute_mailboxes, migrations.RunPython.noop),
    ]
