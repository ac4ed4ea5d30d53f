import datetime
import uuid
import zoneinfo

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forums.enums import (
    ForumStatus,
    Gender,
    Region,
    SessionKind,
    SideEventFormat,
    SideEventState,
    SideEventTime,
    SpeakerCategory,
    StatementRole,
    SummaryState,
)
from forums.validators import validate_edition_year, validate_pdf, validate_time_zone

VENUE_TIME_ZONE = "America/New_York"
FORUM_DAYS = 4


class Objective(models.Model):
    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(23)]
    )
    title = models.TextField(_("official title"))
    short_label = models.CharField(_("short label"), max_length=80)

    class Meta:
        ordering = ["number"]
        verbose_name = _("GCM objective")
        verbose_name_plural = _("GCM objectives")

    def __str__(self):
        return f"{self.number}. {self.short_label}"

    def get_absolute_url(self):
        return reverse("forums:objective", kwargs={"number": self.number})


class GuidingPrinciple(models.Model):
    letter = models.CharField(_("letter"), max_length=1, unique=True)
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        ordering = ["letter"]
        verbose_name = _("guiding principle")
        verbose_name_plural = _("guiding principles")

    def __str__(self):
        return f"({self.letter}) {self.name}"


class CountryQuerySet(models.QuerySet):
    def member_states(self):
        return self.filter(un_member=True)


class Country(models.Model):
    """Countries and territories with an M49 code: where organisations sit and work."""

    iso3 = models.CharField(_("ISO 3166 alpha-3 code"), max_length=3, unique=True)
    iso2 = models.CharField(_("ISO 3166 alpha-2 code"), max_length=2, unique=True)
    m49_code = models.PositiveSmallIntegerField(_("M49 code"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.CharField(_("M49 region"), max_length=10, choices=Region.choices)
    subregion = models.CharField(_("M49 sub-region"), max_length=40)
    un_member = models.BooleanField(_("UN Member State"), default=False)

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country or territory")
        verbose_name_plural = _("countries and territories")

    def __str__(self):
        return self.name


class MemberStateManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(un_member=True)


class MemberState(Country):
    """The 193 Member States of the United Nations."""

    objects = MemberStateManager()

    class Meta:
        proxy = True
        ordering = ["name"]
        verbose_name = _("Member State")
        verbose_name_plural = _("Member States")


class Room(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self):
        return self.name


class ForumQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=ForumStatus.public_states())


class Forum(models.Model):
    year = models.PositiveSmallIntegerField(
        _("edition"),
        unique=True,
        validators=[validate_edition_year],
        help_text=_("Every four years from 2022."),
    )
    title = models.CharField(_("title"), max_length=200)
    venue = models.CharField(_("venue"), max_length=200, default=_("United Nations Headquarters, New York"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=VENUE_TIME_ZONE, validators=[validate_time_zone]
    )
    hearing_date = models.DateField(
        _("date of the multi-stakeholder hearing"),
        help_text=_("The one-day hearing held before the forum."),
    )
    start_date = models.DateField(_("first forum day"))
    end_date = models.DateField(_("last forum day"))
    hearing_rapporteur = models.CharField(
        _("civil-society rapporteur of the hearing"),
        max_length=200,
        blank=True,
        help_text=_("Name and organisation, as they should appear on the programme."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ForumStatus.choices, default=ForumStatus.PLANNING
    )
    accreditation_deadline = models.DateField(
        _("deadline for accreditation requests"),
        null=True,
        blank=True,
        help_text=_("The last day organisations may register or apply for special accreditation."),
    )
    non_objection_deadline = models.DateField(
        _("non-objection deadline"),
        null=True,
        blank=True,
        help_text=_("Member States may object to organisations on the non-objection list until this day."),
    )
    delegate_cap = models.PositiveSmallIntegerField(
        _("delegates per organisation"),
        default=5,
        help_text=_("How many delegates one accredited organisation may register."),
    )
    side_event_call_deadline = models.DateField(
        _("side-event call closes"),
        null=True,
        blank=True,
        help_text=_(
            "The last day accredited organisations may submit or edit side-event applications. "
            "No date: no call for side events."
        ),
    )

    objects = ForumQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__gt=models.F("hearing_date")),
                name="forum_hearing_before_forum",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="forum_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forums:forum", kwargs={"year": self.year})

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.hearing_date and self.start_date and self.hearing_date >= self.start_date:
            errors["hearing_date"] = _("The hearing takes place before the first forum day.")
        if self.start_date and self.end_date:
            expected = self.start_date + datetime.timedelta(days=FORUM_DAYS - 1)
            if self.end_date != expected:
                errors["end_date"] = _(
                    "The forum lasts four days: with a first day of %(start)s the last day is %(end)s."
                ) % {"start": self.start_date.isoformat(), "end": expected.isoformat()}
        if errors:
            raise ValidationError(errors)

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_public(self):
        return self.status in ForumStatus.public_states()

    @property
    def forum_days(self):
        days = (self.end_date - self.start_date).days + 1
        return [self.start_date + datetime.timedelta(days=n) for n in range(days)]

    @property
    def programme_days(self):
        return [self.hearing_date, *self.forum_days]

    @property
    def venue_time_label(self):
        """For example "New York time (EDT)": the zone as it stands during the forum."""
        city = self.time_zone.rsplit("/", 1)[-1].replace("_", " ")
        abbreviation = self.local_datetime(self.start_date, 12).strftime("%Z")
        return _("%(city)s time (%(abbreviation)s)") % {"city": city, "abbreviation": abbreviation}

    def local_datetime(self, day, hour, minute=0):
        """An aware datetime at the given wall-clock time in the forum's time zone."""
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=self.tz)


