from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import cache_versions


class SideEventsConfig(AppConfig):
    """Side events: the call, applications, the reviewers' scores, decisions, rooms and slots."""

    name = "side_events"
    verbose_name = _("Side events")
    secretariat_permissions = {
        "sideevent": ("change", "view"),
        "sideeventspeaker": ("view",),
        "sideeventreview": ("add", "change", "view"),
    }

    def ready(self):
        # Declares the side events' bookings to forums.bookings (the clash rule lives there).
        from side_events import services

        cache_versions.on_every_write(services.OWN_PAGE_MODELS, services.own_pages_changed, uid="side_event_pages")
