from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    """The forums and their programme: sessions, round tables, statements, topics, rooms."""

    name = "forums"
    verbose_name = _("Forums and programme")
    secretariat_permissions = {
        "forum": ("add", "change", "view"),
        "session": ("add", "change", "delete", "view"),
        "roundtable": ("add", "change", "delete", "view"),
        "statement": ("add", "change", "delete", "view"),
        "topic": ("add", "change", "delete", "view"),
        "room": ("add", "change", "delete", "view"),
    }

    def ready(self):
        from forums import services

        # The programme is public content edited by staff in the admin: any saved change to it
        # shows at once on the public pages (and a forum's title or status in the filters).
        for model in services.PROGRAMME_MODELS:
            for signal in (post_save, post_delete):
                signal.connect(
                    services.programme_changed, sender=model, dispatch_uid=f"programme_{id(signal)}_{model}"
                )
        for through in services.PROGRAMME_RELATIONS:
            m2m_changed.connect(
                services.programme_changed, sender=through, dispatch_uid=f"programme_m2m_{through}"
            )
