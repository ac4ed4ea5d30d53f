"""Roles defined in code. The Secretariat group holds exactly the permissions the apps declare
(`secretariat_permissions` on each AppConfig: model name → actions), put back after every migrate;
nothing else grants or revokes them."""

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

SECRETARIAT = "Secretariat"


def declared():
    """(app label, codename) of every permission the Secretariat holds."""
    for config in global_apps.get_app_configs():
        for model, actions in getattr(config, "secretariat_permissions", {}).items():
            for action in actions:
                yield config.label, f"{action}_{model}"


def sync():
    condition = Q(pk__in=[])
    for label, codename in declared():
        condition |= Q(content_type__app_label=label, codename=codename)
    group, _created = Group.objects.get_or_create(name=SECRETARIAT)
    group.permissions.set(Permission.objects.filter(condition))
    return group


def sync_after_migrate(sender, **kwargs):
    # post_migrate is sent once per app, after that app's permissions exist: act on the last one.
    with_models = [config for config in global_apps.get_app_configs() if config.models_module is not None]
    if with_models and sender is with_models[-1]:
        sync()

