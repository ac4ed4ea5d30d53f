"""The audit trail: one row per change, written in the transaction of the change."""

from django.contrib.contenttypes.models import ContentType

from core.models import ActivityLog


def log_activity(obj, action, *, actor=None, old_state="", new_state="", note=""):
    return ActivityLog.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        old_state=old_state,
        new_state=new_state,
        note=note,
    )


def history(obj):
    """Every entry about `obj`, oldest first, with who made it."""
    return ActivityLog.objects.for_object(obj).select_related("actor")


def logged(obj, action):
    return ActivityLog.objects.for_object(obj).filter(action=action).exists()
