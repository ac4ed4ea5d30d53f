"""The demo's coalition (seed_demo calls these in this order): three members, a note in the
workspace, a shared draft, and a joint pledge its members are invited to confirm; seeded once."""

import pytest

from coalitions.demo import seed as seed_coalition
from forums.demo import seed as seed_forums
from pledges.demo import seed as seed_pledges
from pledges.demo import seed_joint_pledge
from stakeholders.demo import seed as seed_organizations

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_coalition_with_three_members_a_note_and_a_joint_pledge():
    seed_forums()
    seed_organizations()
    seed_pledges()
    coalition = seed_coalition()
    pledge = seed_joint_pledge(coalition)
    assert (coalition.state, coalition.members.confirmed().count(), coalition.notes.count()) == (
        "published",
        3,
        1,
    )
    assert coalition.draft_version == 1
    assert (pledge.state, pledge.partners.count(), pledge.organization_id, pledge.text) == (
        "draft",
        2,
        coalition.organization_id,
        coalition.draft_text,
    )
    assert (seed_coalition(), seed_joint_pledge(coalition)) == (coalition, pledge)
