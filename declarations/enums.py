from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionKind(models.TextChoices):
    """The texts the negotiation publishes, in their order."""

    ZERO_DRAFT = "zero_draft", _("Zero draft")
    REVISION = "revision", _("Revision")
    ADOPTED = "adopted", _("Adopted text")
    ENDORSED = "endorsed", _("General Assembly endorsement")


class KeyMessageState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def valid_next_states(cls):
        return {
            cls.DRAFT: (cls.SUBMITTED, cls.WITHDRAWN),
            cls.SUBMITTED: (cls.PUBLISHED, cls.WITHDRAWN),
            cls.PUBLISHED: (cls.WITHDRAWN,),
            cls.WITHDRAWN: (),
        }

    @classmethod
    def owner_states(cls):
        """The changes the proposing organisation makes itself; the secretariat publishes."""
        return (cls.SUBMITTED, cls.WITHDRAWN)

    @classmethod
    def editable_states(cls):
        return (cls.DRAFT,)


class Fate(models.TextChoices):
    REFLECTED = "reflected", _("Reflected")
    PARTLY_REFLECTED = "partly_reflected", _("Partly reflected")
    NOT_REFLECTED = "not_reflected", _("Not reflected")

    @classmethod
    def landed(cls):
        """The fates that name the paragraph of the new version where the message landed."""
        return (cls.REFLECTED, cls.PARTLY_REFLECTED)
