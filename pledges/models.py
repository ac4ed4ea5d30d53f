import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import FileExtensionValidator, MaxLengthValidator, MinLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalitions.models import Coalition
from core.codes import split_codes
from core.validators import random_upload_name
from forums.models import Forum
from pledges.enums import (
    MEMBER_STATE,
    PledgeKind,
    PledgeState,
    ReportingHealth,
    Stage,
    SupportDirection,
    pledger_type_choices,
)
from pledges.validators import OFFICE_EXTENSIONS, validate_attachment
from practices.models import Practice
from reference.enums import SupportKind
from reference.models import Country, GuidingPrinciple, MemberState, Objective
from stakeholders.models import Organization

TEXT_MIN = 300
TEXT_MAX = 3000
AMBER_AFTER_DAYS = 365
RED_AFTER_DAYS = 730
REMIND_DAYS_BEFORE_AMBER = 30


def attachment_path(instance, filename):
    return random_upload_name("pledge-attachments", filename)


class PledgeCounter(models.Model):
    """The last reference number given in a forum; locked while a new one is allocated."""

    forum = models.OneToOneField(Forum, on_delete=models.CASCADE, related_name="+", primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("pledge counter")
        verbose_name_plural = _("pledge counters")

    def __str__(self):
        return f"{self.forum_id}: {self.last_number}"


class PledgeQuerySet(models.QuerySet):
    def published(self):
        """What is public in full: the one rule."""
        return self.filter(state=PledgeState.PUBLISHED)

    def formerly_published(self):
        """Published once, not now (withdrawn, unpublished, or back under review): each keeps a
        public record, the tombstone (Pledge.TOMBSTONE_FIELDS), and never vanishes."""
        return self.filter(published_at__isnull=False).exclude(state=PledgeState.PUBLISHED)

    def on_record(self):
        """Every pledge with a public record: the published ones in full, the others as tombstones."""
        return self.filter(models.Q(state=PledgeState.PUBLISHED) | models.Q(published_at__isnull=False))


class Pledge(models.Model):
    # What the public record of a formerly published pledge shows: nothing else of it (the text,
    # indicators, reports, partners' details, contact, attachment) once it has left the registry.
    TOMBSTONE_FIELDS = (
        "reference",
        "forum_id",
        "title",
        "pledger_type",
        "pledger_names",
        "published_at",
        "left_registry_at",
        "state",
        "public_reason",
        "updated_at",
        "member_state_id",
    )

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="pledges", verbose_name=_("forum")
    )
    state = models.CharField(
        _("state"), max_length=20, choices=PledgeState.choices, default=PledgeState.DRAFT, db_index=True
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(
        _("text of the pledge"),
        validators=[
            MinLengthValidator(
                TEXT_MIN,
                message=_(
                    "The text of a pledge has at least %(limit_value)d characters; this one has %(show_value)d."
                ),
            ),
            MaxLengthValidator(
                TEXT_MAX,
                message=_(
                    "The text of a pledge has at most %(limit_value)d characters; this one has %(show_value)d."
                ),
            ),
        ],
        help_text=_("300 to 3,000 characters: what you commit to do, for whom, by when."),
    )
    kind_financial = models.BooleanField(PledgeKind.FINANCIAL.label, default=False)
    kind_technical = models.BooleanField(PledgeKind.TECHNICAL.label, default=False)
    kind_process = models.BooleanField(PledgeKind.PROCESS.label, default=False)
    kind_policy = models.BooleanField(PledgeKind.POLICY.label, default=False)
    objectives = models.ManyToManyField(Objective, related_name="pledges", verbose_name=_("GCM objectives"))
    principles = models.ManyToManyField(
        GuidingPrinciple, related_name="pledges", blank=True, verbose_name=_("guiding principles")
    )
    countries = models.ManyToManyField(
        Country, related_name="+", blank=True, verbose_name=_("countries where it is carried out")
    )
    regions = models.JSONField(_("regions where it is carried out"), default=list, blank=True)
    global_scope = models.BooleanField(_("global"), default=False)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    resources = models.TextField(_("resources committed"), blank=True, max_length=1000)
    amount = models.DecimalField(_("amount"), max_digits=15, decimal_places=2, null=True, blank=True)
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("ISO 4217 code, for example USD or EUR.")
    )
    # The pledging entity: an organisation or a Member State, exactly one.
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pledges",
        verbose_name=_("pledging organisation"),
    )
    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pledges",
        verbose_name=_("pledging Member State"),
    )
    matches = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="matched_by",
        verbose_name=_("matches the pledge"),
    )
    # A joint pledge the coalition's convenor made from it (pledges.services.create_joint_pledge).
    # PROTECT: a coalition a pledge came from is closed, never deleted, so the pledge can say so.
    coalition = models.ForeignKey(
        Coalition,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="joint_pledges",
        verbose_name=_("coalition it came from"),
        editable=False,
    )
    # Derived from the pledge's PledgeSupport rows (services.refresh_denormalised), never edited:
    # true when it seeks, or offers, at least one kind of support. Kept as columns so that the
    # registry's ?seeking=true and ?offering=true and the exports' columns go on as before.
    seeking_partners = models.BooleanField(_("seeking partners"), default=False)
    offering_support = models.BooleanField(_("offering support"), default=False)
    attachment = models.FileField(
        _("attachment"),
        upload_to=attachment_path,
        blank=True,
        validators=[FileExtensionValidator(OFFICE_EXTENSIONS), validate_attachment],
        help_text=_("One PDF or office document, at most 25 MB."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    practices = models.ManyToManyField(
        Practice,
        related_name="pledges",
        blank=True,
        verbose_name=_("good practices it builds on"),
    )
    # The reviewer's checklist.
    check_in_scope = models.BooleanField(_("in scope of the GCM (migrants, not refugees)"), default=False)
    check_measurable = models.BooleanField(_("measurable (SMART indicators)"), default=False)
    check_objectives = models.BooleanField(_("objectives and principles correctly chosen"), default=False)
    review_note = models.TextField(_("reviewer's note to the pledger"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    # Denormalised for the registry: a page is filtered, sorted and shown from this row alone.
    pledger_type = models.CharField(_("pledger type"), max_length=20, blank=True, db_index=True)
    pledger_names = models.TextField(_("pledgers"), blank=True)
    objective_codes = models.CharField(max_length=100, blank=True)
    principle_codes = models.CharField(max_length=30, blank=True)
    region_codes = models.CharField(max_length=60, blank=True)
    country_codes = models.TextField(blank=True)
    seek_codes = models.CharField(max_length=120, blank=True)
    offer_codes = models.CharField(max_length=120, blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.PLANNING)
    last_report_at = models.DateField(_("last progress report"), null=True, blank=True)
    health_since = models.DateField(
        _("reporting clock"), null=True, blank=True, help_text=_("The last report, else the publication.")
    )
    reminded_at = models.DateTimeField(_("reminded to report"), null=True, blank=True)
    # The public record of a pledge that left the registry: when, and the reason stated then.
    left_registry_at = models.DateTimeField(_("left the registry"), null=True, blank=True)
    public_reason = models.TextField(_("reason stated publicly"), blank=True)

    objects = PledgeQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        permissions = [("review_pledge", _("Can review, publish and unpublish pledges"))]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organization__isnull=False, member_state__isnull=True)
                    | models.Q(organization__isnull=True, member_state__isnull=False)
                ),
                name="pledge_has_one_pledging_entity",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "-published_at"], name="pledge_state_published"),
            models.Index(fields=["state", "health_since"], name="pledge_state_health"),
        ]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self):
        return reverse("pledges:detail", kwargs={"reference": self.reference})

    @property
    def is_public(self):
        return self.state == PledgeState.PUBLISHED

    @property
    def is_former(self):
        """Published once and not now: the public sees its tombstone (formerly_published())."""
        return self.published_at is not None and self.state != PledgeState.PUBLISHED

    @property
    def kinds(self):
        return [kind for kind in PledgeKind if getattr(self, f"kind_{kind.value}")]

    def get_kinds_display(self):
        return [kind.label for kind in self.kinds]

    @property
    def seeks(self):
        return [SupportKind(code) for code in split_codes(self.seek_codes)]

    @property
    def offers(self):
        return [SupportKind(code) for code in split_codes(self.offer_codes)]

    @property
    def pledger(self):
        return self.member_state if self.member_state_id else self.organization

    @property
    def objective_numbers(self):
        return [int(n) for n in split_codes(self.objective_codes)]

    @property
    def region_list(self):
        return split_codes(self.region_codes)

    def get_pledger_type_display(self):
        return dict(pledger_type_choices()).get(self.pledger_type, self.pledger_type)

    def reporting_health(self, today=None):
        return reporting_health_of(self.state, self.health_since, today or timezone.localdate())

    @property
    def report_due_on(self):
        """The day the health turns amber without a new report."""
        return report_due_on(self.health_since)


