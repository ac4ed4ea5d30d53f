from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeclarationsConfig(AppConfig):
    """The Progress Declaration tracker: versions, paragraphs, key messages, endorsements and what became of them."""

    name = "declarations"
    verbose_name = _("Progress Declaration")
    secretariat_permissions = {
        "declarationversion": ("add", "change", "view"),
        "paragraph": ("add", "change", "delete", "view"),
        "keymessage": ("change", "view"),
        "endorsement": ("view",),
        "messageoutcome": ("view",),
    }
