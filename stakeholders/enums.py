from django.db import models
from django.utils.translation import gettext_lazy as _


class EcosocStatus(models.TextChoices):
    NONE = "none", _("None")
    GENERAL = "general", _("General consultative status")
    SPECIAL = "special", _("Special consultative status")
    ROSTER = "roster", _("Roster")


class MembershipRole(models.TextChoices):
    FOCAL_POINT = "focal_point", _("Focal point")
    MEMBER = "member", _("Member")


class AccreditationKind(models.TextChoices):
    REGISTRATION = "registration", _("Registration (ECOSOC status or earlier accreditation)")
    SPECIAL = "special", _("Special accreditation")
    NHRI = "nhri", _("Registration as a national human rights institution (GANHRI)")

    @classmethod
    def direct(cls):
        """Kinds approved on a status the secretariat verified, without the non-objection list."""
        return (cls.REGISTRATION, cls.NHRI)


class AccreditationState(models.TextChoices):
    STATUS_VERIFICATION = "status_verification", _("Status being verified")
    SUBMITTED = "submitted", _("Submitted")
    INFORMATION_REQUESTED = "information_requested", _("Information requested")
    RECOMMENDED = "recommended", _("Recommended")
    NON_OBJECTION_LIST = "non_objection_list", _("On the non-objection list")
    APPROVED = "approved", _("Approved")
    OBJECTED = "objected", _("Objected to by a Member State")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def valid_next_states(cls):
        return {
            # A registration on a status the organisation claims waits here until the secretariat
            # verifies the status (then it is approved) or refuses it (with a reason).
            cls.STATUS_VERIFICATION: (cls.APPROVED, cls.REJECTED, cls.WITHDRAWN),
            cls.SUBMITTED: (cls.INFORMATION_REQUESTED, cls.RECOMMENDED, cls.REJECTED, cls.WITHDRAWN),
            cls.INFORMATION_REQUESTED: (cls.SUBMITTED, cls.REJECTED, cls.WITHDRAWN),
            cls.RECOMMENDED: (cls.NON_OBJECTION_LIST, cls.REJECTED, cls.WITHDRAWN),
            cls.NON_OBJECTION_LIST: (cls.APPROVED, cls.OBJECTED, cls.WITHDRAWN),
            cls.APPROVED: (cls.WITHDRAWN,),
            # Back on the list only when the last standing objection is withdrawn (the service
            # checks); the secretariat never lifts an objection itself.
            cls.OBJECTED: (cls.NON_OBJECTION_LIST,),
            cls.REJECTED: (),
            cls.WITHDRAWN: (),
        }

    @classmethod
    def applicant_states(cls):
        """The changes an organisation makes itself; the secretariat makes the others."""
        return (cls.SUBMITTED, cls.WITHDRAWN)

    @classmethod
    def needs_reason(cls):
        return (cls.INFORMATION_REQUESTED, cls.REJECTED, cls.OBJECTED)

    @classmethod
    def open_states(cls):
        return (
            cls.STATUS_VERIFICATION,
            cls.SUBMITTED,
            cls.INFORMATION_REQUESTED,
            cls.RECOMMENDED,
            cls.NON_OBJECTION_LIST,
        )

    @classmethod
    def closed_states(cls):
        return (cls.OBJECTED, cls.REJECTED, cls.WITHDRAWN)


class ObjectionState(models.TextChoices):
    STANDING = "standing", _("Standing")
    WITHDRAWN = "withdrawn", _("Withdrawn by the Member State")

    @classmethod
    def valid_next_states(cls):
        return {cls.STANDING: (cls.WITHDRAWN,), cls.WITHDRAWN: ()}


class Attendance(models.TextChoices):
    HEARING = "hearing", _("The multi-stakeholder hearing")
    FORUM = "forum", _("The forum")
    BOTH = "both", _("The hearing and the forum")


class ListingConsent(models.TextChoices):
    """Who may see a confirmed delegate on the forum's list of participants (name, function and
    organisation; nothing of the grounds-pass data). Organisation pages list "everyone" only."""

    NOBODY = "nobody", _("Nobody: do not list me")
    PARTICIPANTS = "participants", _("The forum's participants only")
    EVERYONE = "everyone", _("Everyone (the public list)")

    @classmethod
    def listed(cls):
        return (cls.PARTICIPANTS, cls.EVERYONE)


class DelegateState(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def valid_next_states(cls):
        return {
            cls.PENDING: (cls.CONFIRMED, cls.DECLINED, cls.WITHDRAWN),
            cls.CONFIRMED: (cls.WITHDRAWN, cls.DECLINED),
            cls.DECLINED: (cls.PENDING,),
            cls.WITHDRAWN: (),
        }

    @classmethod
    def counted(cls):
        """Delegates that take a place under the organisation's cap."""
        return (cls.PENDING, cls.CONFIRMED)


class SpeakingRequestState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected")
    CONFIRMED = "confirmed", _("Confirmed by the speaker")
    DECLINED = "declined", _("Declined by the speaker")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def valid_next_states(cls):
        return {
            cls.SUBMITTED: (cls.SELECTED, cls.NOT_SELECTED, cls.WITHDRAWN),
            cls.SELECTED: (cls.CONFIRMED, cls.DECLINED, cls.NOT_SELECTED, cls.WITHDRAWN),
            cls.NOT_SELECTED: (cls.SELECTED, cls.WITHDRAWN),
            cls.CONFIRMED: (cls.DECLINED, cls.WITHDRAWN),
            cls.DECLINED: (),
            cls.WITHDRAWN: (),
        }

    @classmethod
    def decisions(cls):
        """The secretariat's: kept from the organisation until they are released."""
        return (cls.SELECTED, cls.NOT_SELECTED)

    @classmethod
    def answers(cls):
        """The selected speaker's own answer, once the selection is released."""
        return (cls.CONFIRMED, cls.DECLINED)


class NominationRole(models.TextChoices):
    """The calls for a person the modalities resolution (A/RES/73/326) prescribes; each value is
    the programme statement the selected nominee makes."""

    RAPPORTEUR = "rapporteur", _("Civil-society rapporteur of the hearing")
    MIGRANT_REPRESENTATIVE = "migrant", _("Representative of the migrant community (opening segment)")
    CIVIL_SOCIETY_REPRESENTATIVE = "civil_society", _("Representative of civil society (opening segment)")


class NominationState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def valid_next_states(cls):
        return {
            cls.SUBMITTED: (cls.SELECTED, cls.NOT_SELECTED, cls.WITHDRAWN),
            cls.SELECTED: (cls.NOT_SELECTED, cls.WITHDRAWN),
            cls.NOT_SELECTED: (cls.SELECTED, cls.WITHDRAWN),
            cls.WITHDRAWN: (),
        }


class JoinRequestState(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