class Session(models.Model):
    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("forum")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("room"),
        null=True,
        blank=True,
    )
    starts_at = models.DateTimeField(_("starts at"), help_text=_("Venue time: New York."))
    ends_at = models.DateTimeField(_("ends at"), help_text=_("Venue time: New York."))
    chair = models.CharField(
        _("chair"),
        max_length=200,
        blank=True,
        help_text=_("Who chairs or presides over the session."),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["starts_at", "title"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(fields=["forum", "slug"], name="session_unique_slug_per_forum"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forums:session", kwargs={"year": self.forum.year, "slug": self.slug})

    def clean(self):
        from forums.services import validate_session_schedule

        validate_session_schedule(self)

    @property
    def is_plenary(self):
        return self.kind in SessionKind.plenary()


def background_note_path(instance, filename):
    # Random names: an upload never reveals, or collides with, another file's name.
    return f"background-notes/{uuid.uuid4().hex}.pdf"


class RoundTable(Session):
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    theme = models.CharField(_("theme"), max_length=300)
    objectives = models.ManyToManyField(Objective, related_name="round_tables", verbose_name=_("objectives"))
    co_chairs = models.ManyToManyField(
        MemberState,
        related_name="co_chaired_round_tables",
        verbose_name=_("co-chairs"),
        help_text=_(
            "Exactly two Member State representatives, appointed by the President of the General Assembly."
        ),
    )
    keynote_speaker = models.CharField(_("keynote speaker"), max_length=200, blank=True)
    background_note = models.FileField(
        _("background note"),
        upload_to=background_note_path,
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
        help_text=_("PDF, at most 10 MB."),
    )

    class Meta:
        ordering = ["forum", "number"]
        verbose_name = _("round table")
        verbose_name_plural = _("round tables")

    def save(self, *args, **kwargs):
        self.kind = SessionKind.ROUND_TABLE
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        self.kind = SessionKind.ROUND_TABLE
        errors = {}
        try:
            super().clean()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if self.forum_id and self.number:
            taken = RoundTable.objects.filter(forum_id=self.forum_id, number=self.number)
            if taken.exclude(pk=self.pk).exists():
                errors.setdefault("number", []).append(
                    ValidationError(
                        _("This forum already has a round table %(number)s."), params={"number": self.number}
                    )
                )
        if errors:
            raise ValidationError(errors)


class Statement(models.Model):
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="statements", verbose_name=_("session")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    role = models.CharField(_("speaking as"), max_length=20, choices=StatementRole.choices)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("Member State"),
    )
    presents_voluntary_review = models.BooleanField(
        _("presents its voluntary review of GCM progress"), default=False
    )

    class Meta:
        ordering = ["session", "order", "pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self):
        who = self.member_state or self.speaker or self.get_role_display()
        return f"{self.get_role_display()}: {who}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.role == StatementRole.MEMBER_STATE and not self.member_state_id:
            raise ValidationError({"member_state": _("Name the Member State making this statement.")})
        if self.presents_voluntary_review and self.role != StatementRole.MEMBER_STATE:
            raise ValidationError(
                {"presents_voluntary_review": _("Only Member States present voluntary reviews.")}
            )


class Topic(models.Model):
    """A topic of the policy debate (or of any session that lists its topics)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="topics", verbose_name=_("session")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("topic"), max_length=300)

    class Meta:
        ordering = ["session", "order", "pk"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.title


class ActivityLog(models.Model):
    """The trace every state change leaves: who, when, from which state to which."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    timestamp = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=100)
    old_state = models.CharField(_("from"), max_length=40, blank=True)
    new_state = models.CharField(_("to"), max_length=40, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-timestamp", "-pk"]
        verbose_name = _("activity log entry")
        verbose_name_plural = _("activity log")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.action}: {self.old_state} → {self.new_state}"


# --- Side events ------------------------------------------------------------------------------


class SideEventQuerySet(models.QuerySet):
    def public(self):
        """Accepted, scheduled, announced to their organisers, in a public forum."""
        return self.filter(
            state=SideEventState.ACCEPTED,
            notified_at__isnull=False,
            starts_at__isnull=False,
            ends_at__isnull=False,
            forum__status__in=ForumStatus.public_states(),
        )

    def scheduled(self):
        """Side events that hold a room or a slot: everything but the withdrawn and rejected."""
        return self.filter(starts_at__isnull=False, ends_at__isnull=False).exclude(
            state__in=(SideEventState.WITHDRAWN, SideEventState.REJECTED)
        )


class SideEvent(models.Model):
    """An accredited organisation's application for a side event, and the event once accepted."""

    is_side_event = True

    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="side_events", verbose_name=_("forum")
    )
    organization = models.ForeignKey(
        "stakeholders.Organization",
        on_delete=models.PROTECT,
        related_name="side_events",
        verbose_name=_("applying organization"),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, editable=False)
    description = models.TextField(_("description"), max_length=3000)
    format = models.CharField(_("format"), max_length=20, choices=SideEventFormat.choices)
    preferred_day = models.DateField(_("preferred day"))
    preferred_time = models.CharField(_("preferred time"), max_length=20, choices=SideEventTime.choices)
    expected_audience = models.PositiveIntegerField(
        _("expected audience"), help_text=_("How many participants you expect, in the room and online.")
    )
    co_organizers = models.ManyToManyField(
        "stakeholders.Organization",
        blank=True,
        related_name="co_organized_side_events",
        verbose_name=_("co-organizing organizations"),
    )
    co_organizing_states = models.ManyToManyField(
        MemberState,
        blank=True,
        related_name="co_organized_side_events",
        verbose_name=_("co-organizing Member States"),
    )
    objectives = models.ManyToManyField(
        Objective, related_name="side_events", verbose_name=_("GCM objectives")
    )
    guiding_principles = models.ManyToManyField(
        GuidingPrinciple, blank=True, related_name="side_events", verbose_name=_("guiding principles")
    )
    outcomes = models.TextField(_("concrete outcomes expected"), max_length=2000)
    set_up = models.TextField(
        _("set-up"),
        max_length=2000,
        blank=True,
        help_text=_("How the event is run: its format, participation, anything innovative."),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=SideEventState.choices, default=SideEventState.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    notified_at = models.DateTimeField(_("decision sent"), null=True, blank=True)
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="side_events",
        verbose_name=_("room"),
    )
    starts_at = models.DateTimeField(
        _("starts at"), null=True, blank=True, help_text=_("Venue time: New York.")
    )
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True, help_text=_("Venue time: New York."))

    objects = SideEventQuerySet.as_manager()

    class Meta:
        ordering = ["forum", "starts_at", "title"]
        verbose_name = _("side event")
        verbose_name_plural = _("side events")
        constraints = [
            models.UniqueConstraint(fields=["forum", "slug"], name="side_event_unique_slug_per_forum"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at"))
                | models.Q(starts_at__isnull=True)
                | models.Q(ends_at__isnull=True),
                name="side_event_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("forums:side_event", kwargs={"year": self.forum.year, "slug": self.slug})

    def get_application_url(self):
        return reverse("forums:my_side_event", kwargs={"pk": self.pk})

    def _unique_slug(self):
        from django.utils.text import slugify

        base = slugify(self.title)[:90] or "side-event"
        slug, n = base, 1
        while SideEvent.objects.filter(forum_id=self.forum_id, slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    @property
    def is_scheduled(self):
        return self.starts_at is not None and self.ends_at is not None

    @property
    def decision_pending_notification(self):
        return self.state in SideEventState.decisions() and self.notified_at is None


class SideEventSpeaker(models.Model):
    side_event = models.ForeignKey(
        SideEvent, on_delete=models.CASCADE, related_name="speakers", verbose_name=_("side event")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, help_text=_("Title and institution."))
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices)
    category = models.CharField(_("speaks for"), max_length=20, choices=SpeakerCategory.choices)
    region = models.CharField(_("region"), max_length=10, choices=Region.choices)

    class Meta:
        ordering = ["side_event", "order", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name


SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
# The published selection criteria, each scored by every reviewer.
REVIEW_CRITERIA = (
    "speaker_level",
    "speaker_diversity",
    "stakeholder_panel",
    "geographic_balance",
    "concrete_outcomes",
    "innovative_set_up",
)


class SideEventReview(models.Model):
    """One reviewer's scores for one application, 1 (weak) to 5 (strong) on each published criterion."""

    CRITERIA = REVIEW_CRITERIA

    side_event = models.ForeignKey(
        SideEvent, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("side event")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("reviewer")
    )
    speaker_level = models.PositiveSmallIntegerField(_("level of speakers"), validators=SCORE_VALIDATORS)
    speaker_diversity = models.PositiveSmallIntegerField(
        _("diversity of speakers, including gender"), validators=SCORE_VALIDATORS
    )
    stakeholder_panel = models.PositiveSmallIntegerField(
        _("stakeholders on the panel"), validators=SCORE_VALIDATORS
    )
    geographic_balance = models.PositiveSmallIntegerField(
        _("geographic balance"), validators=SCORE_VALIDATORS
    )
    concrete_outcomes = models.PositiveSmallIntegerField(_("concrete outcomes"), validators=SCORE_VALIDATORS)
    innovative_set_up = models.PositiveSmallIntegerField(_("innovative set-up"), validators=SCORE_VALIDATORS)
    comment = models.TextField(_("comment"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), default=timezone.now)

    class Meta:
        ordering = ["side_event", "reviewed_at"]
        verbose_name = _("side-event review")
        verbose_name_plural = _("side-event reviews")
        constraints = [
            models.UniqueConstraint(fields=["side_event", "reviewer"], name="one_review_per_reviewer"),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__gte": 1, f"{name}__lte": 5}), name=f"review_{name}_1_to_5"
                )
                for name in REVIEW_CRITERIA
            ],
        ]

    def __str__(self):
        return f"{self.reviewer} · {self.side_event}"

    @property
    def total(self):
        return sum(getattr(self, name) for name in self.CRITERIA)


class Holiday(models.Model):
    """An official holiday at UN Headquarters: no working day for the summaries' deadline."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["date"]
        verbose_name = _("UN Headquarters holiday")
        verbose_name_plural = _("UN Headquarters holidays")

    def __str__(self):
        return f"{self.date.isoformat()} {self.name}"


class Summary(models.Model):
    """The summary of one session, written by staff and rendered to HTML and PDF by Celery."""

    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, related_name="summary", verbose_name=_("session")
    )
    key_messages = models.TextField(_("key messages"), blank=True)
    discussion = models.TextField(_("main points of discussion"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=SummaryState.choices, default=SummaryState.PENDING
    )
    error = models.TextField(_("last error"), blank=True)
    html_file = models.FileField(_("HTML"), blank=True, max_length=200)
    pdf_file = models.FileField(_("PDF"), blank=True, max_length=200)
    content_hash = models.CharField(_("fingerprint of the rendered content"), max_length=64, blank=True)
    generated_at = models.DateTimeField(_("generated"), null=True, blank=True)
    published_at = models.DateTimeField(_("distributed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("notes saved"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )

    class Meta:
        ordering = ["session__starts_at"]
        verbose_name = _("summary")
        verbose_name_plural = _("summaries")

    def __str__(self):
        return str(self.session)

    def get_absolute_url(self):
        return reverse("forums:summary", kwargs={"year": self.session.forum.year, "slug": self.session.slug})

    @property
    def has_content(self):
        return bool(self.key_messages or self.discussion or self.recommendations)


class SummaryMailing(models.Model):
    """That a delegate was sent a forum's summaries: they are sent once, never twice."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="summary_mailings")
    email = models.EmailField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("summary mailing")
        verbose_name_plural = _("summary mailings")
        constraints = [models.UniqueConstraint(fields=["forum", "email"], name="summaries_mailed_once")]

    def __str__(self):
        return f"{self.forum.year} → {self.email}"