def reporting_health_of(state, health_since, today):
    """Pledge.reporting_health from a row's values: None unless published."""
    if state != PledgeState.PUBLISHED or health_since is None:
        return None
    return health_of(health_since, today)


def report_due_on(health_since):
    """Pledge.report_due_on from a row's value."""
    if health_since is None:
        return None
    return health_since + datetime.timedelta(days=AMBER_AFTER_DAYS)


def health_of(since, today):
    age = (today - since).days
    if age >= RED_AFTER_DAYS:
        return ReportingHealth.RED
    if age >= AMBER_AFTER_DAYS:
        return ReportingHealth.AMBER
    return ReportingHealth.GREEN


class PledgeSearch(models.Model):
    """A pledge's full-text vector, in a narrow table of its own (PostgreSQL only; empty on
    SQLite). A search visits this table's heap for every match: with nothing else in its rows,
    100,000 of them fit in 1,700 pages instead of the pledge table's 18,000."""

    pledge = models.OneToOneField(
        Pledge, on_delete=models.CASCADE, primary_key=True, related_name="search", editable=False
    )
    vector = SearchVectorField()

    class Meta:
        verbose_name = _("pledge search vector")
        verbose_name_plural = _("pledge search vectors")

    def __str__(self):
        return str(self.pledge_id)


