"""Who may see and change an organisation's records, and whom a user acts for: decided here, and
only here. Every app's own permissions build on these.

A user belongs to at most one organisation (their membership) and, as a Member State focal
point, acts for at most one State: both are facts the portal holds (a focal point's invitation
or the secretariat's decision), never what the user declares. Both are looked up once per
request and kept on the user object."""

from dataclasses import dataclass
from functools import wraps

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models.functions import Lower
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from stakeholders.enums import AccreditationState, DelegateState
from stakeholders.models import Accreditation, Delegate

_MEMBERSHIP = "_portal_membership"
_STATE = "_portal_state_focal_point"


def membership_of(user):
    if user is None or not user.is_authenticated:
        return None
    if not hasattr(user, _MEMBERSHIP):
        _look_up(user)
    return getattr(user, _MEMBERSHIP)


def state_focal_point_of(user):
    if user is None or not user.is_authenticated:
        return None
    if not hasattr(user, _STATE):
        _look_up(user)
    return getattr(user, _STATE)


def _look_up(user):
    """The membership and the State focal point in one query (a left join of each to the user's
    row): the pages that ask for one mostly ask for the other (whom the user represents)."""
    found = (
        get_user_model().objects.filter(pk=user.pk)
        .select_related("membership__organization__country", "state_focal_point__member_state")
        .first()
    )
    membership = getattr(found, "membership", None)
    focal_point = getattr(found, "state_focal_point", None)
    setattr(user, _MEMBERSHIP, membership)
    setattr(user, _STATE, focal_point)


def forget(user):
    """After a change of membership in this request (joining, leaving)."""
    for name in (_MEMBERSHIP, _STATE):
        if hasattr(user, name):
            delattr(user, name)


@dataclass(frozen=True)
class Represented:
    """The entities a user acts for: their organisation, their Member State, or both."""

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


def represented_by(user):
    membership = membership_of(user)
    focal_point = state_focal_point_of(user)
    return Represented(
        organization=membership.organization if membership else None,
        member_state=focal_point.member_state if focal_point else None,
    )


def is_focal_point(membership):
    return membership is not None and membership.is_focal_point


def can_manage_organization(user, organization):
    """Focal points edit the profile, manage members and accreditation; members see and register."""
    membership = membership_of(user)
    return is_focal_point(membership) and membership.organization_id == organization.pk


def is_member_of(user, organization):
    membership = membership_of(user)
    return membership is not None and membership.organization_id == organization.pk


def require_manage_organization(user, organization):
    if not can_manage_organization(user, organization):
        raise PermissionDenied(_("Only your organisation's focal points can do this."))


def member_required(view):
    """Signed in and a member of an organisation; the view receives the membership."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        membership = membership_of(request.user)
        if membership is None:
            messages.info(request, _("Create your organisation, or ask to join it, first."))
            return redirect("portal:dashboard")
        return view(request, membership, *args, **kwargs)

    return wrapper


def representative_required(view=None, *, message=None):
    """Signed in, and acting for an organisation or a Member State; the view receives them.
    `message`: what a user who acts for nobody reads on the dashboard."""

    def decorate(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            represented = represented_by(request.user)
            if not represented:
                messages.info(
                    request, message or _("Create your organisation, or ask to join it, before you pledge.")
                )
                return redirect("portal:dashboard")
            return view(request, represented, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate


def can_object_for(user, member_state):
    """Only a focal point the secretariat named for the State objects in its name."""
    focal_point = state_focal_point_of(user)
    return focal_point is not None and focal_point.member_state_id == member_state.pk


def can_record_objection_on_behalf(user):
    """The secretariat copies a State's note verbale into the portal."""
    return (
        user is not None and user.is_authenticated and user.is_staff and user.has_perm("stakeholders.add_objection")
    )


def state_focal_point_required(view):
    """Signed in and named focal point of a Member State; the view receives the focal point."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        focal_point = state_focal_point_of(request.user)
        if focal_point is None:
            raise PermissionDenied(_("Only focal points of Member States, named by the secretariat, see this page."))
        return view(request, focal_point, *args, **kwargs)

    return wrapper


def can_act_after_deadline(user, permission):
    """Staff of the secretariat holding `permission` may still act once a window has closed (the
    service logs it as such); nobody else may."""
    return user is not None and user.is_authenticated and user.is_staff and user.has_perm(permission)


def is_forum_participant(user, forum):
    """Who sees the delegates listed for "the forum's participants only": facts the portal holds,
    never what a user declares. A member of an organisation the secretariat accredited to this
    forum (approved); a confirmed delegate of this forum, recognised by an e-mail address the user
    has verified; the secretariat. Not: members of organisations still applying or refused,
    delegates awaiting confirmation, Member State focal points as such."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_staff and user.has_perm("stakeholders.view_delegate"):
        return True
    membership = membership_of(user)
    if (
        membership is not None
        and Accreditation.objects.filter(
            organization_id=membership.organization_id, forum=forum, state=AccreditationState.APPROVED
        ).exists()
    ):
        return True
    verified = EmailAddress.objects.filter(user=user, verified=True).annotate(address=Lower("email")).values("address")
    return (
        Delegate.objects.annotate(address=Lower("email"))
        .filter(
            accreditation__forum=forum,
            accreditation__state=AccreditationState.APPROVED,
            state=DelegateState.CONFIRMED,
            address__in=verified,
        )
        .exists()
    )
