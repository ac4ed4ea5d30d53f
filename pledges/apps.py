from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    """Pledges, their partners, indicators and progress reports, and the public registry."""

    name = "pledges"
    verbose_name = _("Pledges")
    secretariat_permissions = {
        "pledge": ("change", "view", "review"),
        "pledgepartner": ("view",),
        "indicator": ("view",),
        "progressreport": ("view",),
        "indicatorvalue": ("view",),
    }
