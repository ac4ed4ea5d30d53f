"""Endorsements: one per organisation and message, never by the proposing organisation, always
for the endorser's own organisation (a form naming another is not obeyed), by the focal points of
organisations accredited to the forum; each logged."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from core.models import ActivityLog, OutboxMessage
from declarations import services
from declarations.models import Endorsement
from tests.core.factories import UserFactory
from tests.declarations.factories import DeclarationVersionFactory, accredited, published_message
from tests.stakeholders.factories import OrganizationFactory, focal_point_of, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    version = DeclarationVersionFactory()
    ours, our_user = accredited(version.forum, name="Ours")
    theirs, their_user = accredited(version.forum, name="Theirs")
    third, third_user = accredited(version.forum, name="Third")
    message = published_message(version=version, organization=ours)
    return {
        "message": message, "ours": ours, "theirs": theirs, "third": third,
        "our_user": our_user, "their_user": their_user, "third_user": third_user,
    }


def endorsers(message):
    return sorted(Endorsement.objects.filter(message=message).values_list("organization__name", flat=True))


def test_another_organisation_endorses_once_and_it_is_logged(world):
    message = world["message"]
    services.endorse(message, by=world["their_user"])
    with pytest.raises(ValidationError) as exc:
        services.endorse(message, by=world["their_user"])
    assert exc.value.messages == ["Theirs already endorses this key message."]
    assert endorsers(message) == ["Theirs"]
    entries = list(ActivityLog.objects.for_object(message).values_list("action", "note", "actor"))
    assert entries == [("key_message.endorsed", "Theirs", world["their_user"].pk)]
    assert OutboxMessage.objects.filter(recipient=world["our_user"].email).count() == 1


def test_the_database_holds_one_endorsement_per_organisation(world):
    Endorsement.objects.create(message=world["message"], organization=world["theirs"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Endorsement.objects.create(message=world["message"], organization=world["theirs"])


def test_the_proposer_does_not_endorse_its_own_message(world):
    with pytest.raises(PermissionDenied):
        services.endorse(world["message"], by=world["our_user"])
    assert endorsers(world["message"]) == []


@pytest.mark.parametrize("who", ["plain member", "not accredited", "no organisation"])
def test_only_focal_points_of_accredited_organisations_endorse(world, who):
    user = {
        "plain member": lambda: member_of(world["theirs"]),
        "not accredited": lambda: focal_point_of(OrganizationFactory(name="Unaccredited")),
        "no organisation": UserFactory,
    }[who]()
    with pytest.raises(PermissionDenied):
        services.endorse(world["message"], by=user)
    assert endorsers(world["message"]) == []


def test_a_member_cannot_endorse_for_another_organisation(client, world):
    """Their focal point posts the third organisation's id: the endorsement is theirs alone."""
    message = world["message"]
    client.force_login(world["their_user"])
    url = f"/my/declaration/{message.forum.year}/{message.pk}/endorse/"
    response = client.post(url, {"organization": world["third"].pk, "organization_id": world["third"].pk})
    assert response.status_code == 302
    assert endorsers(message) == ["Theirs"]
    # And the proposing organisation, posting another's id, endorses nothing.
    client.force_login(world["our_user"])
    assert client.post(url, {"organization": world["third"].pk}).status_code == 403
    assert endorsers(message) == ["Theirs"]


def test_an_endorsement_is_withdrawn_and_logged(client, world):
    message = world["message"]
    services.endorse(message, by=world["their_user"])
    client.force_login(world["their_user"])
    client.post(f"/my/declaration/{message.forum.year}/{message.pk}/endorse/", {"withdraw": "1"})
    assert endorsers(message) == []
    assert list(ActivityLog.objects.for_object(message).values_list("action", flat=True)) == [
        "key_message.endorsed",
        "key_message.endorsement_withdrawn",
    ]


def test_a_draft_is_not_endorsed(world):
    message = world["message"]
    message.state = "submitted"
    message.save()
    with pytest.raises(PermissionDenied):
        services.endorse(message, by=world["their_user"])
