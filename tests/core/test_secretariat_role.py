"""The Secretariat group holds exactly the permissions the apps declare (core.roles), whatever
the migrations granted before; a sync puts it back after any change."""

import pytest
from django.contrib.auth.models import Group, Permission

from core import roles

pytestmark = pytest.mark.django_db

EXPECTED = {
    "core": {"view_activitylog", "view_outboxmessage"},
    "reference": {"view_objective", "view_guidingprinciple", "view_country", "view_memberstate"},
    "forums": {
        "add_forum",
        "change_forum",
        "view_forum",
        *(f"{action}_{model}" for model in ("session", "roundtable", "statement", "topic", "room")
          for action in ("add", "change", "delete", "view")),  # fmt: skip
    },
    "stakeholders": {
        "change_organization",
        "view_organization",
        "view_membership",
        "view_invitation",
        "view_joinrequest",
        "change_accreditation",
        "view_accreditation",
        "add_objection",
        "view_objection",
        "change_delegate",
        "view_delegate",
        "change_speakingrequest",
        "view_speakingrequest",
        "change_speakerselection",
        "view_speakerselection",
        "change_nomination",
        "view_nomination",
        "add_statefocalpoint",
        "change_statefocalpoint",
        "delete_statefocalpoint",
        "view_statefocalpoint",
    },
    "verification": {"add_statuslistimport", "view_statuslistimport", "change_statuslistentry", "view_statuslistentry"},
    "side_events": {
        "change_sideevent",
        "view_sideevent",
        "view_sideeventspeaker",
        "add_sideeventreview",
        "change_sideeventreview",
        "view_sideeventreview",
    },
    "practices": {
        "change_practice",
        "view_practice",
        "review_practice",
        "add_practicecall",
        "change_practicecall",
        "view_practicecall",
        "view_practicesupport",
    },
    "reviews": {
        "view_regionalcommission",
        *(f"{action}_{model}" for model in ("regionalreview", "voluntaryreviewdocument", "nationalstatement",
          "consultation") for action in ("add", "change", "view")),  # fmt: skip
        "add_voluntaryreview",
        "change_voluntaryreview",
        "view_voluntaryreview",
        "review_voluntaryreview",
        *(f"{action}_nationalimplementationplan" for action in ("add", "change", "delete", "view")),
        "change_consultationinput",
        "view_consultationinput",
    },
    "declarations": {
        "add_declarationversion",
        "change_declarationversion",
        "view_declarationversion",
        *(f"{action}_paragraph" for action in ("add", "change", "delete", "view")),
        "change_keymessage",
        "view_keymessage",
        "view_endorsement",
        "view_messageoutcome",
    },
    "coalitions": {"change_coalition", "view_coalition", "view_coalitionmember"},
    "pledges": {
        "change_pledge",
        "view_pledge",
        "review_pledge",
        "view_pledgepartner",
        "view_indicator",
        "view_progressreport",
        "view_indicatorvalue",
    },
    "summaries": {
        "add_holiday",
        "change_holiday",
        "delete_holiday",
        "view_holiday",
        "change_summary",
        "view_summary",
        "view_summarymailing",
        "view_compilation",
    },
}


def granted():
    group = Group.objects.get(name=roles.SECRETARIAT)
    found = {}
    for label, codename in group.permissions.values_list("content_type__app_label", "codename"):
        found.setdefault(label, set()).add(codename)
    return found


def test_the_secretariat_holds_exactly_what_the_apps_declare():
    assert granted() == EXPECTED


def test_a_permission_granted_by_hand_is_taken_back_by_the_next_sync():
    group = Group.objects.get(name=roles.SECRETARIAT)
    group.permissions.add(Permission.objects.get(codename="delete_pledge"))
    group.permissions.remove(Permission.objects.get(codename="review_pledge"))
    roles.sync()
    assert granted() == EXPECTED
