"""The managed list of payers (payers/managed.py), added once; and the editors' permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from payers.managed import add_managed_payers


def add_payers(apps, schema_editor):
    add_managed_payers(apps.get_model("payers", "Payer"))


# Versions are never edited: a change is a new version (payers/admin.py).
EDITOR_PERMISSIONS = [
    f"{action}_{model}"
    for model in ["payer", "payerpolicy"]
    for action in ["view", "add", "change", "delete"]
] + ["view_policyversion", "add_policyversion"]


def let_editors_keep_policies(apps, schema_editor):
    # Permissions are normally created after all migrations; a fresh database needs them now.
    payers_config = apps.get_app_config("payers")
    payers_config.models_module = True
    create_permissions(payers_config, apps=apps, verbosity=0)
    payers_config.models_module = None
    editors = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(
            *apps.get_model("auth", "Permission").objects.filter(
                content_type__app_label="payers", codename__in=EDITOR_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [("payers", "0001_initial"), ("lookup", "0002_editors_group")]

    operations = [
        migrations.RunPython(add_payers, migrations.RunPython.noop),
        migrations.RunPython(let_editors_keep_policies, migrations.RunPython.noop),
    ]
