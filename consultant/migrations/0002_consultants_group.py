"""Create the Consultants group: staff members in it work CaseConsultant's queue."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONSULTANT_PERMISSIONS = [
    "view_thread",
    "change_thread",
    "view_message",
    "view_outgoingemail",
    "change_outgoingemail",
    "view_inboundreceipt",
]


def create_consultants_group(apps, schema_editor):
    # Permissions are normally created after all migrations; a fresh database needs them now.
    consultant_config = apps.get_app_config("consultant")
    consultant_config.models_module = True
    create_permissions(consultant_config, apps=apps, verbosity=0)
    consultant_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    consultants, _ = Group.objects.get_or_create(name="Consultants")
    consultants.permissions.set(
        Permission.objects.filter(
            content_type__app_label="consultant", codename__in=CONSULTANT_PERMISSIONS
        )
    )


def remove_consultants_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Consultants").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consultant", "0001_threads_messages_and_outgoing_email"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_consultants_group, remove_consultants_group)]
