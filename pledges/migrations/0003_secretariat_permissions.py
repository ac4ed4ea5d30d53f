"""Add the pledge review permissions to the Secretariat group (created by forums 0003)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT = "Secretariat"

PERMISSIONS = {
    "pledge": ("change", "view", "review"),
    "pledgepartner": ("view",),
    "indicator": ("view",),
    "progressreport": ("view",),
    "indicatorvalue": ("view",),
    "statefocalpoint": ("add", "change", "delete", "view"),
}


def codenames():
    return [
        "review_pledge" if action == "review" else f"{action}_{model}"
        for model, actions in PERMISSIONS.items()
        for action in actions
    ]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    grant_permissions(apps)


def grant_permissions(apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=SECRETARIAT)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="pledges", codename__in=codenames()))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=SECRETARIAT):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="pledges"))


class Migration(migrations.Migration):
    dependencies = [
        ("pledges", "0002_search_index"),
        ("forums", "0003_secretariat_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
