"""A decision not yet sent moves from `state` to `pending_state`: `state` goes back to what the
organisers were last told (the last decision sent, else "submitted")."""

from django.db import migrations, models

DECISIONS = ("accepted", "waitlisted", "rejected")


def hold_unsent_decisions(apps, schema_editor):
    SideEvent = apps.get_model("side_events", "SideEvent")
    ActivityLog = apps.get_model("core", "ActivityLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="side_events", model="sideevent").first()
    for side_event in SideEvent.objects.filter(state__in=DECISIONS, notified_at__isnull=True):
        told, reason = None, ""
        if content_type is not None:
            entries = ActivityLog.objects.filter(content_type=content_type, object_id=side_event.pk)
            told = (
                entries.filter(action="side_event.notified")
                .order_by("-timestamp", "-pk")
                .values_list("new_state", flat=True)
                .first()
            )
            if told:
                reason = (
                    entries.filter(action="side_event.state", new_state=told)
                    .order_by("-timestamp", "-pk")
                    .values_list("note", flat=True)
                    .first()
                ) or ""
        side_event.pending_state, side_event.pending_reason = side_event.state, side_event.decision_reason
        side_event.state, side_event.decision_reason = told or "submitted", reason
        side_event.save(update_fields=["pending_state", "pending_reason", "state", "decision_reason"])


def release_held_decisions(apps, schema_editor):
    SideEvent = apps.get_model("side_events", "SideEvent")
    for side_event in SideEvent.objects.exclude(pending_state=""):
        side_event.state, side_event.decision_reason = side_event.pending_state, side_event.pending_reason
        side_event.notified_at = None
        side_event.save(update_fields=["state", "decision_reason", "notified_at"])


class Migration(migrations.Migration):
    dependencies = [("side_events", "0001_initial"), ("core", "0002_outboxmessage")]

    operations = [
        migrations.AddField(
            model_name="sideevent",
            name="pending_state",
            field=models.CharField(
                blank=True,
                choices=[("accepted", "Accepted"), ("waitlisted", "Waitlisted"), ("rejected", "Rejected")],
                max_length=20,
                verbose_name="decision not yet sent",
            ),
        ),
        migrations.AddField(
            model_name="sideevent",
            name="pending_reason",
            field=models.TextField(blank=True, verbose_name="reason to send with the decision"),
        ),
        migrations.RunPython(hold_unsent_decisions, release_held_decisions),
    ]
