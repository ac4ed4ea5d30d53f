
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.codes import split_codes
from core.validators import OFFICE_EXTENSIONS, random_upload_name
from forums.models import Forum
from practices.enums import Completion, PracticeState, SupportDirection, implementer_type_choices
from practices.validators import validate_attachment, validate_start
from reference.enums import Region, SupportKind
from reference.models import Country, GuidingPrinciple, MemberState, Objective
from stakeholders.models import Organization, WebsiteField


def attachment_path(instance, filename):
    return random_upload_name("practice-attachments", filename)


class PracticeCallQuerySet(models.QuerySet):
    def open_on(self, day):
        return self.filter(opens__lte=day, deadline__gte=day)


class PracticeCall(models.Model):
    """A thematic call for practices, opened by the secretariat (e.g. "migration data")."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    theme = models.CharField(_("theme"), max_length=120)
    description = models.TextField(_("description"), max_length=5000)
    opens = models.DateField(_("opens on"))
    deadline = models.DateField(_("deadline"), help_text=_("The last day practices may answer, New York time."))
    forum = models.ForeignKey(
        Forum, on_delete=models.SET_NULL, null=True, blank=True, related_name="practice_calls", verbose_name=_("forum")
    )

    objects = PracticeCallQuerySet.as_manager()

    class Meta:
        ordering = ["-deadline", "pk"]
        verbose_name = _("call for practices")
        verbose_name_plural = _("calls for practices")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practices:call", kwargs={"slug": self.slug})

    def clean(self):
        if self.opens and self.deadline and self.deadline < self.opens:
            raise ValidationError({"deadline": _("The deadline cannot be before the call opens.")})

    def is_open(self, day=None):
        day = day or timezone.localdate()
        return self.opens <= day <= self.deadline


class PracticeQuerySet(models.QuerySet):
    def published(self):
        """What the public sees: the one rule."""
        return self.filter(state=PracticeState.PUBLISHED)


class Practice(models.Model):
    state = models.CharField(
        _("state"), max_length=20, choices=PracticeState.choices, default=PracticeState.DRAFT, db_index=True
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=600, help_text=_("At most 600 characters."))
    description = models.TextField(_("description"), max_length=8000)
    # The implementing entity: the submitting organisation or Member State, exactly one.
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="practices",
        verbose_name=_("implementing organisation"),
    )
    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="practices",
        verbose_name=_("implementing Member State"),
    )
    partners = models.TextField(
        _("partner entities"), blank=True, max_length=1000, help_text=_("One per line.")
    )
    countries = models.ManyToManyField(
        Country, related_name="+", blank=True, verbose_name=_("countries where it was implemented")
    )
    regions = models.JSONField(_("regions where it was implemented"), default=list, blank=True)
    objectives = models.ManyToManyField(Objective, related_name="practices", verbose_name=_("GCM objectives"))
    principles = models.ManyToManyField(
        GuidingPrinciple, related_name="practices", blank=True, verbose_name=_("guiding principles")
    )
    start_date = models.DateField(_("start date"), validators=[validate_start])
    end_date = models.DateField(_("end date"), null=True, blank=True)
    completion = models.CharField(_("completion"), max_length=10, choices=Completion.choices)
    results = models.TextField(_("results and evidence"), max_length=5000)
    innovative = models.TextField(
        _("what makes it innovative"), max_length=3000, help_text=_("What it does that had not been done before.")
    )
    replicable = models.TextField(
        _("what makes it replicable"), max_length=3000, help_text=_("What another place needs to do the same.")
    )
    lessons = models.TextField(_("lessons learned"), max_length=3000, blank=True)
    link = WebsiteField(_("link"), blank=True, max_length=500)
    attachment = models.FileField(
        _("attachment"),
        upload_to=attachment_path,
        blank=True,
        validators=[FileExtensionValidator(OFFICE_EXTENSIONS), validate_attachment],
        help_text=_("One PDF or office document, at most 25 MB."),
    )
    contact_name = models.CharField(_("contact name"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    call = models.ForeignKey(
        PracticeCall,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="practices",
        verbose_name=_("answers the call"),
    )
    review_note = models.TextField(_("secretariat's note to the submitter"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    # Denormalised for the registry: a page is filtered, counted and shown from this row alone.
    implementer_type = models.CharField(_("implementer type"), max_length=20, blank=True)
    implementer_name = models.CharField(_("implementer"), max_length=300, blank=True)
    objective_codes = models.CharField(max_length=100, blank=True)
    principle_codes = models.CharField(max_length=30, blank=True)
    region_codes = models.CharField(max_length=60, blank=True)
    country_codes = models.TextField(blank=True)
    # PostgreSQL's full-text vector (practices.search), GIN-indexed there; empty on SQLite. The
    # facet columns above are also in a covering index there (migration 0002), from which the
    # registry counts them without reading the wide rows.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        permissions = [("review_practice", _("Can review and publish good practices"))]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organization__isnull=False, member_state__isnull=True)
                    | models.Q(organization__isnull=True, member_state__isnull=False)
                ),
                name="practice_has_one_implementing_entity",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "-published_at"], name="practice_state_published"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        # The page is the portal's: it lists the pledges that build on the practice.
        return reverse("portal:practice", kwargs={"pk": self.pk})

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    @property
    def is_public(self):
        return self.state == PracticeState.PUBLISHED

    @property
    def implementer(self):
        return self.member_state if self.member_state_id else self.organization

    def get_implementer_type_display(self):
        return dict(implementer_type_choices()).get(self.implementer_type, self.implementer_type)

    @property
    def partner_list(self):
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    @property
    def region_labels(self):
        labels = dict(Region.choices)
        return [str(labels.get(code, code)) for code in split_codes(self.region_codes)]

    def support_of(self, direction):
        labels = dict(SupportKind.choices)
        return [labels[s.kind] for s in self.support.all() if s.direction == direction and s.kind in labels]

    @property
    def seeks(self):
        return self.support_of(SupportDirection.SEEK)

    @property
    def offers(self):
        return self.support_of(SupportDirection.OFFER)


class PracticeSupport(models.Model):
    """What a practice seeks or offers, one SupportKind per row (the codes pledges use too)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="support")
    direction = models.CharField(_("direction"), max_length=5, choices=SupportDirection.choices)
    kind = models.CharField(_("kind of support"), max_length=30, choices=SupportKind.choices)

    class Meta:
        ordering = ["practice", "direction", "kind"]
        verbose_name = _("support sought or offered")
        verbose_name_plural = _("support sought or offered")
        constraints = [
            models.UniqueConstraint(fields=["practice", "direction", "kind"], name="practice_support_once"),
        ]

    def __str__(self):
        return f"{self.get_direction_display()}: {self.get_kind_display()}"