class PledgeSearchHead(models.Model):
    """The lexemes of a pledge's reference and title, and of its pledgers (without positions),
    which rank the matches: small, kept in line, each with an index of its own, and apart from
    the long vectors so that neither search reads the other's pages."""

    pledge = models.OneToOneField(
        Pledge, on_delete=models.CASCADE, primary_key=True, related_name="search_head", editable=False
    )
    title = SearchVectorField()
    pledgers = SearchVectorField()

    class Meta:
        verbose_name = _("pledge ranking vector")
        verbose_name_plural = _("pledge ranking vectors")

    def __str__(self):
        return str(self.pledge_id)


class PledgeSupport(models.Model):
    """One kind of support a pledge seeks or offers: the one record of it (the pledge row's
    seek_codes, offer_codes and flags are copies). Matching reads these rows by kind."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="support")
    direction = models.CharField(_("seeks or offers"), max_length=5, choices=SupportDirection.choices)
    kind = models.CharField(_("kind of support"), max_length=30, choices=SupportKind.choices)

    class Meta:
        ordering = ["pledge", "direction", "kind"]
        verbose_name = _("support sought or offered")
        verbose_name_plural = _("support sought or offered")
        constraints = [
            models.UniqueConstraint(fields=["pledge", "direction", "kind"], name="pledge_support_once"),
        ]
        indexes = [
            # Matching: "which pledges offer this kind?" read from the index alone.
            models.Index(fields=["direction", "kind", "pledge"], name="pledge_support_match"),
        ]

    def __str__(self):
        return f"{self.pledge_id} {self.direction} {self.kind}"


class PledgeMatchKey(models.Model):
    """An index for matching, derived from a published pledge's offers, objectives and countries
    (rebuilt by services.refresh_match_keys, like PledgeSearch from its text): one row per kind
    it offers and objective ("o:3") or country ("c:KEN") it works on, with its pledger. The
    pledges that offer what one seeks on its topics are then one index range per pair, grouped,
    ranked and cut to the page before any pledge row is read."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="+", editable=False)
    # "org:12" or "state:45": a pledger's own pledges are no match for it.
    pledger = models.CharField(max_length=20)
    kind = models.CharField(max_length=30, choices=SupportKind.choices)
    topic = models.CharField(max_length=8)

    class Meta:
        verbose_name = _("matching key")
        verbose_name_plural = _("matching keys")
        indexes = [models.Index(fields=["kind", "topic", "pledge", "pledger"], name="pledge_match_key")]

    def __str__(self):
        return f"{self.pledge_id} {self.kind} {self.topic}"


