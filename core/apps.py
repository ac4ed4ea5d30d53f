from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app of the portal needs and none of them owns. Depends on no app of ours."""

    name = "core"
    verbose_name = _("Portal core")
    secretariat_permissions = {"activitylog": ("view",), "outboxmessage": ("view",)}

    def ready(self):
        from PIL import Image

        from core import images, roles

        # Pillow's guard against decompression bombs, for every image any part of the portal
        # opens (logos, images WeasyPrint reads): refused above twice this many pixels.
        Image.MAX_IMAGE_PIXELS = images.PILLOW_MAX_IMAGE_PIXELS

        # After every migrate (and every test flush) the Secretariat group is put back to exactly
        # what the apps declare.
        post_migrate.connect(roles.sync_after_migrate, dispatch_uid="core_roles_sync")
