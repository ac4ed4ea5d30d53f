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


class Region(models.TextChoices):
    """The five M49 regions."""

    AFRICA = "Africa", _("Africa")
    AMERICAS = "Americas", _("Americas")
    ASIA = "Asia", _("Asia")
    EUROPE = "Europe", _("Europe")
    OCEANIA = "Oceania", _("Oceania")


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


# --- Side events ------------------------------------------------------------------------------


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


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary or another gender")
    UNDISCLOSED = "undisclosed", _("Prefers not to say")


class SpeakerCategory(models.TextChoices):
    """Who a side-event speaker speaks for: a State, the UN system, or a stakeholder category
    (the same categories as stakeholders.enums.StakeholderCategory)."""

    MEMBER_STATE = "member_state", _("Member State (government)")
    UN_SYSTEM = "un_system", _("United Nations system or intergovernmental organization")
    NGO = "ngo", _("Non-governmental organization")
    ACADEMIA = "academia", _("Academic, scientific or knowledge-based institution")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    TRADE_UNION = "trade_union", _("Trade union")
    FAITH_BASED = "faith_based", _("Faith-based organization")
    MIGRANT = "migrant", _("Migrant organization")
    YOUTH = "youth", _("Youth organization")
    DIASPORA = "diaspora", _("Diaspora community")
    NHRI = "nhri", _("National human rights institution")
    LOCAL_GOVERNMENT = "local_government", _("Local or regional government")
    OTHER = "other", _("Other relevant stakeholder")

    @classmethod
    def stakeholders(cls):
        return tuple(c for c in cls if c not in (cls.MEMBER_STATE, cls.UN_SYSTEM))


class SummaryState(models.TextChoices):
    PENDING = "pending", _("Pending generation")
    GENERATING = "generating", _("Generating")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")
    PUBLISHED = "published", _("Published")

    @classmethod
    def valid_next_states(cls):
        return {
            cls.PENDING: (cls.GENERATING,),
            cls.GENERATING: (cls.READY, cls.FAILED, cls.PENDING),
            cls.READY: (cls.PENDING, cls.GENERATING, cls.PUBLISHED),
            cls.FAILED: (cls.PENDING, cls.GENERATING),
            cls.PUBLISHED: (cls.PENDING, cls.GENERATING),
        }

    @classmethod
    def needs_generation(cls):
        return (cls.PENDING, cls.FAILED)
