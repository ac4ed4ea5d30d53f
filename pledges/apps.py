from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import cache_versions


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

    def ready(self):
        from pledges import services

        cache_versions.on_every_write(services.OWN_PAGE_MODELS, services.own_pages_changed, uid="pledge_pages")
