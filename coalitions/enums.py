from django.db import models
from django.utils.translation import gettext_lazy as _


class CoalitionState(models.TextChoices):
    """A coalition is its convenor's draft until the convenor publishes it; closing it keeps its
    page (and the pledges that came from it) on record."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Public")
    CLOSED = "closed", _("Closed")

    @classmethod
    def valid_next_states(cls):
        return {
            cls.DRAFT: (cls.PUBLISHED, cls.CLOSED),
            cls.PUBLISHED: (cls.CLOSED,),
            cls.CLOSED: (),
        }

    @classmethod
    def public_states(cls):
        return (cls.PUBLISHED, cls.CLOSED)


class MembershipState(models.TextChoices):
    """A member joins on its own request (the convenor's focal points answer) or on the
    convenor's invitation (the invited entity's focal points answer): the other side confirms."""

    REQUESTED = "requested", _("Asked to join, not yet confirmed")
    INVITED = "invited", _("Invited, not yet confirmed")
    CONFIRMED = "confirmed", _("Member")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left")

    @classmethod
    def valid_next_states(cls):
        return {
            cls.REQUESTED: (cls.CONFIRMED, cls.DECLINED, cls.LEFT),
            cls.INVITED: (cls.CONFIRMED, cls.DECLINED),
            cls.CONFIRMED: (cls.LEFT,),
            # Asked again, or invited again: the same row, so that its history stays in one place.
            cls.DECLINED: (cls.REQUESTED, cls.INVITED),
            cls.LEFT: (cls.REQUESTED, cls.INVITED),
        }

    @classmethod
    def pending(cls):
        return (cls.REQUESTED, cls.INVITED)

    @classmethod
    def answers(cls):
        """What the other side answers to a pending request or invitation."""
        return (cls.CONFIRMED, cls.DECLINED)


class JoinedBy(models.TextChoices):
    REQUEST = "request", _("On its own request")
    INVITATION = "invitation", _("On the convenor's invitation")
    CONVENOR = "convenor", _("Convenor")
