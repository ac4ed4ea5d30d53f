"""Operations for the migrations that moved models between apps: the tables stay where they were
(each model keeps its db_table), and the content types follow the models, so that every
ActivityLog row and every permission still points at its object."""

from django.db import migrations
from django.db.models import F


def move_content_types(old_app, new_app, models):
    """A RunPython that gives these models' content types the new app label. Where the new label
    already has a content type (created by a migrate that ran before this one), the old one's
    permissions and log entries move to it and the old one goes."""

    def forwards(apps, schema_editor):
        _move(apps, old_app, new_app, models)

    def backwards(apps, schema_editor):
        _move(apps, new_app, old_app, models)

    return migrations.RunPython(forwards, backwards, elidable=False)


def _move(apps, source, target, models):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    ActivityLog = apps.get_model("core", "ActivityLog")
    for model in models:
        old = ContentType.objects.filter(app_label=source, model=model).first()
        if old is None:
            continue
        new = ContentType.objects.filter(app_label=target, model=model).first()
        if new is None:
            old.app_label = target
            old.save(update_fields=["app_label"])
            continue
        ActivityLog.objects.filter(content_type=old).update(content_type=new)
        for permission in Permission.objects.filter(content_type=old):
            if Permission.objects.filter(content_type=new, codename=permission.codename).exists():
                permission.delete()
            else:
                permission.content_type = new
                permission.save(update_fields=["content_type"])
        old.delete()


def copy_into_default_language(app_label, fields_by_model, language="en"):
    """A RunPython that fills the default language's column of each translated field with what
    the field held before it was translated (django-modeltranslation adds the columns empty)."""

    def forwards(apps, schema_editor):
        for model_name, fields in fields_by_model.items():
            model = apps.get_model(app_label, model_name)
            model._base_manager.update(**{f"{name}_{language}": F(name) for name in fields})

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)
