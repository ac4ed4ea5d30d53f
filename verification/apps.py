from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerificationConfig(AppConfig):
    """The lists the secretariat holds (ECOSOC consultative status, earlier GCM and IMRF
    accreditation, GANHRI's NHRIs), imported as CSV and matched to organisations: the only source,
    with a staff decision, of an organisation's verified status. Above stakeholders, whose
    set_verified_status it calls; nothing below it knows it exists."""

    name = "verification"
    verbose_name = _("Verified status")
    # Staff import lists and confirm or undo matches; an import itself is a record, never edited.
    secretariat_permissions = {
        "statuslistimport": ("add", "view"),
        "statuslistentry": ("change", "view"),
    }
