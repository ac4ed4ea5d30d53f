"""Every change of a coalition's state and of a membership goes through one transition
function, leaves its log row (who, from, to) and mails the side that waits."""

import pytest
from django.core.exceptions import PermissionDenied

from coalitions import services
from coalitions.enums import CoalitionState, JoinedBy, MembershipState
from coalitions.models import CoalitionMember
from core.models import ActivityLog, OutboxMessage
from core.transitions import InvalidTransition
from tests.coalitions.factories import convene
from tests.stakeholders.factories import OrganizationFactory, focal_point_of, state_focal_point

pytestmark = pytest.mark.django_db


def trail(obj, action):
    return [
        (entry.actor, entry.old_state, entry.new_state)
        for entry in ActivityLog.objects.for_object(obj).filter(action=action).order_by("pk")
    ]


def recipients(template):
    return sorted(OutboxMessage.objects.filter(template=template).values_list("recipient", flat=True))


def test_the_convenor_publishes_then_closes_the_coalition():
    convenor = OrganizationFactory()
    fp = focal_point_of(convenor, email="fp@convenor.org")
    coalition = convene(convenor, state=CoalitionState.DRAFT, by=fp)
    services.set_coalition_state(coalition, CoalitionState.PUBLISHED, by=fp)
    assert coalition.published_at is not None
    services.set_coalition_state(coalition, CoalitionState.CLOSED, by=fp)
    assert trail(coalition, "coalition.state") == [
        (fp, "", "draft"),
        (fp, "draft", "published"),
        (fp, "published", "closed"),
    ]
    # The convenor is its first member, confirmed from the start.
    member = coalition.members.get()
    assert (member.joined_by, member.state, trail(member, "coalition.member")) == (
        JoinedBy.CONVENOR,
        MembershipState.CONFIRMED,
        [(fp, "", "confirmed")],
    )
    assert recipients("coalitions/email/coalition_update") == ["fp@convenor.org", "fp@convenor.org"]


def test_a_closed_coalition_goes_nowhere_and_only_the_convenor_publishes():
    convenor, other = OrganizationFactory(), OrganizationFactory()
    coalition = convene(convenor, state=CoalitionState.DRAFT)
    with pytest.raises(PermissionDenied):
        services.set_coalition_state(coalition, CoalitionState.PUBLISHED, by=focal_point_of(other))
    services.set_coalition_state(coalition, CoalitionState.CLOSED, by=None)
    with pytest.raises(InvalidTransition):
        services.set_coalition_state(coalition, CoalitionState.PUBLISHED, by=None)


def test_a_request_is_confirmed_by_the_convenor_and_the_member_leaves():
    convenor, asking = OrganizationFactory(), OrganizationFactory()
    convenor_fp, asking_fp = (
        focal_point_of(convenor, email="c@c.org"),
        focal_point_of(asking, email="a@a.org"),
    )
    coalition = convene(convenor)
    member = services.ask_to_join(coalition, asking, by=asking_fp, message="We work on this.")
    assert recipients("coalitions/email/member_update") == ["c@c.org"]
    services.set_member_state(member, MembershipState.CONFIRMED, by=convenor_fp)
    assert member.answered_by == convenor_fp
    services.set_member_state(member, MembershipState.LEFT, by=asking_fp)
    assert trail(member, "coalition.member") == [
        (asking_fp, "", "requested"),
        (convenor_fp, "requested", "confirmed"),
        (asking_fp, "confirmed", "left"),
    ]
    assert recipients("coalitions/email/member_update") == ["a@a.org", "c@c.org", "c@c.org"]


def test_a_request_declined_and_asked_again_keeps_one_row_and_its_history():
    convenor, asking = OrganizationFactory(), OrganizationFactory()
    convenor_fp, asking_fp = focal_point_of(convenor), focal_point_of(asking)
    coalition = convene(convenor)
    member = services.ask_to_join(coalition, asking, by=asking_fp)
    services.set_member_state(member, MembershipState.DECLINED, by=convenor_fp)
    again = services.ask_to_join(coalition, asking, by=asking_fp)
    services.set_member_state(again, MembershipState.LEFT, by=asking_fp)
    assert again.pk == member.pk
    assert trail(member, "coalition.member") == [
        (asking_fp, "", "requested"),
        (convenor_fp, "requested", "declined"),
        (asking_fp, "declined", "requested"),
        (asking_fp, "requested", "left"),
    ]


def test_an_invitation_is_answered_by_the_invited_organisation_and_renewed_after_a_decline():
    convenor, invited = OrganizationFactory(), OrganizationFactory()
    convenor_fp, invited_fp = (
        focal_point_of(convenor, email="c@c.org"),
        focal_point_of(invited, email="i@i.org"),
    )
    coalition = convene(convenor)
    member = services.invite_member(coalition, invited, by=convenor_fp)
    assert recipients("coalitions/email/member_update") == ["i@i.org"]
    services.set_member_state(member, MembershipState.DECLINED, by=invited_fp)
    again = services.invite_member(coalition, invited, by=convenor_fp)
    services.set_member_state(again, MembershipState.CONFIRMED, by=invited_fp)
    assert again.pk == member.pk
    assert trail(member, "coalition.member") == [
        (convenor_fp, "", "invited"),
        (invited_fp, "invited", "declined"),
        (convenor_fp, "declined", "invited"),
        (invited_fp, "invited", "confirmed"),
    ]
    assert recipients("coalitions/email/member_update") == ["c@c.org", "c@c.org", "i@i.org", "i@i.org"]


def test_a_member_state_convenes_through_its_focal_point_and_answers_a_request():
    state_fp = state_focal_point("MEX", email="fp@mex.gov")
    asking = OrganizationFactory()
    coalition = convene(state_fp.state_focal_point.member_state, by=state_fp)
    assert coalition.convenor.iso3 == "MEX"
    member = services.ask_to_join(coalition, asking, by=focal_point_of(asking))
    assert recipients("coalitions/email/member_update") == ["fp@mex.gov"]
    services.set_member_state(member, MembershipState.CONFIRMED, by=state_fp)
    assert trail(member, "coalition.member")[-1] == (state_fp, "requested", "confirmed")


def test_the_convenor_cannot_leave_and_a_member_is_not_invited_twice():
    convenor, invited = OrganizationFactory(), OrganizationFactory()
    convenor_fp = focal_point_of(convenor)
    coalition = convene(convenor, members=[invited])
    with pytest.raises(PermissionDenied):
        services.set_member_state(
            coalition.members.get(organization=convenor), MembershipState.LEFT, by=convenor_fp
        )
    with pytest.raises(Exception, match="already in this coalition"):
        services.invite_member(coalition, invited, by=convenor_fp)
    assert CoalitionMember.objects.filter(coalition=coalition).count() == 2
