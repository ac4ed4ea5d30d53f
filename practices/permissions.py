"""Who may submit, see and change a practice: decided here, and only here.

A practice is submitted by a focal point of an organisation (a plain member reads but does not
submit) or by a Member State's focal point named by the secretariat; the secretariat reviews."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from practices.enums import PracticeState
from stakeholders.permissions import Represented, is_focal_point, membership_of, state_focal_point_of


def submitter_of(user):
    """The entities this user submits practices for: their organisation if they are its focal
    point, their Member State if the secretariat named them its focal point."""
    membership = membership_of(user)
    focal_point = state_focal_point_of(user)
    return Represented(
        organization=membership.organization if is_focal_point(membership) else None,
        member_state=focal_point.member_state if focal_point else None,
    )


def can_review_practices(user):
    return bool(user and user.is_authenticated and user.is_staff and user.has_perm("practices.review_practice"))


def is_owner(user, practice):
    return submitter_of(user).is_entity(practice.organization_id, practice.member_state_id)


def can_view_practice(user, practice):
    return practice.state == PracticeState.PUBLISHED or can_review_practices(user) or is_owner(user, practice)


def can_edit_practice(user, practice):
    return is_owner(user, practice) and practice.state in PracticeState.editable_states()


def can_change_practice_state(user, practice, new_state):
    """The submitting entity submits and withdraws; the secretariat does the rest (and may
    withdraw too)."""
    new_state = PracticeState(new_state)
    if new_state not in PracticeState.valid_next_states()[PracticeState(practice.state)]:
        return False
    if new_state in PracticeState.owner_states():
        return is_owner(user, practice) or can_review_practices(user)
    return can_review_practices(user)


def state_changes(user, practice):
    return [
        state
        for state in PracticeState.valid_next_states()[PracticeState(practice.state)]
        if can_change_practice_state(user, practice, state)
    ]


def require_owner(user, practice):
    if not is_owner(user, practice):
        raise PermissionDenied(_("Only the implementing entity can do this."))
