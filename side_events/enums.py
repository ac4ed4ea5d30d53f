from django.db import models
from django.utils.translation import gettext_lazy as _

from reference.enums import MEMBER_STATE, UN_SYSTEM, ParticipantCategory


class SideEventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")
    VIRTUAL = "virtual", _("Virtual")


class SideEventTime(models.TextChoices):
    """Side events run outside the official meeting hours."""

    MORNING = "morning", _("Morning, before the meetings (8:15–9:45)")
    LUNCHTIME = "lunchtime", _("Lunchtime, between the meetings (13:15–14:45)")
    EVENING = "evening", _("Evening, after the meetings (18:15–19:45)")


class SideEventState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("Waitlisted")
    REJECTED = "rejected", _("Rejected")

    @classmethod
    def valid_next_states(cls):
        return {
            cls.DRAFT: (cls.SUBMITTED, cls.WITHDRAWN),
            cls.SUBMITTED: (cls.ACCEPTED, cls.WAITLISTED, cls.REJECTED, cls.WITHDRAWN),
            cls.ACCEPTED: (cls.WAITLISTED, cls.REJECTED, cls.WITHDRAWN),
            cls.WAITLISTED: (cls.ACCEPTED, cls.REJECTED, cls.WITHDRAWN),
            cls.REJECTED: (cls.ACCEPTED, cls.WAITLISTED),
            cls.WITHDRAWN: (),
        }

    @classmethod
    def decisions(cls):
        """The states the secretariat sets; organisers learn of them when decisions are sent."""
        return (cls.ACCEPTED, cls.WAITLISTED, cls.REJECTED)

    @classmethod
    def needs_reason(cls):
        return (cls.WAITLISTED, cls.REJECTED)

    @classmethod
    def editable(cls):
        return (cls.DRAFT, cls.SUBMITTED)


def stakeholder_speaker_categories():
    """The categories on a panel that are stakeholders (States and the UN system are not)."""
    return tuple(c for c in ParticipantCategory if c not in (MEMBER_STATE, UN_SYSTEM))


class CoOrganizerState(models.TextChoices):
    """An organisation named as co-organiser agrees (or not), as a pledge's partner does: it is
    shown publicly only once one of its focal points has confirmed."""

    INVITED = "invited", _("Invited, not yet confirmed")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")

    @classmethod
    def valid_next_states(cls):
        return {
            cls.INVITED: (cls.CONFIRMED, cls.DECLINED),
            # A co-organiser may still step back after confirming.
            cls.CONFIRMED: (cls.DECLINED,),
            cls.DECLINED: (),
        }

    @classmethod
    def standing(cls):
        """The states in which the organisation is still named by the applicant."""
        return (cls.INVITED, cls.CONFIRMED)
