"""The Secretariat group, created by a migration, holds exactly the permissions it needs."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db

FORUMS = {
    "add_forum",
    "change_forum",
    "view_forum",
    "add_session",
    "change_session",
    "delete_session",
    "view_session",
    "add_roundtable",
    "change_roundtable",
    "delete_roundtable",
    "view_roundtable",
    "add_statement",
    "change_statement",
    "delete_statement",
    "view_statement",
    "add_topic",
    "change_topic",
    "delete_topic",
    "view_topic",
    "add_room",
    "change_room",
    "delete_room",
    "view_room",
    "view_objective",
    "view_guidingprinciple",
    "view_country",
    "view_memberstate",
    "view_activitylog",
    "change_sideevent",
    "view_sideevent",
    "view_sideeventspeaker",
    "add_sideeventreview",
    "change_sideeventreview",
    "view_sideeventreview",
    "add_holiday",
    "change_holiday",
    "delete_holiday",
    "view_holiday",
    "change_summary",
    "view_summary",
    "view_summarymailing",
}


def test_secretariat_permissions_on_the_programme_are_exactly_these():
    group = Group.objects.get(name="Secretariat")
    # Each app's migrations grant its own permissions; each app's tests check its own.
    granted = set(
        group.permissions.filter(content_type__app_label="forums").values_list("codename", flat=True)
    )
    assert granted == FORUMS
