from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import cache_versions


class StakeholdersConfig(AppConfig):
    """Accounts' organisations, their members and focal points, accreditation, delegates and
    speaking requests; and the people who act for a Member State."""

    name = "stakeholders"
    verbose_name = _("Stakeholders")
    # The secretariat reviews and confirms; it never creates organisations or accreditations.
    secretariat_permissions = {
        "organization": ("change", "view"),
        "membership": ("view",),
        "invitation": ("view",),
        "joinrequest": ("view",),
        "accreditation": ("change", "view"),
        "objection": ("add", "view"),
        "delegate": ("change", "view"),
        "speakingrequest": ("change", "view"),
        "speakerselection": ("change", "view"),
        "nomination": ("change", "view"),
        "statefocalpoint": ("add", "change", "delete", "view"),
    }

    def ready(self):
        from django.db.models.signals import post_delete

        from stakeholders.models import Delegate
        from stakeholders.services import OWN_PAGE_MODELS, delete_grounds_pass_files, own_pages_changed

        # A delegate's row also goes when its organisation or accreditation is deleted (a
        # cascade no service sees): its private files must not outlive it.
        post_delete.connect(delete_grounds_pass_files, sender=Delegate, dispatch_uid="delegate_grounds_pass_files")
        cache_versions.on_every_write(OWN_PAGE_MODELS, own_pages_changed, uid="own_pages")
