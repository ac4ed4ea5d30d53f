from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusList(models.TextChoices):
    ECOSOC = "ecosoc", _("ECOSOC list of NGOs in consultative status")
    EARLIER = "earlier", _("Stakeholders accredited to earlier GCM processes")
    GANHRI = "ganhri", _("GANHRI list of national human rights institutions")


class MatchBasis(models.TextChoices):
    PROFILE_NUMBER = "profile_number", _("ECOSOC profile number")
    NAME_AND_COUNTRY = "name_and_country", _("name and country")
    WEBSITE = "website", _("website")
