from django.db import models
from django.utils.translation import gettext_lazy as _

from reference.enums import MEMBER_STATE, OrganizationCategory


class PracticeState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    MORE_INFORMATION = "more_information", _("More information requested")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def valid_next_states(cls):
        return {
            cls.DRAFT: (cls.SUBMITTED, cls.WITHDRAWN),
            cls.SUBMITTED: (cls.MORE_INFORMATION, cls.PUBLISHED, cls.WITHDRAWN),
            cls.MORE_INFORMATION: (cls.SUBMITTED, cls.WITHDRAWN),
            cls.PUBLISHED: (cls.WITHDRAWN,),
            cls.WITHDRAWN: (),
        }

    @classmethod
    def owner_states(cls):
        """The changes the submitting entity makes itself; the secretariat makes the others."""
        return (cls.SUBMITTED, cls.WITHDRAWN)

    @classmethod
    def needs_reason(cls):
        return (cls.MORE_INFORMATION,)

    @classmethod
    def editable_states(cls):
        """The submitter changes the text before review, or when the secretariat asks for more."""
        return (cls.DRAFT, cls.MORE_INFORMATION)


class Completion(models.TextChoices):
    """The Hub's rule: a practice is shared once fully or mostly completed."""

    FULLY = "fully", _("Fully completed")
    MOSTLY = "mostly", _("Mostly completed")


class SupportDirection(models.TextChoices):
    SEEK = "seek", _("Seeks")
    OFFER = "offer", _("Offers")


def implementer_type_choices():
    return [(MEMBER_STATE, _("Member State")), *OrganizationCategory.choices]
