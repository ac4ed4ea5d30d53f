import datetime
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.images import ReencodedImageField
from core.storage import private
from forums.enums import ForumStatus, SessionKind
from forums.models import Forum, Session, Statement
from reference.enums import OrganizationCategory, Region, StakeholderCategory
from reference.models import Country, MemberState
from stakeholders.enums import (
    AccreditationKind,
    AccreditationState,
    Attendance,
    DelegateState,
    EcosocStatus,
    JoinRequestState,
    ListingConsent,
    MembershipRole,
    NominationRole,
    NominationState,
    ObjectionState,
    SpeakingRequestState,
)
from stakeholders.validators import validate_logo, validate_nomination_letter, validate_photo


def logo_path(instance, filename):
    # Random names; the extension comes from the decoded format, not from the uploaded name.
    return f"logos/{uuid.uuid4().hex}"


def nomination_letter_path(instance, filename):
    return f"nomination-letters/{uuid.uuid4().hex}.pdf"


def delegate_photo_path(instance, filename):
    # Always a PNG: the field stores the upload re-encoded (core.images).
    return f"delegate-photos/{uuid.uuid4().hex}.png"


class WebsiteField(models.URLField):
    """A URL field whose form assumes https:// when the scheme is left out."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class OrganizationQuerySet(models.QuerySet):
    def with_public_page(self):
        """The organisations that have a public page: listed in the directory and approved for a
        public forum. The page, the directory's links and the pledgers' names all ask this."""
        # Exists rather than a join: no duplicate rows to remove, so it also works as a subquery.
        approved = Accreditation.objects.filter(
            organization=models.OuterRef("pk"),
            state=AccreditationState.APPROVED,
            forum__status__in=ForumStatus.public_states(),
        )
        return self.filter(models.Exists(approved), listed_in_directory=True)


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    # UN system and other intergovernmental organisations: set by the secretariat only (logged).
    category = models.CharField(_("stakeholder category"), max_length=20, choices=OrganizationCategory.choices)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country of headquarters")
    )
    work_countries = models.ManyToManyField(
        Country, blank=True, related_name="+", verbose_name=_("countries of work")
    )
    work_regions = models.JSONField(_("regions of work"), default=list, blank=True)
    website = WebsiteField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=3000)
    # Stored as a PNG re-encoded from the pixels (core.images): nothing else of the upload is kept.
    logo = ReencodedImageField(
        _("logo"),
        upload_to=logo_path,
        blank=True,
        validators=[validate_logo],
        help_text=_(
            "PNG, JPEG, WebP or GIF, at most 2 MB and 4,096 × 4,096 pixels; kept as a PNG of at most 1,024 pixels."
        ),
    )
    # What the organisation states about itself. A claim never grants anything: it sends a
    # registration to the secretariat's verification (issue 12).
    claimed_ecosoc_status = models.CharField(
        _("ECOSOC consultative status you hold"),
        max_length=10,
        choices=EcosocStatus.choices,
        default=EcosocStatus.NONE,
        help_text=_("The secretariat verifies it against the ECOSOC list before it counts."),
    )
    ecosoc_profile_number = models.CharField(
        _("ECOSOC profile number"),
        max_length=20,
        blank=True,
        help_text=_("The number of your organisation's profile with the ECOSOC NGO Branch, if it has one."),
    )
    claims_previous_accreditation = models.BooleanField(
        _("accredited to an earlier GCM process"),
        default=False,
        help_text=_("For example to the intergovernmental conference of 2018 or to IMRF 2022."),
    )
    # What the secretariat holds: set only by stakeholders.services.set_verified_status, from a
    # match against an imported list or from a staff decision with a reason; never by a form.
    verified_ecosoc_status = models.CharField(
        _("ECOSOC consultative status (verified)"),
        max_length=10,
        choices=EcosocStatus.choices,
        default=EcosocStatus.NONE,
        editable=False,
    )
    verified_previous_accreditation = models.BooleanField(
        _("earlier GCM accreditation (verified)"), default=False, editable=False
    )
    verified_nhri = models.BooleanField(
        _("national human rights institution confirmed against the GANHRI list"), default=False, editable=False
    )
    listed_in_directory = models.BooleanField(
        _("list us in the public directory of accredited organisations"), default=True
    )
    publish_description = models.BooleanField(_("publish our description"), default=True)
    publish_website = models.BooleanField(_("publish our website"), default=True)
    publish_logo = models.BooleanField(_("publish our logo"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.UniqueConstraint(Lower("name"), "country", name="organization_unique_name_per_country"),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("portal:organization", kwargs={"slug": self.slug})

    def _unique_slug(self):
        base = slugify(self.acronym or self.name)[:200] or "organization"
        slug, n = base, 1
        while Organization.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    @property
    def is_nhri(self):
        return self.category == StakeholderCategory.NHRI

    @property
    def is_intergovernmental(self):
        """A body of the UN system or another intergovernmental organisation, as the secretariat
        recorded: it organises side events and pledges without accreditation."""
        return self.category == OrganizationCategory.UN_SYSTEM

    @property
    def registers_directly(self):
        """A verified basis for registration instead of special accreditation: ECOSOC status or an
        earlier GCM accreditation the secretariat verified, or an NHRI it confirmed."""
        return self.direct_registration_kind is not None

    @property
    def direct_registration_kind(self):
        if self.is_nhri and self.verified_nhri:
            return AccreditationKind.NHRI
        if self.verified_ecosoc_status != EcosocStatus.NONE or self.verified_previous_accreditation:
            return AccreditationKind.REGISTRATION
        return None

    @property
    def claims_status(self):
        """The organisation states a basis for registration that the secretariat has not verified."""
        return not self.registers_directly and (
            self.is_nhri or self.claimed_ecosoc_status != EcosocStatus.NONE or self.claims_previous_accreditation
        )

    @property
    def claimed_registration_kind(self):
        return AccreditationKind.NHRI if self.is_nhri else AccreditationKind.REGISTRATION

    def get_work_regions_display(self):
        labels = dict(Region.choices)
        return [labels.get(code, code) for code in self.work_regions]

    # What the organisation agreed to publish: the directory's page, the logo's address and the
    # open-data API read these, never the fields themselves.
    @property
    def public_description(self):
        return self.description if self.publish_description else ""

    @property
    def public_website(self):
        return self.website if self.publish_website else ""

    @property
    def public_logo(self):
        return self.logo if self.publish_logo and self.logo else None


class Membership(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organization")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership", verbose_name=_("user")
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        ordering = ["organization", "role", "joined_at"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} – {self.organization} ({self.get_role_display()})"

    @property
    def is_focal_point(self):
        return self.role == MembershipRole.FOCAL_POINT


def invitation_token():
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organization")
    )
    email = models.EmailField(_("e-mail"))
    token = models.CharField(max_length=64, unique=True, default=invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.organization}"

    def get_absolute_url(self):
        return reverse("stakeholders:accept_invitation", kwargs={"token": self.token})

    @property
    def expires_at(self):
        """An invitation is valid for settings.INVITATION_VALID_DAYS after it was sent: a link
        forwarded or found in an old mailbox does not open the organisation for ever."""
        return self.created_at + datetime.timedelta(days=settings.INVITATION_VALID_DAYS)

    @property
    def is_expired(self):
        return timezone.now() >= self.expires_at


class JoinRequest(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="join_requests", verbose_name=_("organization")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("user"),
    )
    message = models.TextField(_("message to the focal points"), blank=True, max_length=1000)
    state = models.CharField(
        _("state"), max_length=10, choices=JoinRequestState.choices, default=JoinRequestState.PENDING
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"],
                condition=models.Q(state="pending"),
                name="one_pending_join_request_per_user_and_organization",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.organization}"


class AccreditationQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(state=AccreditationState.APPROVED)


class Accreditation(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="accreditations", verbose_name=_("organization")
    )
    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="accreditations", verbose_name=_("forum")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AccreditationKind.choices)
    state = models.CharField(_("state"), max_length=30, choices=AccreditationState.choices)
    mission = models.TextField(_("mission and main activities"), blank=True, max_length=3000)
    migration_work = models.TextField(
        _("work on migration and relevance to the Global Compact"), blank=True, max_length=3000
    )
    contact_email = models.EmailField(_("contact e-mail for the secretariat"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    state_changed_at = models.DateTimeField(_("state changed"), default=timezone.now)

    objects = AccreditationQuerySet.as_manager()

    class Meta:
        ordering = ["forum", "organization__name"]
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        constraints = [
            models.UniqueConstraint(fields=["organization", "forum"], name="one_accreditation_per_forum"),
        ]

    def __str__(self):
        return f"{self.organization} · IMRF {self.forum.year}"

    def get_absolute_url(self):
        return reverse("stakeholders:accreditation", kwargs={"year": self.forum.year})

    @property
    def is_approved(self):
        return self.state == AccreditationState.APPROVED


class ObjectionQuerySet(models.QuerySet):
    def standing(self):
        return self.filter(state=ObjectionState.STANDING)


class Objection(models.Model):
    """A Member State's objection to an organisation on the non-objection list: made by the State's
    focal point on the portal, or recorded by the secretariat from a note verbale on its behalf."""

    accreditation = models.ForeignKey(
        Accreditation, on_delete=models.CASCADE, related_name="objections", verbose_name=_("accreditation")
    )
    member_state = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, related_name="+", verbose_name=_("Member State")
    )
    note = models.TextField(_("reason"), blank=True, max_length=2000)
    state = models.CharField(
        _("state"), max_length=20, choices=ObjectionState.choices, default=ObjectionState.STANDING
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    # True when the secretariat copied the State's note verbale: the State did not act on the portal.
    recorded_by_secretariat = models.BooleanField(
        _("recorded by the secretariat on behalf of the State"), default=False, editable=False
    )

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        constraints = [
            models.UniqueConstraint(
                fields=["accreditation", "member_state"],
                condition=models.Q(state="standing"),
                name="one_standing_objection_per_state",
            ),
        ]

    def __str__(self):
        return f"{self.member_state} objects to {self.accreditation}"

    @property
    def is_standing(self):
        return self.state == ObjectionState.STANDING


class Delegate(models.Model):
    accreditation = models.ForeignKey(
        Accreditation, on_delete=models.CASCADE, related_name="delegates", verbose_name=_("accreditation")
    )
    name = models.CharField(_("full name"), max_length=200)
    function = models.CharField(_("function"), max_length=200)
    email = models.EmailField(_("e-mail"))
    attends = models.CharField(
        _("attends"), max_length=10, choices=Attendance.choices, default=Attendance.BOTH
    )
    listing_consent = models.CharField(
        _("who may see this delegate on the list of participants"),
        max_length=12,
        choices=ListingConsent.choices,
        default=ListingConsent.NOBODY,
        help_text=_("The list shows the name, function and organisation, never the grounds-pass details."),
    )
    # What the UN grounds pass needs. Seen by the secretariat only (the admin), never shown back
    # to the organisation, and erased DELEGATE_PERSONAL_DATA_RETENTION_DAYS after the forum
    # (services.erase_grounds_pass_data). Blank on delegates registered before they were asked.
    passport_name = models.CharField(_("full name as in the passport"), max_length=200, blank=True)
    nationality = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nationality"),
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    nomination_letter = models.FileField(
        _("nomination letter"),
        upload_to=nomination_letter_path,
        storage=private,
        blank=True,
        max_length=200,
        validators=[validate_nomination_letter],
        help_text=_("A PDF letter signed by the head of your organisation that nominates this delegate; at most 5 MB."),
    )
    photo = ReencodedImageField(
        _("photo"),
        upload_to=delegate_photo_path,
        storage=private,
        blank=True,
        max_length=200,
        validators=[validate_photo],
        help_text=_("A recent passport-style photo of the face: JPEG, PNG or WebP, at most 5 MB."),
    )
    personal_data_erased_at = models.DateTimeField(
        _("grounds-pass data erased"), null=True, blank=True, editable=False
    )
    state = models.CharField(
        _("state"), max_length=10, choices=DelegateState.choices, default=DelegateState.PENDING
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)

    class Meta:
        ordering = ["accreditation", "name"]
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        constraints = [
            # A withdrawn delegate keeps its row (the trail) but no longer holds the address: the
            # same person may be registered again.
            models.UniqueConstraint(
                Lower("email"),
                "accreditation",
                condition=~models.Q(state="withdrawn"),
                name="delegate_registered_once_unless_withdrawn",
            ),
        ]

    def __str__(self):
        return self.name


class SpeakingRequest(models.Model):
    accreditation = models.ForeignKey(
        Accreditation,
        on_delete=models.CASCADE,
        related_name="speaking_requests",
        verbose_name=_("accreditation"),
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="speaking_requests",
        verbose_name=_("session"),
        limit_choices_to={"kind__in": SessionKind.stakeholder_speaking()},
    )
    topic = models.CharField(_("topic of the intervention"), max_length=300)
    speaker_name = models.CharField(_("speaker"), max_length=200)
    speaker_profile = models.TextField(_("profile of the speaker"), max_length=2000)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=SpeakingRequestState.choices,
        default=SpeakingRequestState.SUBMITTED,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    notified_at = models.DateTimeField(_("selection notified"), null=True, blank=True)

    class Meta:
        ordering = ["session__starts_at", "submitted_at"]
        verbose_name = _("speaking request")
        verbose_name_plural = _("speaking requests")

    def __str__(self):
        return f"{self.speaker_name}: {self.topic}"

    @property
    def is_released(self):
        return self.notified_at is not None

    @property
    def shown_state(self):
        """What the organisation sees: the secretariat's decision only once it is released."""
        if self.state in SpeakingRequestState.decisions() and not self.is_released:
            return SpeakingRequestState.SUBMITTED
        return SpeakingRequestState(self.state)

    @property
    def can_answer(self):
        return self.state == SpeakingRequestState.SELECTED and self.is_released

    @property
    def can_withdraw(self):
        return SpeakingRequestState.WITHDRAWN in SpeakingRequestState.valid_next_states()[self.state]


