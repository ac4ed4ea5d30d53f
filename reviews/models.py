
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.validators import random_upload_name
from forums.enums import ForumStatus, StatementRole
from forums.models import Forum, RoundTable, Statement
from reference.models import Country, MemberState
from reviews.enums import Commission, ConsultationKind, SubmissionState
from reviews.validators import DOCUMENT_EXTENSIONS, validate_document, validate_pdf_document
from stakeholders.models import Organization, WebsiteField

# The languages a State may submit its review in: the six of the United Nations.
DOCUMENT_LANGUAGES = settings.LANGUAGES


def review_document_path(instance, filename):
    return random_upload_name("voluntary-reviews", filename)


def statement_path(instance, filename):
    return random_upload_name("national-statements", filename)


def outcome_path(instance, filename):
    return random_upload_name("regional-reviews", filename)


def input_path(instance, filename):
    return random_upload_name("consultation-inputs", filename)


def _day(value):
    return date_format(value, "DATE_FORMAT")


class RegionalCommission(models.Model):
    """One of the five UN Regional Commissions and its Member States, loaded from
    reviews/data/regional_commissions.json by a data migration, never typed in the admin."""

    code = models.CharField(_("commission"), max_length=5, choices=Commission.choices, unique=True)
    members = models.ManyToManyField(
        MemberState, related_name="regional_commissions", verbose_name=_("Member States")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("UN Regional Commission")
        verbose_name_plural = _("UN Regional Commissions")

    def __str__(self):
        return self.get_code_display()


class RegionalReview(models.Model):
    """A regional review of the GCM, organised by a Regional Commission in the years before the
    forum it feeds."""

    commission = models.ForeignKey(
        RegionalCommission, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("commission")
    )
    forum = models.ForeignKey(
        Forum,
        on_delete=models.PROTECT,
        related_name="regional_reviews",
        verbose_name=_("forum it feeds"),
    )
    title = models.CharField(_("title"), max_length=300)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    host_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("host country"),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True, help_text=_("City, building, or online."))
    outcome_document = models.FileField(
        _("outcome document"),
        upload_to=outcome_path,
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf_document],
        help_text=_("PDF, at most 25 MB."),
    )
    outcome_url = WebsiteField(_("outcome document online"), blank=True)
    participating_states = models.ManyToManyField(
        MemberState,
        related_name="regional_reviews",
        blank=True,
        verbose_name=_("participating Member States"),
        help_text=_("Members of the commission that took part."),
    )

    class Meta:
        ordering = ["forum", "commission__code", "start_date"]
        verbose_name = _("regional review")
        verbose_name_plural = _("regional reviews")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="regional_review_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reviews:regional_review", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The last day cannot come before the first day.")
        if self.forum_id and self.end_date and self.end_date >= self.forum.hearing_date:
            errors["end_date"] = _(
                "A regional review feeds the forum: it ends before the forum's hearing (%(date)s)."
            ) % {"date": _day(self.forum.hearing_date)}
        if errors:
            raise ValidationError(errors)


class ConsultationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(forum__status__in=ForumStatus.public_states())


class Consultation(models.Model):
    """A call for written input: opened by the secretariat on a round table's background note or
    on a regional review, or a national consultation a State records (its voluntary review says it
    came from it)."""

    kind = models.CharField(_("kind"), max_length=20, choices=ConsultationKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("what is asked"), blank=True)
    forum = models.ForeignKey(
        Forum,
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("forum"),
        help_text=_("Filled in from the round table or the regional review; choose it for a national consultation."),
    )
    round_table = models.ForeignKey(
        RoundTable,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("round table"),
    )
    regional_review = models.ForeignKey(
        RegionalReview,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("regional review"),
    )
    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="national_consultations",
        verbose_name=_("Member State"),
    )
    deadline = models.DateField(_("deadline"), help_text=_("The last day for input, New York time."))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("opened"), default=timezone.now)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-deadline", "pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The forum follows what the consultation is on, so that it is never entered twice.
        if self.round_table_id:
            self.forum_id = self.round_table.forum_id
        elif self.regional_review_id:
            self.forum_id = self.regional_review.forum_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reviews:consultation", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        targets = {
            ConsultationKind.BACKGROUND_NOTE: "round_table",
            ConsultationKind.REGIONAL_REVIEW: "regional_review",
            ConsultationKind.NATIONAL: "member_state",
        }
        wanted = targets.get(self.kind)
        for field in targets.values():
            given = getattr(self, f"{field}_id") is not None
            if field == wanted and not given:
                errors[field] = _("A consultation of this kind names its %(field)s.") % {
                    "field": self._meta.get_field(field).verbose_name
                }
            elif field != wanted and given:
                errors[field] = _("Leave this empty for a consultation of this kind.")
        if self.round_table_id:
            self.forum_id = self.round_table.forum_id
        elif self.regional_review_id:
            self.forum_id = self.regional_review.forum_id
        if self.forum_id and self.deadline:
            forum = Forum.objects.get(pk=self.forum_id)
            if self.kind == ConsultationKind.REGIONAL_REVIEW and self.regional_review_id:
                review = self.regional_review
                if self.deadline > review.start_date:
                    errors["deadline"] = _(
                        "Input on a regional review is due before the review opens (%(date)s)."
                    ) % {"date": _day(review.start_date)}
            elif self.deadline >= forum.start_date:
                errors["deadline"] = _("Input is due before the forum's first day (%(date)s).") % {
                    "date": _day(forum.start_date)
                }
        if errors:
            raise ValidationError(errors)

    def is_open(self, today=None):
        return (today or timezone.localdate()) <= self.deadline

    @property
    def subject(self):
        return self.round_table or self.regional_review or self.member_state


