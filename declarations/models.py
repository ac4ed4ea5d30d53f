"""The Progress Declaration of a forum as the negotiation publishes it: its versions and their
paragraphs; the key messages accredited organisations propose on them, the endorsements of other
organisations, and what the secretariat found each message became in the next version."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from declarations.enums import Fate, KeyMessageState, VersionKind
from forums.models import Forum
from reference.models import GuidingPrinciple, Objective
from stakeholders.models import Organization


class DeclarationVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class DeclarationVersion(models.Model):
    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="declaration_versions", verbose_name=_("forum")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=VersionKind.choices)
    number = models.PositiveSmallIntegerField(
        _("revision number"), default=0, help_text=_("For a revision: 1 for the first, 2 for the second.")
    )
    date = models.DateField(_("date of the text"))
    slug = models.SlugField(_("slug"), max_length=40, editable=False)
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown on the public pages and open to key messages.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = DeclarationVersionQuerySet.as_manager()

    class Meta:
        ordering = ["forum", "date", "pk"]
        verbose_name = _("declaration version")
        verbose_name_plural = _("declaration versions")
        constraints = [
            models.UniqueConstraint(fields=["forum", "slug"], name="declarations_version_unique_slug"),
        ]

    def __str__(self):
        return f"{self.forum.year} · {self.label}"

    def save(self, *args, **kwargs):
        self.slug = self.make_slug()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "slug"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("declarations:version", kwargs={"year": self.forum.year, "slug": self.slug})

    def clean(self):
        """A revision has its number (1, 2…), the other kinds none; a forum has each version once."""
        if self.kind == VersionKind.REVISION and not self.number:
            raise ValidationError({"number": _("Give the revision its number: 1 for the first, 2 for the second.")})
        if self.kind != VersionKind.REVISION:
            self.number = 0
        if self.forum_id is not None:
            twins = DeclarationVersion.objects.filter(forum_id=self.forum_id, slug=self.make_slug()).exclude(pk=self.pk)
            if twins.exists():
                raise ValidationError(_("This forum already has this version: %(label)s.") % {"label": self.label})

    @property
    def label(self):
        if self.kind == VersionKind.REVISION:
            return _("Revision %(number)s") % {"number": self.number}
        return VersionKind(self.kind).label

    def make_slug(self):
        if self.kind == VersionKind.REVISION:
            return f"revision-{self.number}"
        return VersionKind(self.kind).value.replace("_", "-")


class Paragraph(models.Model):
    version = models.ForeignKey(
        DeclarationVersion, on_delete=models.CASCADE, related_name="paragraphs", verbose_name=_("version")
    )
    number = models.PositiveIntegerField(_("number"))
    section = models.CharField(_("section"), max_length=200, blank=True)
    text = models.TextField(_("text"), max_length=5000)

    class Meta:
        ordering = ["version", "number"]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="declarations_paragraph_unique_number"),
        ]

    def __str__(self):
        return _("Paragraph %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return reverse(
            "declarations:paragraph",
            kwargs={"year": self.version.forum.year, "slug": self.version.slug, "number": self.number},
        )


class KeyMessageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=KeyMessageState.PUBLISHED)


class KeyMessage(models.Model):
    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="key_messages", verbose_name=_("forum")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="key_messages", verbose_name=_("organisation")
    )
    version = models.ForeignKey(
        DeclarationVersion,
        on_delete=models.PROTECT,
        related_name="key_messages",
        verbose_name=_("version addressed"),
    )
    paragraphs = models.ManyToManyField(
        Paragraph, related_name="key_messages", verbose_name=_("paragraphs addressed")
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("key message"), max_length=2000)
    objectives = models.ManyToManyField(Objective, related_name="key_messages", verbose_name=_("GCM objectives"))
    guiding_principles = models.ManyToManyField(
        GuidingPrinciple, related_name="key_messages", blank=True, verbose_name=_("guiding principles")
    )
    state = models.CharField(
        _("state"), max_length=20, choices=KeyMessageState.choices, default=KeyMessageState.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = KeyMessageQuerySet.as_manager()

    class Meta:
        ordering = ["forum", "pk"]
        verbose_name = _("key message")
        verbose_name_plural = _("key messages")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("declarations:message", kwargs={"year": self.forum.year, "pk": self.pk})


class Endorsement(models.Model):
    message = models.ForeignKey(
        KeyMessage, on_delete=models.CASCADE, related_name="endorsements", verbose_name=_("key message")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="endorsements", verbose_name=_("organisation")
    )
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("endorsed by")
    )
    created_at = models.DateTimeField(_("endorsed"), default=timezone.now)

    class Meta:
        ordering = ["message", "created_at", "pk"]
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            # One endorsement per organisation, whoever of its focal points gives it.
            models.UniqueConstraint(fields=["message", "organization"], name="declarations_one_endorsement"),
        ]

    def __str__(self):
        return f"{self.organization} · {self.message}"


class MessageOutcome(models.Model):
    message = models.ForeignKey(
        KeyMessage, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("key message")
    )
    version = models.ForeignKey(
        DeclarationVersion, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("new version")
    )
    fate = models.CharField(_("fate"), max_length=20, choices=Fate.choices)
    paragraph = models.ForeignKey(
        Paragraph,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="landed_outcomes",
        verbose_name=_("paragraph where it landed"),
    )
    note = models.TextField(_("note"), max_length=1000, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("marked by")
    )
    marked_at = models.DateTimeField(_("marked"), default=timezone.now)

    class Meta:
        ordering = ["message", "version__date", "pk"]
        verbose_name = _("outcome of a key message")
        verbose_name_plural = _("outcomes of key messages")
        constraints = [
            models.UniqueConstraint(fields=["message", "version"], name="declarations_one_outcome_per_version"),
        ]

    def __str__(self):
        return f"{self.message} · {self.version.label}: {self.get_fate_display()}"
