"""The models that moved to their own apps kept their tables and their audit trail: a database
migrated from the old floor plan, with log entries and permissions on the old content types,
comes out with every entry and permission pointing at the same objects under the new apps."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("forums", "0007_holidays_and_summary_permissions"),
    ("stakeholders", "0003_website_assumes_https"),
    ("pledges", "0007_search_tables"),
    ("core", None),
    ("reference", None),
    ("side_events", None),
    ("summaries", None),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([target for target in targets if target[1]]).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_log_entries_and_permissions_follow_the_models_to_their_apps():
    old = migrate(BEFORE)
    ContentType = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    Group = old.get_model("auth", "Group")
    Forum = old.get_model("forums", "Forum")
    Country = old.get_model("forums", "Country")
    Organization = old.get_model("stakeholders", "Organization")
    SideEvent = old.get_model("forums", "SideEvent")
    ActivityLog = old.get_model("forums", "ActivityLog")
    forum = Forum.objects.create(
        year=2034, title="IMRF 2034", hearing_date="2034-05-01", start_date="2034-05-02", end_date="2034-05-05",
        status="announced",
    )  # fmt: skip
    organization = Organization.objects.create(
        name="Old Floor Network", slug="old-floor", category="ngo", country=Country.objects.get(iso3="KEN")
    )
    side_event = SideEvent.objects.create(
        forum=forum, organization=organization, title="Before the move", slug="before-the-move",
        description="d", format="virtual", preferred_day="2034-05-02", preferred_time="evening",
        expected_audience=10, outcomes="o", state="accepted",
    )  # fmt: skip
    side_event_type, _ = ContentType.objects.get_or_create(app_label="forums", model="sideevent")
    permission, _ = Permission.objects.get_or_create(
        content_type=side_event_type, codename="view_sideevent", defaults={"name": "Can view side event"}
    )
    Group.objects.get_or_create(name="Secretariat")[0].permissions.add(permission)
    entry = ActivityLog.objects.create(
        content_type=side_event_type, object_id=side_event.pk, action="side_event.state", new_state="accepted"
    )

    migrate(latest())

    from core.models import ActivityLog as MovedLog
    from side_events.models import SideEvent as MovedSideEvent

    moved = MovedLog.objects.get(pk=entry.pk)
    assert (moved.content_type.app_label, moved.content_type.model) == ("side_events", "sideevent")
    assert moved.content_object == MovedSideEvent.objects.get(pk=side_event.pk)
    # A decision taken before the move and never sent is now held apart until it is sent.
    assert (moved.content_object.state, moved.content_object.pending_state) == ("submitted", "accepted")
    from django.contrib.auth.models import Group as CurrentGroup

    codes = set(
        CurrentGroup.objects.get(name="Secretariat").permissions.values_list("content_type__app_label", "codename")
    )
    assert ("side_events", "view_sideevent") in codes
    assert not any(label == "forums" and codename.endswith("sideevent") for label, codename in codes)