class Submission(models.Model):
    """What goes through the secretariat's review before the public sees it."""

    state = models.CharField(
        _("state"), max_length=20, choices=SubmissionState.choices, default=SubmissionState.DRAFT
    )
    review_note = models.TextField(_("note from the secretariat"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)

    class Meta:
        abstract = True

    @property
    def is_public(self):
        return self.state == SubmissionState.PUBLISHED

    @property
    def is_editable(self):
        return self.state in SubmissionState.editable_states()


class SubmissionQuerySet(models.QuerySet):
    def published(self):
        """What the public sees: the one rule."""
        return self.filter(state=SubmissionState.PUBLISHED, forum__status__in=_public_forum_states())


def _public_forum_states():
    return ForumStatus.public_states()


class VoluntaryReview(Submission):
    """A State's voluntary review of its progress in implementing the GCM, presented at a forum
    (often as part of its national statement, which forums.Statement.presents_voluntary_review
    records in the programme)."""

    member_state = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, related_name="voluntary_reviews", verbose_name=_("Member State")
    )
    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="voluntary_reviews", verbose_name=_("forum")
    )
    dated_on = models.DateField(_("date of the review"))
    summary = models.TextField(_("summary"), max_length=3000, blank=True)
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="voluntary_reviews",
        verbose_name=_("national consultation it came from"),
        limit_choices_to={"kind": ConsultationKind.NATIONAL},
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["forum", "member_state__name"]
        verbose_name = _("voluntary review")
        verbose_name_plural = _("voluntary reviews")
        permissions = [
            (
                "review_voluntaryreview",
                _("Can review and publish voluntary reviews, national statements and consultation inputs"),
            )
        ]
        constraints = [
            models.UniqueConstraint(fields=["member_state", "forum"], name="voluntary_review_once_per_forum"),
        ]

    def __str__(self):
        return _("Voluntary review of %(state)s, IMRF %(year)s") % {
            "state": self.member_state.name,
            "year": self.forum.year,
        }

    def get_absolute_url(self):
        return reverse("portal:member_state", kwargs={"iso": self.member_state.iso3.lower()})

    def clean(self):
        errors = {}
        if self.forum_id and self.dated_on and self.dated_on > self.forum.end_date:
            errors["dated_on"] = _(
                "A review presented at a forum is dated before its last day (%(date)s)."
            ) % {"date": _day(self.forum.end_date)}
        if self.consultation_id:
            consultation = self.consultation
            if consultation.kind != ConsultationKind.NATIONAL or consultation.member_state_id != self.member_state_id:
                errors["consultation"] = _("Choose a national consultation of this Member State.")
            elif self.dated_on and consultation.deadline > self.dated_on:
                errors["consultation"] = _(
                    "The consultation ran until %(date)s, after the date of the review."
                ) % {"date": _day(consultation.deadline)}
        if errors:
            raise ValidationError(errors)


