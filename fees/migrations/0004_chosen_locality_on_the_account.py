"""Each account's chosen locality moves onto the account (User.medicare_locality), so that
accounts/ needs no fee table; the choices are copied both ways."""

from django.db import migrations


def copy_choices_to_accounts(apps, schema_editor):
    ChosenLocality = apps.get_model("fees", "ChosenLocality")
    User = apps.get_model("accounts", "User")
    for choice in ChosenLocality.objects.select_related("locality"):
        key = f"{choice.locality.state}-{choice.locality.number}"
        User.objects.filter(pk=choice.user_id).update(medicare_locality=key)


def copy_choices_back(apps, schema_editor):
    ChosenLocality = apps.get_model("fees", "ChosenLocality")
    Locality = apps.get_model("fees", "Locality")
    User = apps.get_model("accounts", "User")
    for user in User.objects.exclude(medicare_locality=""):
        state, _, number = user.medicare_locality.partition("-")
        locality = Locality.objects.filter(state=state, number=number).first()
        if locality is not None:
            ChosenLocality.objects.create(user_id=user.pk, locality=locality)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_user_medicare_locality"),
        ("fees", "0003_chosen_localities_plural"),
    ]

    operations = [
        migrations.RunPython(copy_choices_to_accounts, copy_choices_back),
        migrations.DeleteModel(name="ChosenLocality"),
    ]
