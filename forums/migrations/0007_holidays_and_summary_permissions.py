"""UN Headquarters' official holidays 2022-2031 (staff correct them in the admin from each
year's information circular), and what the Secretariat may do with summaries."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = {
    "holiday": ("add", "change", "delete", "view"),
    "summary": ("change", "view"),
    "summarymailing": ("view",),
}


def seed(apps, schema_editor):
    seed_holidays(apps)
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    grant_permissions(apps)


def seed_holidays(apps):
    # The holidays' rules moved to the summaries app with the model; this loads them as before.
    from summaries.working_days import seed_holidays as seed_into

    seed_into(apps.get_model("forums", "Holiday"))


def grant_permissions(apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Secretariat")
    codenames = [f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="forums", codename__in=codenames)
    )


def unseed(apps, schema_editor):
    apps.get_model("forums", "Holiday").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("forums", "0006_summaries")]

    operations = [migrations.RunPython(seed, unseed)]
