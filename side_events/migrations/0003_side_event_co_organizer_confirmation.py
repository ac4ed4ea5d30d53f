"""Co-organisers confirm, as a pledge's partners do: the plain many-to-many becomes a row with
its own state. No organisation named so far ever agreed, so each becomes an invitation awaiting
its focal points' answer (shown to them under /my/side-events/, not to the public), invited by
whoever created the application, when it was created; each carried-over row gets its audit entry."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

CARRIED_OVER = "Named before co-organisers confirmed: awaiting the organisation's answer."


def named_become_invited(apps, schema_editor):
    SideEvent = apps.get_model("side_events", "SideEvent")
    CoOrganizer = apps.get_model("side_events", "SideEventCoOrganizer")
    ActivityLog = apps.get_model("core", "ActivityLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    through = SideEvent._meta.get_field("co_organizers").remote_field.through
    links = through.objects.select_related("sideevent").order_by("pk")
    rows = [
        CoOrganizer(
            side_event_id=link.sideevent_id,
            organization_id=link.organization_id,
            state="invited",
            invited_by_id=link.sideevent.created_by_id,
            invited_at=link.sideevent.created_at,
        )
        for link in links
    ]
    if not rows:
        return
    CoOrganizer.objects.bulk_create(rows)
    content_type, _created = ContentType.objects.get_or_create(
        app_label="side_events", model="sideeventcoorganizer"
    )
    ActivityLog.objects.bulk_create(
        ActivityLog(
            content_type=content_type,
            object_id=row.pk,
            action="side_event.co_organizer_invited",
            new_state="invited",
            note=CARRIED_OVER,
        )
        for row in CoOrganizer.objects.all()
    )


def invited_become_named(apps, schema_editor):
    SideEvent = apps.get_model("side_events", "SideEvent")
    CoOrganizer = apps.get_model("side_events", "SideEventCoOrganizer")
    through = SideEvent._meta.get_field("co_organizers").remote_field.through
    through.objects.bulk_create(
        through(sideevent_id=row.side_event_id, organization_id=row.organization_id)
        for row in CoOrganizer.objects.exclude(state="declined")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("side_events", "0002_pending_decisions"),
        ("stakeholders", "0004_state_focal_points_and_reference_moved"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SideEventCoOrganizer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("invited", "Invited, not yet confirmed"),
                            ("confirmed", "Confirmed"),
                            ("declined", "Declined"),
                        ],
                        default="invited",
                        max_length=20,
                        verbose_name="state",
                    ),
                ),
                (
                    "invited_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="invited"),
                ),
                ("answered_at", models.DateTimeField(blank=True, null=True, verbose_name="answered")),
                (
                    "answered_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="answered by",
                    ),
                ),
                (
                    "invited_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="invited by",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="side_event_co_organizations",
                        to="stakeholders.organization",
                        verbose_name="organisation",
                    ),
                ),
                (
                    # "+" until the old many-to-many of the same name is gone (below).
                    "side_event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="side_events.sideevent",
                        verbose_name="side event",
                    ),
                ),
            ],
            options={
                "verbose_name": "co-organiser",
                "verbose_name_plural": "co-organisers",
                "ordering": ["invited_at", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("side_event", "organization"), name="side_event_co_organizer_once"
                    )
                ],
            },
        ),
        migrations.RunPython(named_become_invited, invited_become_named),
        migrations.RemoveField(model_name="sideevent", name="co_organizers"),
        migrations.AlterField(
            model_name="sideeventcoorganizer",
            name="side_event",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="co_organizers",
                to="side_events.sideevent",
                verbose_name="side event",
            ),
        ),
    ]
