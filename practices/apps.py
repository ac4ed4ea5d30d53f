from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    """Good practices: submissions, calls for practices and the public registry of practices."""

    name = "practices"
    verbose_name = _("Good practices")
    secretariat_permissions = {
        "practice": ("change", "view", "review"),
        "practicecall": ("add", "change", "view"),
        "practicesupport": ("view",),
    }
