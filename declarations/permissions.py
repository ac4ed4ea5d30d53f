"""Who may propose, change, submit, withdraw and endorse key messages, and who marks what became of
them: decided here, and only here.

Key messages are proposed and endorsed by the focal points of organisations the secretariat
accredited to the forum (Membership and Accreditation: records the secretariat holds, never what a
user declares); the organisation is always the user's own. The secretariat publishes messages,
enters the versions and marks each message's fate."""

from django.utils.translation import gettext_lazy as _

from declarations.enums import KeyMessageState
from stakeholders.models import Accreditation
from stakeholders.permissions import is_focal_point, membership_of

NOT_FOCAL_POINT = _("Only the focal points of an organisation accredited to the forum propose and endorse key messages.")


def can_manage_declarations(user):
    return bool(
        user and user.is_authenticated and user.is_staff and user.has_perm("declarations.change_keymessage")
    )


def accredited_focal_point(user, forum):
    """The user's membership when they are a focal point of an organisation accredited to the forum."""
    membership = membership_of(user)
    if not is_focal_point(membership):
        return None
    if not Accreditation.objects.approved().filter(organization_id=membership.organization_id, forum=forum).exists():
        return None
    return membership


def is_proposer(user, message):
    membership = membership_of(user)
    return is_focal_point(membership) and membership.organization_id == message.organization_id


def can_edit_key_message(user, message):
    return is_proposer(user, message) and message.state in KeyMessageState.editable_states()


def can_change_key_message_state(user, message, new_state):
    """The proposing organisation's focal points submit and withdraw; the secretariat publishes
    (and may withdraw a message, for instance at the organisation's request)."""
    new_state = KeyMessageState(new_state)
    if new_state not in KeyMessageState.valid_next_states()[KeyMessageState(message.state)]:
        return False
    if new_state in KeyMessageState.owner_states() and is_proposer(user, message):
        return True
    return can_manage_declarations(user) and new_state != KeyMessageState.SUBMITTED


def can_endorse(user, message):
    """A focal point of another accredited organisation, once the message is published."""
    if message.state != KeyMessageState.PUBLISHED:
        return False
    membership = accredited_focal_point(user, message.forum)
    return membership is not None and membership.organization_id != message.organization_id
