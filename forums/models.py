import datetime
import uuid
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from forums.enums import ForumStatus, SessionKind, StatementRole
from forums.validators import validate_edition_year, validate_pdf, validate_time_zone
from reference.models import MemberState, Objective

VENUE_TIME_ZONE = "America/New_York"
# The cities of the time zones a forum may be held in, named in the reader's language.
ZONE_CITIES = {"America/New_York": _("New York"), "Europe/Geneva": _("Geneva"), "Europe/Zurich": _("Geneva")}
FORUM_DAYS = 4


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
    venue = models.CharField(_("venue"), max_length=200, default="United Nations Headquarters, New York")
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
    delegate_registration_deadline = models.DateField(
        _("deadline for registering delegates"),
        null=True,
        blank=True,
        help_text=_("The last day accredited organisations may register delegates. No date: the day before the hearing."),
    )
    speaking_request_deadline = models.DateField(
        _("deadline for speaking requests"),
        null=True,
        blank=True,
        help_text=_("The last day accredited organisations may ask to speak. No date: the day before the hearing."),
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
        # The forum's page joins the regional reviews that feed it: it lives in portal.
        return reverse("portal:forum", kwargs={"year": self.year})

    def clean(self):
        errors = {}
        if self.hearing_date and self.start_date and self.hearing_date >= self.start_date:
            errors["hearing_date"] = _("The hearing takes place before the first forum day.")
        if self.start_date and self.end_date:
            expected = self.start_date + datetime.timedelta(days=FORUM_DAYS - 1)
            if self.end_date != expected:
                errors["end_date"] = _(
                    "The forum lasts four days: with a first day of %(start)s the last day is %(end)s."
                ) % {"start": self.start_date.isoformat(), "end": expected.isoformat()}
        errors.update(self._deadline_errors())
        if errors:
            raise ValidationError(errors)

    def _deadline_errors(self):
        """Each window closes before the hearing; Member States' non-objection period follows the
        last request, so that every organisation on the list can be objected to."""
        errors = {}
        if self.hearing_date is None:
            return errors
        for field in (
            "accreditation_deadline",
            "non_objection_deadline",
            "delegate_registration_deadline",
            "speaking_request_deadline",
        ):
            value = getattr(self, field)
            if value is not None and value >= self.hearing_date:
                errors[field] = _("This deadline must fall before the hearing (%(date)s).") % {
                    "date": self.hearing_date.isoformat()
                }
        if (
            "non_objection_deadline" not in errors
            and self.non_objection_deadline is not None
            and self.accreditation_deadline is not None
            and self.non_objection_deadline <= self.accreditation_deadline
        ):
            errors["non_objection_deadline"] = _(
                "The non-objection period ends after the deadline for accreditation requests (%(date)s)."
            ) % {"date": self.accreditation_deadline.isoformat()}
        return errors

    def _closes(self, deadline):
        return deadline if deadline is not None else self.hearing_date - datetime.timedelta(days=1)

    @property
    def accreditation_closes(self):
        """The last day (venue time) for accreditation requests: the deadline, else the day before the hearing."""
        return self._closes(self.accreditation_deadline)

    @property
    def delegate_registration_closes(self):
        return self._closes(self.delegate_registration_deadline)

    @property
    def speaking_requests_close(self):
        return self._closes(self.speaking_request_deadline)

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
        city = ZONE_CITIES.get(self.time_zone) or self.time_zone.rsplit("/", 1)[-1].replace("_", " ")
        abbreviation = self.local_datetime(self.start_date, 12).strftime("%Z")
        return _("%(city)s time (%(abbreviation)s)") % {"city": city, "abbreviation": abbreviation}

    def local_datetime(self, day, hour, minute=0):
        """An aware datetime at the given wall-clock time in the forum's time zone."""
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=self.tz)


class SessionQuerySet(models.QuerySet):
    def open_to_speaking_requests(self):
        """The sessions an accredited organisation may ask to speak in: of a kind with places for
        stakeholders, offered by staff (not the hearing's opening and closing), selection not closed."""
        return self.filter(
            kind__in=SessionKind.stakeholder_speaking(),
            takes_speaking_requests=True,
            speaker_selection_closed_at__isnull=True,
        )


class Session(models.Model):
    # Programme pages list sessions and side events together.
    is_side_event = False

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
    takes_speaking_requests = models.BooleanField(
        _("open to stakeholders' speaking requests"),
        default=True,
        help_text=_(
            "Hearing panels, round tables and the policy debate only. Untick it for the opening and "
            "the closing of the hearing, which are not panels to speak in."
        ),
    )
    tells_not_selected = models.BooleanField(
        _("tell the organisations not selected"),
        null=True,
        blank=True,
        default=None,
        choices=[
            (None, _("As usual: not for the hearing, yes for round tables and the policy debate")),
            (True, _("Yes, mail them when the selection closes")),
            (False, _("No, only the selected are told")),
        ],
    )
    speaker_selection_closed_at = models.DateTimeField(
        _("speaker selection closed"), null=True, blank=True, editable=False
    )

    objects = SessionQuerySet.as_manager()

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
        return reverse("portal:session", kwargs={"year": self.forum.year, "slug": self.slug})

    def clean(self):
        from forums.services import validate_session_schedule

        validate_session_schedule(self)

    @property
    def is_plenary(self):
        return self.kind in SessionKind.plenary()

    @property
    def notifies_not_selected(self):
        """The hearing draws many more requests than it has places and, as in 2022, only the
        selected hear back; a round table or the policy debate reserves a few places, and an
        organisation plans its delegation by the answer, so there everybody is told."""
        if self.tells_not_selected is not None:
            return self.tells_not_selected
        return self.kind != SessionKind.HEARING


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
    affiliation = models.CharField(
        _("organisation of the speaker"),
        max_length=200,
        blank=True,
        help_text=_("For a stakeholder's statement; filled in from the selected nomination."),
    )
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


