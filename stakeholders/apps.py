from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StakeholdersConfig(AppConfig):
    """Accounts' organisations, their members and focal points, accreditation, delegates and
    speaking requests; and the people who act for a Member State."""

    name = "stakeholders"
    verbose_name = _("Stakeholders")
    # The secretariat reviews and confirms; it never creates organisations or accreditations.
    secretariat_permissions = {
        "organization": ("change", "view"),
        "membership": ("view",),
        "invitation": ("view",),
        "joinrequest": ("view",),
        "accreditation": ("change", "view"),
        "objection": ("add", "view"),
        "delegate": ("change", "view"),
        "speakingrequest": ("change", "view"),
        "speakerselection": ("change", "view"),
        "nomination": ("change", "view"),
        "statefocalpoint": ("add", "change", "delete", "view"),
    }
