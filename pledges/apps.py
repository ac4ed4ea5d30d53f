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

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from pledges import services

        # Whatever writes them (a service, the admin, a cascade), the pages of the pledgers and
        # partners that show them are fresh at once.
        for model in services.OWN_PAGE_MODELS:
            for signal in (post_save, post_delete):
                signal.connect(
                    services.own_pages_changed,
                    sender=model,
                    dispatch_uid=f"pledge_pages_{id(signal)}_{model.__name__}",
                )
