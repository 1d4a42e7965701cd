"""Create the Editors group: editors keep codes, sections and relations current."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    "view_codesystem",
    "change_codesystem",
    "view_code",
    "add_code",
    "change_code",
    "delete_code",
    "view_section",
    "add_section",
    "change_section",
    "delete_section",
    "view_coderelation",
    "add_coderelation",
    "change_coderelation",
    "delete_coderelation",
]


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after all migrations; a fresh database needs them now.
    lookup_config = apps.get_app_config("lookup")
    lookup_config.models_module = True
    create_permissions(lookup_config, apps=apps, verbosity=0)
    lookup_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(
        Permission.objects.filter(
            content_type__app_label="lookup", codename__in=EDITOR_PERMISSIONS
        )
    )


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("lookup", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
