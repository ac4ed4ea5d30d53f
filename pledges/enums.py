from django.db import models
from django.utils.translation import gettext_lazy as _

from reference.enums import MEMBER_STATE, OrganizationCategory


class PledgeState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished by the secretariat")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def valid_next_states(cls):
        return {
            cls.DRAFT: (cls.SUBMITTED, cls.WITHDRAWN),
            cls.SUBMITTED: (cls.CHANGES_REQUESTED, cls.PUBLISHED, cls.WITHDRAWN),
            cls.CHANGES_REQUESTED: (cls.SUBMITTED, cls.WITHDRAWN),
            cls.PUBLISHED: (cls.UNPUBLISHED, cls.WITHDRAWN),
            cls.UNPUBLISHED: (cls.SUBMITTED, cls.PUBLISHED, cls.WITHDRAWN),
            cls.WITHDRAWN: (),
        }

    @classmethod
    def owner_states(cls):
        """The changes a pledger makes itself; the secretariat makes the others."""
        return (cls.SUBMITTED, cls.WITHDRAWN)

    @classmethod
    def needs_reason(cls):
        return (cls.CHANGES_REQUESTED, cls.UNPUBLISHED)

    @classmethod
    def editable_states(cls):
        """The owner may change the text only before review or when asked to."""
        return (cls.DRAFT, cls.CHANGES_REQUESTED, cls.UNPUBLISHED)


class SupportDirection(models.TextChoices):
    """Whether a pledge seeks a kind of support or offers it (reference.enums.SupportKind)."""

    SEEK = "seek", _("Seeks")
    OFFER = "offer", _("Offers")


class PledgeKind(models.TextChoices):
    FINANCIAL = "financial", _("Financial")
    TECHNICAL = "technical", _("Technical and human resources")
    PROCESS = "process", _("Process")
    POLICY = "policy", _("Policy")


class Stage(models.TextChoices):
    PLANNING = "planning", _("Planning")
    IN_PROGRESS = "in_progress", _("In progress")
    FULFILLED = "fulfilled", _("Fulfilled")
    DISCONTINUED = "discontinued", _("Discontinued")


class ReportingHealth(models.TextChoices):
    """As the SDG partnerships platform does it: amber after a year without a report, red after two.
    The clock starts at publication, so green does not mean that a report exists: a pledge published
    last month is up to date with none (its page then says when the first one is due)."""

    GREEN = "green", _("Up to date: reported or published within the last 12 months")
    AMBER = "amber", _("No report for 12 months")
    RED = "red", _("No report for 24 months")


def pledger_type_choices():
    return [(MEMBER_STATE, _("Member State")), *OrganizationCategory.choices]
