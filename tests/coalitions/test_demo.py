"""seed_demo's coalition: three members, a note in the workspace, a joint pledge its members are
invited to confirm."""

import io

import pytest
from django.core.management import call_command

from coalitions.demo import TITLE
from coalitions.models import Coalition

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_coalition_with_three_members_a_note_and_a_joint_pledge():
    call_command("seed_demo", "--no-summaries", "--no-admin", stdout=io.StringIO())
    coalition = Coalition.objects.get(title=TITLE)
    assert (coalition.state, coalition.members.confirmed().count(), coalition.notes.count()) == ("published", 3, 1)
    assert coalition.draft_version == 1
    pledge = coalition.joint_pledges.get()
    assert (pledge.state, pledge.partners.count(), pledge.organization_id) == (
        "draft",
        2,
        coalition.organization_id,
    )
