"""A focal point of an accredited organisation proposes a key message on the current version: the
form keeps what was typed and links each error to its field; nobody else proposes; a message is
changed only while a draft, and only by its organisation."""

import pytest

from core.models import ActivityLog
from declarations.models import KeyMessage
from tests.declarations.factories import DeclarationVersionFactory, KeyMessageFactory, accredited, revision
from tests.stakeholders.factories import OrganizationFactory, focal_point_of, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    zero = DeclarationVersionFactory()
    current = revision(zero.forum)
    organization, user = accredited(zero.forum, name="Ours")
    return {"forum": zero.forum, "current": current, "organization": organization, "user": user}


def test_the_form_keeps_what_was_typed_and_links_errors(client, world):
    client.force_login(world["user"])
    url = f"/my/declaration/{world['forum'].year}/new/"
    response = client.post(url, {"title": "Kept title", "text": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Kept title"' in html
    assert 'aria-describedby="id_text_helptext id_text_error"' in html
    assert 'id="id_text_error"' in html
    assert KeyMessage.objects.count() == 0


def test_a_focal_point_proposes_on_the_current_version(client, world):
    client.force_login(world["user"])
    paragraph = world["current"].paragraphs.get(number=1)
    response = client.post(
        f"/my/declaration/{world['forum'].year}/new/",
        {"title": "Ours", "text": "Say more.", "paragraphs": [paragraph.pk], "objectives": ["1"]},
    )
    assert response.status_code == 302
    message = KeyMessage.objects.get()
    assert (message.organization, message.version, list(message.paragraphs.all())) == (
        world["organization"],
        world["current"],
        [paragraph],
    )
    assert list(ActivityLog.objects.for_object(message).values_list("action", "new_state")) == [
        ("key_message.created", "draft")
    ]


def test_a_paragraph_of_another_version_is_refused(client, world):
    client.force_login(world["user"])
    old = world["forum"].declaration_versions.get(slug="zero-draft").paragraphs.first()
    response = client.post(
        f"/my/declaration/{world['forum'].year}/new/",
        {"title": "Ours", "text": "Say more.", "paragraphs": [old.pk], "objectives": ["1"]},
    )
    assert response.status_code == 200
    assert KeyMessage.objects.count() == 0


@pytest.mark.parametrize("who", ["plain member", "not accredited"])
def test_only_focal_points_of_accredited_organisations_propose(client, world, who):
    user = member_of(world["organization"]) if who == "plain member" else focal_point_of(OrganizationFactory())
    client.force_login(user)
    response = client.get(f"/my/declaration/{world['forum'].year}/new/")
    assert (response.status_code, response["Location"]) == (302, f"/my/declaration/{world['forum'].year}/")


def test_edit_is_for_the_proposer_while_a_draft(client, world):
    message = KeyMessageFactory(version=world["current"], organization=world["organization"])
    url = f"/my/declaration/{world['forum'].year}/{message.pk}/edit/"
    _other, other_user = accredited(world["forum"], name="Other")
    client.force_login(other_user)
    assert client.get(url).status_code == 404
    client.force_login(world["user"])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"title": "Changed", "text": "New text.", "paragraphs": [world["current"].paragraphs.first().pk], "objectives": ["2"]}
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.title == "Changed"
    message.state = "submitted"
    message.save()
    assert client.get(url).status_code == 302
