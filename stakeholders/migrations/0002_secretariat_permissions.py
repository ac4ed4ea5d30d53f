"""What the Secretariat group may do with stakeholders: review accreditations, record objections,
confirm delegates, select speakers. It never creates organisations or accreditations itself."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = {
    "organization": ("change", "view"),
    "membership": ("view",),
    "invitation": ("view",),
    "joinrequest": ("view",),
    "accreditation": ("change", "view"),
    "objection": ("add", "view"),
    "delegate": ("change", "view"),
    "speakingrequest": ("change", "view"),
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    grant_permissions(apps)


def grant_permissions(apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Secretariat")
    codenames = [f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions]
    group.permissions.add(*Permission.objects.filter(content_type__app_label="stakeholders", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0001_initial"), ("forums", "0003_secretariat_group")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
