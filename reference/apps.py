from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    """The Global Compact's objectives and guiding principles, countries and Member States,
    regions, stakeholder categories: official lists every app reads and none edits."""

    name = "reference"
    verbose_name = _("Reference data")
    # Official texts come from data migrations: the secretariat reads them and edits none.
    secretariat_permissions = {
        "objective": ("view",),
        "guidingprinciple": ("view",),
        "country": ("view",),
        "memberstate": ("view",),
    }
