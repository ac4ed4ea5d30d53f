from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionsConfig(AppConfig):
    """Coalitions on a topic: convenors, members, their workspace."""

    name = "coalitions"
    verbose_name = _("Coalitions")
    # The workspace's notes are the members' own: the secretariat sees coalitions and who is in them.
    secretariat_permissions = {
        "coalition": ("change", "view"),
        "coalitionmember": ("view",),
    }
