"""Who may see and change an organisation's records: decided here, and only here."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from stakeholders.models import Membership


def membership_of(user):
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.select_related("organization", "organization__country").filter(user=user).first()
    )


def can_manage(membership):
    """Focal points edit the profile, manage members and accreditation; members see and register."""
    return membership is not None and membership.is_focal_point


def require_focal_point(membership):
    if not can_manage(membership):
        raise PermissionDenied(_("Only your organisation's focal points can do this."))
