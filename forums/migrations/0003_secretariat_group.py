"""The Secretariat group: staff who schedule the forum. Later apps add their own permissions
to it in their own migrations."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT = "Secretariat"

# codename -> what the secretariat may do with it. Reference data is read-only: its texts are official.
PERMISSIONS = {
    "forum": ("add", "change", "view"),
    "session": ("add", "change", "delete", "view"),
    "roundtable": ("add", "change", "delete", "view"),
    "statement": ("add", "change", "delete", "view"),
    "topic": ("add", "change", "delete", "view"),
    "room": ("add", "change", "delete", "view"),
    "objective": ("view",),
    "guidingprinciple": ("view",),
    "country": ("view",),
    "memberstate": ("view",),
    "activitylog": ("view",),
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create them now to grant them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    grant_permissions(apps)


def grant_permissions(apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=SECRETARIAT)
    codenames = [f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="forums", codename__in=codenames)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=SECRETARIAT).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0002_reference_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
