from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    """The five M49 regions."""

    AFRICA = "Africa", _("Africa")
    AMERICAS = "Americas", _("Americas")
    ASIA = "Asia", _("Asia")
    EUROPE = "Europe", _("Europe")
    OCEANIA = "Oceania", _("Oceania")


class StakeholderCategory(models.TextChoices):
    """The stakeholders who may attend and take part (A/RES/73/326 and the seed papers)."""

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


MEMBER_STATE = "member_state"
UN_SYSTEM = "un_system"

UN_SYSTEM_LABEL = _("United Nations system or intergovernmental organization")

# What an organisation on the portal is: a stakeholder of one of the categories above, or a body of
# the UN system or another intergovernmental organisation. The latter takes part without
# accreditation, so only the secretariat sets it (stakeholders.forms never offers it).
OrganizationCategory = models.TextChoices(
    "OrganizationCategory",
    [
        *[(category.name, (category.value, category.label)) for category in StakeholderCategory],
        ("UN_SYSTEM", (UN_SYSTEM, UN_SYSTEM_LABEL)),
    ],
)

# Who takes part in a forum: a Member State, the UN system, or a stakeholder of one of the
# categories above (one list: the stakeholder categories are not copied).
ParticipantCategory = models.TextChoices(
    "ParticipantCategory",
    [
        ("MEMBER_STATE", (MEMBER_STATE, _("Member State (government)"))),
        ("UN_SYSTEM", (UN_SYSTEM, UN_SYSTEM_LABEL)),
        *[(category.name, (category.value, category.label)) for category in StakeholderCategory],
    ],
)


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary or another gender")
    UNDISCLOSED = "undisclosed", _("Prefers not to say")


class SupportKind(models.TextChoices):
    """What a pledge or a practice seeks or offers: one list, so that a match between what one
    seeks and another offers compares codes, never words."""

    FUNDING = "funding", _("Funding")
    TECHNICAL_EXPERTISE = "technical_expertise", _("Technical expertise")
    DATA = "data", _("Data")
    POLICY_SUPPORT = "policy_support", _("Policy support")
    COUNTRY_PARTNERS = "country_partners", _("Partners in a country")
