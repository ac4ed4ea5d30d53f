from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The pages that join several domains: home, the programme with its side events and its
    calendar, session and objective pages, the demo, and a person's data gathered from every app."""

    name = "portal"
    verbose_name = _("Portal")
