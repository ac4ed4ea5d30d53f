from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reference.models import Country
from stakeholders.enums import EcosocStatus
from stakeholders.models import Organization
from verification.enums import MatchBasis, StatusList


class StatusListImport(models.Model):
    """One upload of one of the secretariat's lists, with what it changed."""

    kind = models.CharField(_("list"), max_length=10, choices=StatusList.choices)
    filename = models.CharField(_("file"), max_length=255)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    added = models.PositiveIntegerField(_("new entries"), default=0)
    updated = models.PositiveIntegerField(_("entries updated"), default=0)
    dropped = models.PositiveIntegerField(_("entries no longer on the list"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("list import")
        verbose_name_plural = _("list imports")

    def __str__(self):
        return f"{self.get_kind_display()} · {timezone.localtime(self.uploaded_at):%Y-%m-%d %H:%M}"


class StatusListEntry(models.Model):
    """An organisation as one of the lists names it, and the portal organisation it is matched to
    (by staff, never automatically: the importer only proposes a candidate)."""

    kind = models.CharField(_("list"), max_length=10, choices=StatusList.choices)
    # What identifies the entry from one import to the next: the ECOSOC profile number when the
    # list gives one, else the normalised name and the country.
    key = models.CharField(max_length=300, editable=False)
    name = models.CharField(_("name"), max_length=300)
    normalized_name = models.CharField(max_length=300, editable=False, db_index=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    website = models.CharField(_("website"), max_length=300, blank=True)
    website_host = models.CharField(max_length=300, blank=True, editable=False, db_index=True)
    ecosoc_status = models.CharField(
        _("ECOSOC consultative status"), max_length=10, choices=EcosocStatus.choices, blank=True
    )
    profile_number = models.CharField(_("ECOSOC profile number"), max_length=20, blank=True, db_index=True)
    last_import = models.ForeignKey(
        StatusListImport,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("last imported in"),
    )
    on_latest_list = models.BooleanField(_("on the latest list"), default=True)
    candidate = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed match"),
    )
    candidate_basis = models.CharField(
        _("proposed on"), max_length=20, choices=MatchBasis.choices, blank=True
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="status_list_entries",
        verbose_name=_("matched organisation"),
    )
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    matched_at = models.DateTimeField(_("matched"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "normalized_name"]
        verbose_name = _("list entry")
        verbose_name_plural = _("list entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="status_list_entry_once_per_list"),
            models.UniqueConstraint(
                fields=["kind", "organization"],
                condition=models.Q(organization__isnull=False),
                name="status_list_one_match_per_organization",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.country})"
