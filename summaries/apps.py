from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SummariesConfig(AppConfig):
    """The post-forum summaries: written by staff, rendered by Celery, published on time."""

    name = "summaries"
    verbose_name = _("Summaries")
    secretariat_permissions = {
        "holiday": ("add", "change", "delete", "view"),
        "summary": ("change", "view"),
        "summarymailing": ("view",),
        "compilation": ("view",),
    }
