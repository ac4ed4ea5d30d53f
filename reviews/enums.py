from django.db import models
from django.utils.translation import gettext_lazy as _


class Commission(models.TextChoices):
    """The five UN Regional Commissions, which organise the regional reviews of the GCM: a list of
    their own, not the M49 continents pledges are filtered by (ECE reaches from Vancouver to
    Vladivostok, ECLAC and ESCAP count members outside their region)."""

    ECA = "ECA", _("Economic Commission for Africa (ECA)")
    ECE = "ECE", _("Economic Commission for Europe (ECE)")
    ECLAC = "ECLAC", _("Economic Commission for Latin America and the Caribbean (ECLAC)")
    ESCAP = "ESCAP", _("Economic and Social Commission for Asia and the Pacific (ESCAP)")
    ESCWA = "ESCWA", _("Economic and Social Commission for Western Asia (ESCWA)")


class SubmissionState(models.TextChoices):
    """What a State or an organisation submits for publication: a voluntary review, a national
    statement, an input to a consultation. Each goes through the secretariat's review."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def valid_next_states(cls):
        return {
            cls.DRAFT: (cls.SUBMITTED, cls.WITHDRAWN),
            cls.SUBMITTED: (cls.RETURNED, cls.PUBLISHED, cls.WITHDRAWN),
            cls.RETURNED: (cls.SUBMITTED, cls.WITHDRAWN),
            # The secretariat takes a publication back for changes; the submitter may withdraw it.
            cls.PUBLISHED: (cls.RETURNED, cls.WITHDRAWN),
            cls.WITHDRAWN: (),
        }

    @classmethod
    def owner_states(cls):
        """The changes the submitter makes; the secretariat makes the others (and these too)."""
        return (cls.SUBMITTED, cls.WITHDRAWN)

    @classmethod
    def needs_reason(cls):
        return (cls.RETURNED,)

    @classmethod
    def editable_states(cls):
        return (cls.DRAFT, cls.RETURNED)


class ConsultationKind(models.TextChoices):
    BACKGROUND_NOTE = "background_note", _("On a round table's background note")
    REGIONAL_REVIEW = "regional_review", _("On a regional review")
    NATIONAL = "national", _("National consultation")
