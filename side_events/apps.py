from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


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
        from django.db.models.signals import post_delete, post_save

        # Declares the side events' bookings to forums.bookings (the clash rule lives there).
        from side_events import services

        # Whatever writes them (a service, the admin, a cascade), the dashboards that show them
        # are fresh at once.
        for model in services.OWN_PAGE_MODELS:
            for signal in (post_save, post_delete):
                signal.connect(
                    services.own_pages_changed,
                    sender=model,
                    dispatch_uid=f"side_event_pages_{id(signal)}_{model.__name__}",
                )
