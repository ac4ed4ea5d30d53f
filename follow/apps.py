from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowConfig(AppConfig):
    name = "follow"
    verbose_name = _("Following a topic")
    default_auto_field = "django.db.models.BigAutoField"
