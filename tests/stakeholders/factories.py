"""Organisations, their members, accreditations, delegates and State focal points: the one set
of stakeholder factories every app's tests use."""

import datetime
import io

import factory
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from reference.enums import StakeholderCategory
from reference.models import Country, MemberState
from stakeholders.enums import (
    AccreditationKind,
    AccreditationState,
    EcosocStatus,
    MembershipRole,
    NominationRole,
)
from stakeholders.models import (
    Accreditation,
    Delegate,
    Membership,
    Nomination,
    Organization,
    SpeakingRequest,
    StateFocalPoint,
)
from tests.core.factories import UserFactory
from tests.forums.factories import ForumFactory


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Migrant Solidarity Network {n}")
    category = StakeholderCategory.NGO
    country = factory.LazyFunction(lambda: Country.objects.get(iso3="KEN"))
    claimed_ecosoc_status = EcosocStatus.NONE

    class Params:
        # An organisation whose ECOSOC status the secretariat verified (as a list match would).
        ecosoc_verified = factory.Trait(
            claimed_ecosoc_status=EcosocStatus.SPECIAL, verified_ecosoc_status=EcosocStatus.SPECIAL
        )


def open_forum(**kwargs):
    """A public forum still open for accreditation, with the non-objection deadline passed."""
    today = timezone.localdate()
    defaults = {
        "year": 2030,
        "hearing_date": datetime.date(2030, 5, 6),
        "start_date": datetime.date(2030, 5, 7),
        "end_date": datetime.date(2030, 5, 10),
        "accreditation_deadline": today + datetime.timedelta(days=30),
        "non_objection_deadline": today - datetime.timedelta(days=1),
        "delegate_cap": 3,
    }
    defaults.update(kwargs)
    return ForumFactory(**defaults)


def verified_user(email=None, **kwargs):
    user = UserFactory(**({"email": email} if email else {}), **kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


class MembershipFactory(factory.django.DjangoModelFactory):
    """A membership of a verified user; role="focal_point" for a focal point."""

    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.LazyFunction(verified_user)
    role = MembershipRole.MEMBER


def member_of(organization, role=MembershipRole.MEMBER, email=None, **user_kwargs):
    """A verified user who is a member (by default) of the organisation."""
    user = verified_user(email, **user_kwargs)
    Membership.objects.create(organization=organization, user=user, role=role)
    return user


def focal_point_of(organization, email=None, **user_kwargs):
    return member_of(organization, MembershipRole.FOCAL_POINT, email, **user_kwargs)


def state_focal_point(iso3="MEX", **user_kwargs):
    """A user the secretariat named focal point of a Member State."""
    user = verified_user(**user_kwargs)
    StateFocalPoint.objects.create(user=user, member_state=MemberState.objects.get(iso3=iso3))
    return user


class AccreditationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Accreditation

    organization = factory.SubFactory(OrganizationFactory)
    forum = factory.LazyFunction(open_forum)
    kind = AccreditationKind.SPECIAL
    state = AccreditationState.SUBMITTED
    mission = "We defend the rights of migrant workers along the East African corridor."
    migration_work = "Legal aid and data collection on labour migration to the Gulf."


def listed_organization(forum=None, state=AccreditationState.APPROVED, **kwargs):
    """An organisation anyone may find by name: accredited to a public forum (or in another state
    of its accreditation), listed in the directory."""
    organization = OrganizationFactory(**kwargs)
    AccreditationFactory(organization=organization, forum=forum or ForumFactory(), state=state)
    return organization


# A one-page PDF, as small as a valid one gets.
PDF = (
    b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
    b"3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)


def jpeg(width=35, height=45, colour=(200, 170, 150)):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def nomination_letter(data=PDF, name="nomination.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def photo(data=None, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, jpeg() if data is None else data, content_type=content_type)


def delegate_data(email="ana@example.org", **overrides):
    """What an organisation posts to register a delegate: every field the grounds pass needs,
    with fresh uploads (an upload is read once)."""
    data = {
        "name": "Ana Pérez",
        "function": "Advocate",
        "email": email,
        "attends": "both",
        "passport_name": "ANA MARIA PEREZ GOMEZ",
        "nationality": Country.objects.get(iso3="MEX").pk,
        "date_of_birth": "1990-04-12",
        "nomination_letter": nomination_letter(),
        "photo": photo(),
        "listing_consent": "nobody",
    }
    data.update(overrides)
    return data


class DelegateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegate

    accreditation = factory.SubFactory(AccreditationFactory, state=AccreditationState.APPROVED)
    name = factory.Sequence(lambda n: f"Delegate {n}")
    function = "Policy officer"
    email = factory.Sequence(lambda n: f"delegate{n}@example.org")

    class Params:
        # The grounds-pass data, with real files in the private storage (point
        # settings.PRIVATE_MEDIA_ROOT at a temporary directory first).
        grounds_pass = factory.Trait(
            passport_name=factory.LazyAttribute(lambda d: d.name.upper()),
            nationality=factory.LazyFunction(lambda: Country.objects.get(iso3="KEN")),
            date_of_birth=datetime.date(1985, 3, 14),
            nomination_letter=factory.django.FileField(data=PDF, filename="letter.pdf"),
            photo=factory.LazyFunction(photo),
        )

class SpeakingRequestFactory(factory.django.DjangoModelFactory):
    """A request to speak in a session; pass session= (a hearing panel, round table or the policy debate)."""

    class Meta:
        model = SpeakingRequest

    accreditation = factory.SubFactory(AccreditationFactory, state=AccreditationState.APPROVED)
    topic = factory.Sequence(lambda n: f"Topic {n}")
    speaker_name = factory.Sequence(lambda n: f"Speaker {n}")
    speaker_profile = "Community organiser with lived experience of migration."


class NominationFactory(factory.django.DjangoModelFactory):
    """A nominee for one of the calls (the hearing's rapporteur by default)."""

    class Meta:
        model = Nomination

    accreditation = factory.SubFactory(AccreditationFactory, state=AccreditationState.APPROVED)
    role = NominationRole.RAPPORTEUR
    nominee_name = factory.Sequence(lambda n: f"Nominee {n}")
    nominee_profile = "Twenty years of advocacy for the rights of migrant domestic workers."
