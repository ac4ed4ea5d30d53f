from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forums and programme")

    def ready(self):
        # The summaries' admin lives in its own module beside forums/admin.py.
        import_module("forums.summary_admin")
        # Any saved change to the portal's data invalidates the cached public pages.
        from imrf_portal import page_cache

        page_cache.connect()
