"""Who may apply for, change, submit and withdraw a side event: decided here, and only here.

Members of an organisation accredited to the forum, or of a body of the UN system or another
intergovernmental organisation (as the secretariat recorded it: never declared), draft applications
while the call is open; focal points submit them, change them once submitted, and withdraw them.
A Member State applies through the focal points the secretariat named for it, who do all of that."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from reference.models import MemberState
from side_events.enums import CoOrganizerState, SideEventState
from stakeholders.models import Accreditation
from stakeholders.permissions import is_focal_point, membership_of, represented_by, state_focal_point_of

MEMBER, FOCAL_POINT = "member", "focal_point"


def call_open(forum, today=None):
    """A forum has a call for side events when it is public and sets a deadline not yet past."""
    today = today or timezone.localdate()
    deadline = forum.side_event_call_deadline
    return forum.is_public and deadline is not None and today <= deadline


def is_accredited(organization, forum):
    return Accreditation.objects.approved().filter(organization=organization, forum=forum).exists()


def may_organise(lead, forum):
    """Member States, the UN system and accredited stakeholders organise side events
    ("Governments, the UN system and stakeholders", the 2022 call)."""
    if isinstance(lead, MemberState):
        return True
    return lead.is_intergovernmental or is_accredited(lead, forum)


def acts_for(user, lead):
    """The user is a member of the lead organisation, or a focal point of the lead Member State."""
    represented = represented_by(user)
    if isinstance(lead, MemberState):
        return represented.member_state_id == lead.pk
    return represented.organization_id == lead.pk


def require_can_apply(lead, forum, today=None):
    """`lead`: the organisation or Member State that applies."""
    if not call_open(forum, today):
        raise PermissionDenied(_("The call for side events of %(forum)s is not open.") % {"forum": forum})
    if not may_organise(lead, forum):
        raise PermissionDenied(
            _("Only organisations accredited to %(forum)s apply for side events.") % {"forum": forum}
        )


def organiser_role(user, side_event):
    """FOCAL_POINT or MEMBER of the lead organiser, else None. A Member State's focal points act as
    an organisation's focal points do."""
    if side_event.member_state_id is not None:
        focal_point = state_focal_point_of(user)
        is_ours = focal_point is not None and focal_point.member_state_id == side_event.member_state_id
        return FOCAL_POINT if is_ours else None
    membership = membership_of(user)
    if membership is None or membership.organization_id != side_event.organization_id:
        return None
    return FOCAL_POINT if is_focal_point(membership) else MEMBER


def can_view_application(user, side_event):
    return organiser_role(user, side_event) is not None


def can_edit_side_event(user, side_event, today=None):
    """Members edit drafts; focal points also edit submitted applications; until the call closes."""
    role = organiser_role(user, side_event)
    if role is None or not call_open(side_event.forum, today):
        return False
    if side_event.state == SideEventState.DRAFT:
        return True
    return side_event.state == SideEventState.SUBMITTED and role == FOCAL_POINT


def can_submit_side_event(user, side_event, today=None):
    return (
        organiser_role(user, side_event) == FOCAL_POINT
        and side_event.state == SideEventState.DRAFT
        and call_open(side_event.forum, today)
    )


def can_withdraw_side_event(user, side_event):
    return organiser_role(user, side_event) == FOCAL_POINT and (
        SideEventState.WITHDRAWN in SideEventState.valid_next_states()[SideEventState(side_event.state)]
    )


def is_invited_member(user, co_organizer):
    """The user belongs to the organisation invited as this co-organiser."""
    membership = membership_of(user)
    return membership is not None and membership.organization_id == co_organizer.organization_id


def can_answer_co_organization(user, co_organizer):
    """Its focal points answer for the invited organisation, as they accept its join requests."""
    membership = membership_of(user)
    return (
        is_focal_point(membership)
        and membership.organization_id == co_organizer.organization_id
        and bool(CoOrganizerState.valid_next_states()[CoOrganizerState(co_organizer.state)])
    )