def match_pledger(organization_id, member_state_id):
    return f"state:{member_state_id}" if member_state_id else f"org:{organization_id}"


def match_topics(objective_codes, country_codes):
    """A pledge's topics as its matching keys name them: "o:3" per objective, "c:KEN" per country."""
    return [f"o:{n}" for n in split_codes(objective_codes)] + [f"c:{iso3}" for iso3 in split_codes(country_codes)]


class PledgeMessage(models.Model):
    """A message written to a pledge's focal points through the portal ("Contact the pledger"):
    mailed without showing them to the sender; the rows count the rate limit."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    member_state = models.ForeignKey(MemberState, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    body = models.TextField(_("message"), max_length=3000)
    share_address = models.BooleanField(_("share my e-mail address"), default=False)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("message to a pledger")
        verbose_name_plural = _("messages to pledgers")
        indexes = [models.Index(fields=["sender", "created_at"], name="pledge_message_sender")]

    def __str__(self):
        return f"{self.pledge_id} · {self.created_at:%Y-%m-%d}"


class PledgePartner(models.Model):
    """A partner in a joint pledge: listed only once it has confirmed."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="partners")
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pledge_partnerships",
        verbose_name=_("organisation"),
    )
    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pledge_partnerships",
        verbose_name=_("Member State"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["invited_at", "pk"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organization__isnull=False, member_state__isnull=True)
                    | models.Q(organization__isnull=True, member_state__isnull=False)
                ),
                name="pledge_partner_is_one_entity",
            ),
            models.UniqueConstraint(
                fields=["pledge", "organization"], name="pledge_partner_organization_once"
            ),
            models.UniqueConstraint(fields=["pledge", "member_state"], name="pledge_partner_state_once"),
        ]

    def __str__(self):
        return str(self.entity)

    @property
    def entity(self):
        return self.member_state if self.member_state_id else self.organization

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def entity_type(self):
        return MEMBER_STATE if self.member_state_id else self.organization.category


class Indicator(models.Model):
    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50, blank=True, help_text=_("For example: people, %, USD."))
    baseline = models.DecimalField(_("baseline"), max_digits=15, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=15, decimal_places=2)
    target_date = models.DateField(_("target date"))

    class Meta:
        ordering = ["pledge", "order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.description


class ProgressReport(models.Model):
    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField(_("date of the report"), default=timezone.localdate)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    narrative = models.TextField(_("what was done"), max_length=5000)
    organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    member_state = models.ForeignKey(
        MemberState, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now)

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self):
        return f"{self.pledge.reference} · {self.reported_on}"

    @property
    def reporter(self):
        return self.member_state if self.member_state_id else self.organization


class IndicatorValue(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("current value"), max_digits=15, decimal_places=2)

    class Meta:
        ordering = ["indicator__order", "indicator_id"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_value_per_indicator_and_report")
        ]

    def __str__(self):
        return f"{self.indicator_id}: {self.value}"
