"""Who may see and change a pledge: decided here, and only here.

A user acts for the entities stakeholders.permissions.represented_by() finds (an organisation, a
Member State). The owners of a pledge are its pledging entity and the partners that have
confirmed; the secretariat sees and reviews everything."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from pledges.enums import PledgeState
from reference.enums import UN_SYSTEM
from stakeholders.models import Accreditation
from stakeholders.permissions import represented_by


def can_review_pledges(user):
    return bool(user and user.is_authenticated and user.is_staff and user.has_perm("pledges.review_pledge"))


def is_lead(user, pledge):
    return represented_by(user).is_entity(pledge.organization_id, pledge.member_state_id)


def is_partner(user, partner):
    """The user acts for the organisation or State invited as this partner."""
    return represented_by(user).is_entity(partner.organization_id, partner.member_state_id)


def confirmed_partner(user, pledge):
    if not represented_by(user):
        return None  # acts for nobody (an anonymous visitor): partners need not be read
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


def can_see_matches(user, pledge):
    """The suggested matches of a published pledge that seeks something: public, as the pledges
    they list are."""
    return pledge.state == PledgeState.PUBLISHED and bool(pledge.seek_codes)


def takes_part(represented):
    """Acts for a Member State (its focal point), an organisation the secretariat accredited (to
    any forum), or a body of the UN system (which takes part without accreditation)."""
    if represented.member_state is not None:
        return True
    organization = represented.organization
    if organization is None:
        return False
    return organization.category == UN_SYSTEM or Accreditation.objects.approved().filter(organization=organization).exists()


def contact_refusal(user, pledge):
    """Why this signed-in user may not write to the pledger of this pledge through the portal, or
    None when they may. The pledge must be published and seek partners; the writer acts for a
    State or an accredited organisation, not for the pledge's own entities."""
    if pledge.state != PledgeState.PUBLISHED or not pledge.seeking_partners:
        return _("This pledge does not seek partners: its pledger takes no messages through the portal.")
    represented = represented_by(user)
    if not takes_part(represented):
        return _(
            "Only members of an accredited organisation and focal points of Member States can write to pledgers."
        )
    if is_owner(user, pledge):
        return _("This is your own pledge: you cannot write to yourselves.")
    return None


def can_contact_pledger(user, pledge):
    return bool(user and user.is_authenticated) and contact_refusal(user, pledge) is None
