from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from coalitions.enums import CoalitionState, JoinedBy, MembershipState
from reference.models import Country, MemberState, Objective
from stakeholders.models import Organization

# Slugs that are pages of their own under /coalitions/.
RESERVED_SLUGS = {"new", "mine", "members"}


def one_entity():
    return models.Q(organization__isnull=False, member_state__isnull=True) | models.Q(
        organization__isnull=True, member_state__isnull=False
    )


class CoalitionQuerySet(models.QuerySet):
    def public(self):
        """What anyone may see: published by its convenor (a closed coalition stays on record)."""
        return self.filter(state__in=CoalitionState.public_states())


class Coalition(models.Model):
    """Organisations and Member States working together on one topic, with the aim of a joint
    pledge. Convened by one organisation or one Member State (through its focal points)."""

    title = models.CharField(_("topic"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, editable=False)
    description = models.TextField(_("description"), max_length=3000)
    objectives = models.ManyToManyField(
        Objective, related_name="coalitions", verbose_name=_("GCM objectives")
    )
    countries = models.ManyToManyField(Country, blank=True, related_name="+", verbose_name=_("countries"))
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="convened_coalitions",
        verbose_name=_("convening organisation"),
    )
    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="convened_coalitions",
        verbose_name=_("convening Member State"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=CoalitionState.choices, default=CoalitionState.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # The members' shared draft: the last writer wins, but only over the version they read.
    draft_text = models.TextField(_("shared draft"), blank=True, max_length=20000)
    draft_version = models.PositiveIntegerField(_("draft version"), default=0)
    draft_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("draft last edited by"),
    )
    draft_edited_at = models.DateTimeField(_("draft last edited"), null=True, blank=True)

    objects = CoalitionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("coalition")
        verbose_name_plural = _("coalitions")
        constraints = [
            models.CheckConstraint(condition=one_entity(), name="coalition_has_one_convenor"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("coalitions:detail", kwargs={"slug": self.slug})

    def _unique_slug(self):
        base = slugify(self.title)[:90] or "coalition"
        slug, n = base, 1
        while slug in RESERVED_SLUGS or Coalition.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    @property
    def convenor(self):
        return self.member_state if self.member_state_id else self.organization

    @property
    def is_public(self):
        return self.state in CoalitionState.public_states()


class CoalitionMemberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(state=MembershipState.CONFIRMED)


class CoalitionMember(models.Model):
    """An organisation or a Member State in a coalition (the convenor too, from the start)."""

    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="members", verbose_name=_("coalition")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coalition_memberships",
        verbose_name=_("organisation"),
    )
    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coalition_memberships",
        verbose_name=_("Member State"),
    )
    state = models.CharField(_("state"), max_length=20, choices=MembershipState.choices)
    joined_by = models.CharField(_("joins"), max_length=20, choices=JoinedBy.choices)
    message = models.TextField(_("message"), blank=True, max_length=1000)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = CoalitionMemberQuerySet.as_manager()

    class Meta:
        ordering = ["asked_at", "pk"]
        verbose_name = _("coalition member")
        verbose_name_plural = _("coalition members")
        constraints = [
            models.CheckConstraint(condition=one_entity(), name="coalition_member_is_one_entity"),
            models.UniqueConstraint(fields=["coalition", "organization"], name="coalition_organization_once"),
            models.UniqueConstraint(fields=["coalition", "member_state"], name="coalition_state_once"),
        ]

    def __str__(self):
        return f"{self.entity} · {self.coalition}"

    def get_absolute_url(self):
        return reverse("coalitions:member", kwargs={"pk": self.pk})

    @property
    def entity(self):
        return self.member_state if self.member_state_id else self.organization

    @property
    def is_convenor(self):
        return self.joined_by == JoinedBy.CONVENOR

    @property
    def is_confirmed(self):
        return self.state == MembershipState.CONFIRMED


class WorkspaceNote(models.Model):
    """A post in the members' workspace, signed with the entity its author acts for."""

    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="notes", verbose_name=_("coalition")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    member = models.ForeignKey(
        CoalitionMember, on_delete=models.CASCADE, related_name="notes", verbose_name=_("posted for")
    )
    text = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(_("posted"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("workspace note")
        verbose_name_plural = _("workspace notes")

    def __str__(self):
        return f"{self.coalition} · {self.created_at:%Y-%m-%d}"
