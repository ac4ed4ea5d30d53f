"""Who may see, join, answer for and work in a coalition: decided here, and only here.

An entity (an organisation or a Member State) is acted for by its focal points: an
organisation's focal points (their membership says so), a State's focal points (named by the
secretariat). Every member of an organisation reads and writes in the workspace of a coalition
its organisation belongs to; only focal points commit the organisation (ask to join, answer,
leave). Nothing a user declares counts."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from coalitions.enums import CoalitionState, JoinedBy, MembershipState
from reference.models import MemberState
from stakeholders.permissions import is_focal_point, membership_of, state_focal_point_of


def is_secretariat(user):
    return bool(
        user and user.is_authenticated and user.is_staff and user.has_perm("coalitions.change_coalition")
    )


def speaks_for(user, organization_id=None, member_state_id=None):
    """The user commits this entity: a focal point of the organisation, or of the Member State."""
    if organization_id is not None:
        membership = membership_of(user)
        return is_focal_point(membership) and membership.organization_id == organization_id
    if member_state_id is not None:
        focal_point = state_focal_point_of(user)
        return focal_point is not None and focal_point.member_state_id == member_state_id
    return False


def belongs_to(user, organization_id=None, member_state_id=None):
    """The user works for this entity: any member of the organisation, a focal point of the State."""
    if organization_id is not None:
        membership = membership_of(user)
        return membership is not None and membership.organization_id == organization_id
    return speaks_for(user, None, member_state_id)


def entities_of(user):
    """The entities the user may commit, the organisation first."""
    found = []
    membership = membership_of(user)
    if is_focal_point(membership):
        found.append(membership.organization)
    focal_point = state_focal_point_of(user)
    if focal_point is not None:
        found.append(focal_point.member_state)
    return found


def entity_ids(entity):
    if isinstance(entity, MemberState):
        return None, entity.pk
    return entity.pk, None


def is_convenor(user, coalition):
    """A focal point of the convening organisation or Member State."""
    return speaks_for(user, coalition.organization_id, coalition.member_state_id)


def member_row(user, members):
    """The user's entity's row among these members (any member of the organisation), else None."""
    for member in members:
        if belongs_to(user, member.organization_id, member.member_state_id):
            return member
    return None


def can_view_coalition(user, coalition, members=()):
    """Public once published; before that its convenor's people, those it invited, the secretariat."""
    if coalition.is_public or is_secretariat(user):
        return True
    if belongs_to(user, coalition.organization_id, coalition.member_state_id):
        return True
    return member_row(user, members) is not None


def can_edit_coalition(user, coalition):
    return is_convenor(user, coalition) and coalition.state != CoalitionState.CLOSED


def can_change_coalition_state(user, coalition, new_state):
    new_state = CoalitionState(new_state)
    if new_state not in CoalitionState.valid_next_states()[CoalitionState(coalition.state)]:
        return False
    if new_state == CoalitionState.CLOSED and is_secretariat(user):
        return True
    return is_convenor(user, coalition)


def can_use_workspace(user, members):
    """Only people of a confirmed member (the convenor's included)."""
    row = member_row(user, members)
    return row is not None and row.is_confirmed


def can_ask_to_join(user, coalition, entity, members=()):
    """A focal point asks for its entity, once the coalition is public and open, unless it is
    already in it or waiting for an answer."""
    if coalition.state != CoalitionState.PUBLISHED or not speaks_for(user, *entity_ids(entity)):
        return False
    organization_id, member_state_id = entity_ids(entity)
    for member in members:
        if (member.organization_id, member.member_state_id) == (organization_id, member_state_id):
            return (
                MembershipState.REQUESTED
                in MembershipState.valid_next_states()[MembershipState(member.state)]
            )
    return True


def can_invite(user, coalition):
    return is_convenor(user, coalition) and coalition.state != CoalitionState.CLOSED


def can_answer(user, member):
    """The other side answers: the convenor a request, the invited entity an invitation. Nobody
    ever answers for an entity they do not speak for."""
    if member.state == MembershipState.REQUESTED:
        return is_convenor(user, member.coalition)
    if member.state == MembershipState.INVITED:
        return speaks_for(user, member.organization_id, member.member_state_id)
    return False


def can_leave(user, member):
    """A member's focal points take it out (or take back its request); the convenor stays."""
    return (
        member.joined_by != JoinedBy.CONVENOR
        and MembershipState.LEFT in MembershipState.valid_next_states()[MembershipState(member.state)]
        and speaks_for(user, member.organization_id, member.member_state_id)
    )


def can_change_member_state(user, member, new_state):
    """What set_member_state accepts from a person (the pages offer no more)."""
    new_state = MembershipState(new_state)
    if new_state not in MembershipState.valid_next_states()[MembershipState(member.state)]:
        return False
    if new_state in MembershipState.answers():
        return can_answer(user, member)
    if new_state == MembershipState.LEFT:
        return can_leave(user, member)
    if new_state == MembershipState.REQUESTED:
        return member.coalition.state == CoalitionState.PUBLISHED and speaks_for(
            user, member.organization_id, member.member_state_id
        )
    return can_invite(user, member.coalition)


def can_make_joint_pledge(user, coalition):
    return is_convenor(user, coalition) and coalition.state == CoalitionState.PUBLISHED


def require(allowed, message):
    if not allowed:
        raise PermissionDenied(message)


def require_convenor(user, coalition):
    require(is_convenor(user, coalition), _("Only the convenor's focal points can do this."))
