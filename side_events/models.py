from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from forums.enums import ForumStatus
from forums.models import Forum, Room
from reference.enums import Gender, ParticipantCategory, Region
from reference.models import GuidingPrinciple, MemberState, Objective
from side_events.enums import CoOrganizerState, SideEventFormat, SideEventState, SideEventTime
from stakeholders.models import Organization


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
    """An application for a side event, and the event once accepted. Its lead organiser is an
    organisation (accredited to the forum, or of the UN system) or a Member State, exactly one."""

    is_side_event = True

    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="side_events", verbose_name=_("forum")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="side_events",
        verbose_name=_("applying organization"),
    )
    # "Governments, the UN system and stakeholders" apply (the 2022 call): a State through the
    # focal points the secretariat named for it.
    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_side_events",
        verbose_name=_("applying Member State"),
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
    # The secretariat's decision, kept apart until the decisions are sent: `state` is always what
    # the organisers and the public have been told.
    pending_state = models.CharField(
        _("decision not yet sent"),
        max_length=20,
        choices=[(state.value, state.label) for state in SideEventState.decisions()],
        blank=True,
    )
    pending_reason = models.TextField(_("reason to send with the decision"), blank=True)
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
        db_table = "forums_sideevent"
        ordering = ["forum", "starts_at", "title"]
        verbose_name = _("side event")
        verbose_name_plural = _("side events")
        constraints = [
            models.UniqueConstraint(fields=["forum", "slug"], name="side_event_unique_slug_per_forum"),
            models.CheckConstraint(
                condition=(
                    models.Q(organization__isnull=False, member_state__isnull=True)
                    | models.Q(organization__isnull=True, member_state__isnull=False)
                ),
                name="side_event_has_one_lead_organiser",
            ),
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
        return reverse("side_events:detail", kwargs={"year": self.forum.year, "slug": self.slug})

    def get_application_url(self):
        return reverse("side_events:application", kwargs={"pk": self.pk})

    def _unique_slug(self):
        base = slugify(self.title)[:90] or "side-event"
        slug, n = base, 1
        while SideEvent.objects.filter(forum_id=self.forum_id, slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    @property
    def lead_organiser(self):
        """The organisation or the Member State that applies."""
        return self.member_state if self.member_state_id else self.organization

    @property
    def lead_name(self):
        return self.lead_organiser.name

    @property
    def is_scheduled(self):
        return self.starts_at is not None and self.ends_at is not None

    @property
    def decided_state(self):
        """The state the secretariat has decided: the pending decision, else the state."""
        return self.pending_state or self.state


class SideEventCoOrganizerQuerySet(models.QuerySet):
    def public(self):
        """What the public may see: confirmed, and only organisations that chose to be listed."""
        return self.filter(state=CoOrganizerState.CONFIRMED, organization__listed_in_directory=True)


class SideEventCoOrganizer(models.Model):
    """An organisation the applicant names as co-organiser. Like a pledge's partner, it is listed
    publicly only once one of its focal points has confirmed (and only if it is listed in the
    directory); until then only the applicant and the invited organisation see the invitation."""

    side_event = models.ForeignKey(
        SideEvent, on_delete=models.CASCADE, related_name="co_organizers", verbose_name=_("side event")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="side_event_co_organizations",
        verbose_name=_("organisation"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=CoOrganizerState.choices, default=CoOrganizerState.INVITED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = SideEventCoOrganizerQuerySet.as_manager()

    class Meta:
        ordering = ["invited_at", "pk"]
        verbose_name = _("co-organiser")
        verbose_name_plural = _("co-organisers")
        constraints = [
            models.UniqueConstraint(
                fields=["side_event", "organization"], name="side_event_co_organizer_once"
            ),
        ]

    def __str__(self):
        return f"{self.organization} · {self.side_event}"

    def get_absolute_url(self):
        return reverse("side_events:co_organizer", kwargs={"pk": self.pk})

    @property
    def is_confirmed(self):
        return self.state == CoOrganizerState.CONFIRMED


class SideEventSpeaker(models.Model):
    side_event = models.ForeignKey(
        SideEvent, on_delete=models.CASCADE, related_name="speakers", verbose_name=_("side event")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, help_text=_("Title and institution."))
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices)
    category = models.CharField(_("speaks for"), max_length=20, choices=ParticipantCategory.choices)
    region = models.CharField(_("region"), max_length=10, choices=Region.choices)

    class Meta:
        db_table = "forums_sideeventspeaker"
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
        db_table = "forums_sideeventreview"
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


