"""Who may see and change a pledge: decided here, and only here.

A user acts for the entities stakeholders.permissions.represented_by() finds (an organisation, a
Member State). The owners of a pledge are its pledging entity and the partners that have
confirmed; the secretariat sees and reviews everything."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from pledges.enums import PledgeState
from stakeholders.permissions import represented_by


def can_review_pledges(user):
    return bool(user and user.is_authenticated and user.is_staff and user.has_perm("pledges.review_pledge"))


def is_lead(user, pledge):
    return represented_by(user).is_entity(pledge.organization_id, pledge.member_state_id)


def is_partner(user, partner):
    """The user acts for the organisation or State invited as this partner."""
    return represented_by(user).is_entity(partner.organization_id, partner.member_state_id)


def confirmed_partner(user, pledge):
    for partner in pledge.partners.all():
        if partner.is_confirmed and is_partner(user, partner):
            return partner
    return None


def is_owner(user, pledge):
    return is_lead(user, pledge) or confirmed_partner(user, pledge) is not None


def can_view_pledge(user, pledge):
    return pledge.state == PledgeState.PUBLISHED or can_review_pledges(user) or is_owner(user, pledge)


def can_edit_pledge(user, pledge):
    return is_lead(user, pledge) and pledge.state in PledgeState.editable_states()


def can_change_pledge_state(user, pledge, new_state):
    """Owners submit and withdraw (the pledging entity only); the secretariat does the rest."""
    new_state = PledgeState(new_state)
    if new_state not in PledgeState.valid_next_states()[PledgeState(pledge.state)]:
        return False
    if new_state in PledgeState.owner_states():
        return is_lead(user, pledge) or can_review_pledges(user)
    return can_review_pledges(user)


def state_changes(user, pledge):
    """The states this user may move this pledge to now: what the owner's page offers and what
    set_pledge_state accepts (both ask can_change_pledge_state, never the template)."""
    return [
        state
        for state in PledgeState.valid_next_states()[PledgeState(pledge.state)]
        if can_change_pledge_state(user, pledge, state)
    ]


def can_report_on_pledge(user, pledge):
    return pledge.state == PledgeState.PUBLISHED and is_owner(user, pledge)


def require_lead(user, pledge):
    if not is_lead(user, pledge):
        raise PermissionDenied(_("Only the pledging entity can do this."))


def require_owner(user, pledge):
    if not is_owner(user, pledge):
        raise PermissionDenied(_("Only the pledging entity and its confirmed partners can do this."))