class SpeakerSelection(Session):
    """A session's selection of stakeholder speakers, as the secretariat sees it in the admin."""

    class Meta:
        proxy = True
        verbose_name = _("speaker selection")
        verbose_name_plural = _("speaker selections")


class Nomination(models.Model):
    """An organisation's nominee for one of the calls for a person: the hearing's civil-society
    rapporteur, the opening segment's representatives of the migrant community and of civil
    society. The selected nominee's name and organisation make the programme's statement."""

    accreditation = models.ForeignKey(
        Accreditation, on_delete=models.CASCADE, related_name="nominations", verbose_name=_("accreditation")
    )
    role = models.CharField(_("call"), max_length=20, choices=NominationRole.choices)
    nominee_name = models.CharField(_("nominee"), max_length=200)
    nominee_profile = models.TextField(_("profile of the nominee"), max_length=2000)
    state = models.CharField(
        _("state"), max_length=20, choices=NominationState.choices, default=NominationState.SUBMITTED
    )
    statement = models.OneToOneField(
        Statement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="nomination",
        verbose_name=_("statement in the programme"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        ordering = ["accreditation__forum", "role", "submitted_at"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["accreditation", "role"],
                condition=~models.Q(state="withdrawn"),
                name="one_nomination_per_call_unless_withdrawn",
            ),
        ]

    def __str__(self):
        return f"{self.nominee_name}: {self.get_role_display()}"


class StateFocalPoint(models.Model):
    """A user who acts on behalf of a Member State: pledges, reports, objections. Named by the
    secretariat in the admin, never by the user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="state_focal_point",
        verbose_name=_("user"),
    )
    member_state = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, related_name="+", verbose_name=_("Member State")
    )

    class Meta:
        db_table = "pledges_statefocalpoint"
        verbose_name = _("Member State focal point")
        verbose_name_plural = _("Member State focal points")

    def __str__(self):
        return f"{self.user} – {self.member_state}"
