from django.db import models
from django.utils.translation import gettext_lazy as _


class ForumStatus(models.TextChoices):
    PLANNING = "planning", _("In preparation")
    ANNOUNCED = "announced", _("Announced")
    CONCLUDED = "concluded", _("Concluded")

    @classmethod
    def public_states(cls):
        return (cls.ANNOUNCED, cls.CONCLUDED)

    @classmethod
    def valid_next_states(cls):
        return {
            cls.PLANNING: (cls.ANNOUNCED,),
            cls.ANNOUNCED: (cls.PLANNING, cls.CONCLUDED),
            cls.CONCLUDED: (cls.ANNOUNCED,),
        }


class SessionKind(models.TextChoices):
    HEARING = "hearing", _("Multi-stakeholder hearing")
    ROUND_TABLE = "round_table", _("Round table")
    POLICY_DEBATE = "policy_debate", _("Policy debate")
    PLENARY_OPENING = "plenary_opening", _("Plenary: opening segment")
    GENERAL_DEBATE = "general_debate", _("Plenary: general debate")
    PLENARY_CLOSING = "plenary_closing", _("Plenary: closing segment")

    @classmethod
    def plenary(cls):
        return (cls.PLENARY_OPENING, cls.GENERAL_DEBATE, cls.PLENARY_CLOSING)

    @classmethod
    def stakeholder_speaking(cls):
        """Where accredited organisations may ask to speak: the hearing's panels, and the places
        reserved for stakeholders in each round table and in the policy debate (2022 practice).
        The plenary's speakers are States and the few the modalities name."""
        return (cls.HEARING, cls.ROUND_TABLE, cls.POLICY_DEBATE)


class StatementRole(models.TextChoices):
    PRESIDENT_GA = "pga", _("President of the General Assembly")
    SECRETARY_GENERAL = "sg", _("Secretary-General")
    IOM_DIRECTOR_GENERAL = "iom_dg", _("Director General of IOM")
    MIGRANT_REPRESENTATIVE = "migrant", _("Representative of the migrant community")
    CIVIL_SOCIETY_REPRESENTATIVE = "civil_society", _("Representative of civil society")
    HEARING_RAPPORTEUR = "rapporteur", _("Rapporteur of the multi-stakeholder hearing")
    MEMBER_STATE = "member_state", _("Member State")
    OBSERVER = "observer", _("Observer")
    OTHER = "other", _("Other speaker")

    @classmethod
    def opening_segment(cls):
        """The five statements the modalities resolution prescribes for the opening segment."""
        return (
            cls.PRESIDENT_GA,
            cls.SECRETARY_GENERAL,
            cls.IOM_DIRECTOR_GENERAL,
            cls.MIGRANT_REPRESENTATIVE,
            cls.CIVIL_SOCIETY_REPRESENTATIVE,
        )