class VoluntaryReviewDocument(models.Model):
    """The review in one language it was submitted in: one file per language."""

    review = models.ForeignKey(
        VoluntaryReview, on_delete=models.CASCADE, related_name="documents", verbose_name=_("voluntary review")
    )
    language = models.CharField(_("language"), max_length=7, choices=DOCUMENT_LANGUAGES)
    file = models.FileField(
        _("document"),
        upload_to=review_document_path,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_document],
        help_text=_("PDF or office document, at most 25 MB."),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["review", "language"]
        verbose_name = _("review document")
        verbose_name_plural = _("review documents")
        constraints = [
            models.UniqueConstraint(fields=["review", "language"], name="review_document_once_per_language"),
        ]

    def __str__(self):
        return f"{self.review} ({self.get_language_display()})"

    def get_absolute_url(self):
        return reverse("reviews:review_document", kwargs={"pk": self.review_id, "language": self.language})

    @property
    def extension(self):
        return self.file.name.rsplit(".", 1)[-1] if "." in self.file.name else "bin"


class NationalStatement(Submission):
    """The text of a State's national statement at a forum. The programme's entry for it
    (forums.Statement: session, speaker, whether it presents the voluntary review) is the
    secretariat's; this is the statement itself, and takes its State, forum, session and speaker
    from that entry rather than having them typed again."""

    statement = models.OneToOneField(
        Statement,
        on_delete=models.PROTECT,
        related_name="national_statement",
        verbose_name=_("statement in the programme"),
        limit_choices_to={"role": StatementRole.MEMBER_STATE},
    )
    # Copied from the programme's entry on save: one statement per State and forum is a
    # constraint, and the State pages read them without walking the programme.
    member_state = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, related_name="national_statements", editable=False
    )
    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="national_statements", editable=False)
    text = models.TextField(_("text of the statement"), max_length=30000, blank=True)
    pdf = models.FileField(
        _("statement as PDF"),
        upload_to=statement_path,
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf_document],
        help_text=_("PDF, at most 25 MB."),
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["forum", "member_state__name"]
        verbose_name = _("national statement")
        verbose_name_plural = _("national statements")
        constraints = [
            models.UniqueConstraint(fields=["member_state", "forum"], name="national_statement_once_per_forum"),
        ]

    def __str__(self):
        return _("National statement of %(state)s, IMRF %(year)s") % {
            "state": self.member_state.name,
            "year": self.forum.year,
        }

    def save(self, *args, **kwargs):
        self.take_from_programme()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("portal:member_state", kwargs={"iso": self.member_state.iso3.lower()})

    def clean(self):
        if self.statement_id is None:
            return
        if self.statement.role != StatementRole.MEMBER_STATE or not self.statement.member_state_id:
            raise ValidationError({"statement": _("Choose a statement a Member State makes.")})
        self.take_from_programme()

    def take_from_programme(self):
        if self.statement_id:
            statement = self.statement
            self.member_state_id = statement.member_state_id
            self.forum_id = statement.session.forum_id


class NationalImplementationPlan(models.Model):
    """A State's national GCM implementation plan, as the secretariat records it."""

    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        related_name="implementation_plans",
        verbose_name=_("Member State"),
    )
    title = models.CharField(_("title"), max_length=300)
    url = WebsiteField(_("link"))
    adopted_on = models.DateField(_("adopted"))

    class Meta:
        ordering = ["member_state__name", "-adopted_on"]
        verbose_name = _("national implementation plan")
        verbose_name_plural = _("national implementation plans")

    def __str__(self):
        return self.title

    def clean(self):
        if self.adopted_on and self.adopted_on > timezone.localdate():
            raise ValidationError({"adopted_on": _("A plan is recorded once adopted: the date cannot be in the future.")})


class ConsultationInputQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=SubmissionState.PUBLISHED, consultation__forum__status__in=_public_forum_states())


class ConsultationInput(Submission):
    """An accredited organisation's written input to a consultation: text and one attachment."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="inputs", verbose_name=_("consultation")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="consultation_inputs", verbose_name=_("organisation")
    )
    text = models.TextField(_("input"), max_length=10000)
    attachment = models.FileField(
        _("attachment"),
        upload_to=input_path,
        blank=True,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_document],
        help_text=_("PDF or office document, at most 25 MB."),
    )

    objects = ConsultationInputQuerySet.as_manager()

    class Meta:
        ordering = ["consultation", "published_at", "pk"]
        verbose_name = _("consultation input")
        verbose_name_plural = _("consultation inputs")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "organization"], name="consultation_input_once"),
        ]

    def __str__(self):
        return _("Input of %(organization)s to “%(consultation)s”") % {
            "organization": self.organization.name,
            "consultation": self.consultation.title,
        }

    def get_absolute_url(self):
        return self.consultation.get_absolute_url()

    @property
    def forum(self):
        return self.consultation.forum

    @property
    def extension(self):
        return self.attachment.name.rsplit(".", 1)[-1] if "." in self.attachment.name else "bin"
