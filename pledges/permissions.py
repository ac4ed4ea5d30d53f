"""Who may see and change a pledge: decided here, and only here.

A user acts for at most one organisation (stakeholders.permissions.membership_of) and, as a
Member State focal point, for at most one State. The owners of a pledge are its pledging entity
and the partners that have confirmed; the secretariat sees and reviews everything."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from pledges.enums import PledgeState
from stakeholders.permissions import membership_of


@dataclass(frozen=True)
class Pledger:
    """The entities a user may pledge and report for."""

    organization: object = None
    member_state: object = None

    def __bool__(self):
        return self.organization is not None or self.member_state is not None

    @property
    def organization_id(self):
        return self.organization.pk if self.organization is not None else None

    @property
    def member_state_id(self):
        return self.member_state.pk if self.member_state is not None else None

    @property
    def entity(self):
        return self.member_state or self.organization

    def is_entity(self, organization_id, member_state_id):
        return (organization_id is not None and organization_id == self.organization_id) or (
            member_state_id is not None and member_state_id == self.member_state_id
        )


def pledger_of(user):
    if user is None or not user.is_authenticated:
        return Pledger()
    from pledges.models import StateFocalPoint

    membership = membership_of(user)
    focal_point = StateFocalPoint.objects.select_related("member_state").filter(user=user).first()
    return Pledger(
        organization=membership.organization if membership else None,
        member_state=focal_point.member_state if focal_point else None,
    )


def is_secretariat(user):
    return bool(user and user.is_authenticated and user.is_staff and user.has_perm("pledges.review_pledge"))


def is_lead(pledger, pledge):
    return pledger.is_entity(pledge.organization_id, pledge.member_state_id)


def confirmed_partner(pledger, pledge, partners=None):
    partners = pledge.partners.all() if partners is None else partners
    for partner in partners:
        if partner.is_confirmed and pledger.is_entity(partner.organization_id, partner.member_state_id):
            return partner
    return None


def invited_partner(pledger, pledge):
    for partner in pledge.partners.all():
        if pledger.is_entity(partner.organization_id, partner.member_state_id):
            return partner
    return None


def is_owner(pledger, pledge):
    return is_lead(pledger, pledge) or confirmed_partner(pledger, pledge) is not None


def can_view(user, pledger, pledge):
    return pledge.state == PledgeState.PUBLISHED or is_secretariat(user) or is_owner(pledger, pledge)


def can_edit(pledger, pledge):
    return is_lead(pledger, pledge) and pledge.state in PledgeState.editable_states()


def can_report(pledger, pledge):
    return pledge.state == PledgeState.PUBLISHED and is_owner(pledger, pledge)


def require_lead(pledger, pledge):
    if not is_lead(pledger, pledge):
        raise PermissionDenied(_("Only the pledging entity can do this."))


def require_owner(pledger, pledge):
    if not is_owner(pledger, pledge):
        raise PermissionDenied(_("Only the pledging entity and its confirmed partners can do this."))


def require_secretariat(user):
    if not is_secretariat(user):
        raise PermissionDenied(_("Only the secretariat can do this."))
