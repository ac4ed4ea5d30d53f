from django.db import models
from django.utils.translation import gettext_lazy as _


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
            # Regenerating a published summary (its notes changed) publishes it again.
            cls.GENERATING: (cls.READY, cls.FAILED, cls.PENDING, cls.PUBLISHED),
            cls.READY: (cls.PENDING, cls.GENERATING, cls.PUBLISHED),
            cls.FAILED: (cls.PENDING, cls.GENERATING),
            cls.PUBLISHED: (cls.PENDING, cls.GENERATING),
        }

    @classmethod
    def needs_generation(cls):
        return (cls.PENDING, cls.FAILED)
