"""Who may submit and review what in the reviews app: decided here, and only here.

A State's voluntary review and national statement are its focal points' (stakeholders
StateFocalPoint, named by the secretariat; nothing a user declares counts); an input to a
consultation is its organisation's focal points', for an organisation the secretariat accredited
to the forum. The secretariat reviews, publishes and returns, and may submit for a State too."""

from reviews.enums import SubmissionState
from stakeholders.enums import AccreditationState
from stakeholders.models import Accreditation
from stakeholders.permissions import membership_of, state_focal_point_of


def can_review(user):
    return bool(
        user and user.is_authenticated and user.is_staff and user.has_perm("reviews.review_voluntaryreview")
    )


def is_state_focal_point_for(user, member_state_id):
    focal_point = state_focal_point_of(user)
    return focal_point is not None and focal_point.member_state_id == member_state_id


def is_input_owner(user, consultation_input):
    membership = membership_of(user)
    return (
        membership is not None
        and membership.is_focal_point
        and membership.organization_id == consultation_input.organization_id
    )


def is_owner(user, submission):
    """The State's focal points for a review or a statement; the organisation's for an input."""
    if hasattr(submission, "organization_id"):
        return is_input_owner(user, submission)
    return is_state_focal_point_for(user, submission.member_state_id)


def may_give_input(organization, forum):
    """Accredited by the secretariat to the consultation's forum (approved)."""
    return Accreditation.objects.filter(
        organization=organization, forum=forum, state=AccreditationState.APPROVED
    ).exists()


def input_organization(user, consultation):
    """The organisation this user may give input for on this consultation, or None."""
    membership = membership_of(user)
    if membership is None or not membership.is_focal_point:
        return None
    if not may_give_input(membership.organization, consultation.forum):
        return None
    return membership.organization


def can_edit(user, submission):
    """The submitter before review or when it is returned; the secretariat until it is withdrawn."""
    if can_review(user):
        return submission.state != SubmissionState.WITHDRAWN
    return submission.state in SubmissionState.editable_states() and is_owner(user, submission)


def can_change_state(user, submission, new_state):
    """Owners submit and withdraw; the secretariat does everything the graph allows."""
    new_state = SubmissionState(new_state)
    if new_state not in SubmissionState.valid_next_states()[SubmissionState(submission.state)]:
        return False
    if can_review(user):
        return True
    return new_state in SubmissionState.owner_states() and is_owner(user, submission)


def state_changes(user, submission):
    return [
        state
        for state in SubmissionState.valid_next_states()[SubmissionState(submission.state)]
        if can_change_state(user, submission, state)
    ]


def can_view(user, submission):
    return submission.state == SubmissionState.PUBLISHED or is_owner(user, submission) or can_review(user)
