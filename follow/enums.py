from django.db import models
from django.utils.translation import gettext_lazy as _


class TopicKind(models.TextChoices):
    OBJECTIVE = "objective", _("GCM objective")
    COUNTRY = "country", _("country")
    ORGANIZATION = "organization", _("organisation")
    PLEDGE = "pledge", _("pledge")


class EntryKind(models.TextChoices):
    PLEDGE = "pledge", _("New pledge")
    REPORT = "report", _("Progress report")
    SUMMARY = "summary", _("Summary")
