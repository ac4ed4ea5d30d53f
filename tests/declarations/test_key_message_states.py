"""Every change of a key message's state goes through set_key_message_state: checked against the
graph and the permissions, logged (who, from, to) and mailed to the proposing organisation."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import ActivityLog, OutboxMessage
from declarations.enums import KeyMessageState
from declarations.services import set_key_message_state
from tests.core.factories import SecretariatUserFactory
from tests.declarations.factories import DeclarationVersionFactory, KeyMessageFactory, accredited

pytestmark = pytest.mark.django_db
S = KeyMessageState


@pytest.fixture
def world():
    version = DeclarationVersionFactory()
    ours, our_user = accredited(version.forum, name="Ours")
    _theirs, their_user = accredited(version.forum, name="Theirs")
    message = KeyMessageFactory(version=version, organization=ours)
    return {"message": message, "ours": our_user, "theirs": their_user, "secretariat": SecretariatUserFactory()}


def log_rows(message):
    return [
        (entry.action, entry.old_state, entry.new_state, entry.actor.username if entry.actor else None)
        for entry in ActivityLog.objects.for_object(message).order_by("pk")
    ]


@pytest.mark.parametrize(
    ("path", "who"),
    [
        ([S.SUBMITTED], ["ours"]),
        ([S.WITHDRAWN], ["ours"]),
        ([S.SUBMITTED, S.PUBLISHED], ["ours", "secretariat"]),
        ([S.SUBMITTED, S.WITHDRAWN], ["ours", "ours"]),
        ([S.SUBMITTED, S.PUBLISHED, S.WITHDRAWN], ["ours", "secretariat", "ours"]),
        ([S.SUBMITTED, S.PUBLISHED, S.WITHDRAWN], ["ours", "secretariat", "secretariat"]),
    ],
)
def test_each_change_is_logged_and_mailed(world, path, who):
    message = world["message"]
    expected, previous = [], S.DRAFT
    for state, name in zip(path, who, strict=True):
        set_key_message_state(message, state, by=world[name])
        expected.append(("key_message.state", previous, state, world[name].username))
        previous = state
    message.refresh_from_db()
    assert message.state == path[-1]
    assert log_rows(message) == expected
    focal_point = world["ours"].email
    assert OutboxMessage.objects.filter(recipient=focal_point).count() == len(path)
    assert (message.published_at is not None) == (S.PUBLISHED in path)


def test_the_graph_is_checked(world):
    message = world["message"]
    with pytest.raises(ValidationError) as exc:
        set_key_message_state(message, S.PUBLISHED, by=world["secretariat"])
    assert exc.value.messages == ["A key message cannot go from “Draft” to “Published”."]
    set_key_message_state(message, S.WITHDRAWN, by=world["ours"])
    with pytest.raises(ValidationError):
        set_key_message_state(message, S.SUBMITTED, by=world["ours"])
    assert [row[2] for row in log_rows(message)] == [S.WITHDRAWN]


def test_only_the_proposer_submits_and_only_the_secretariat_publishes(world):
    message = world["message"]
    for name in ("theirs", "secretariat"):
        with pytest.raises(PermissionDenied):
            set_key_message_state(message, S.SUBMITTED, by=world[name])
    set_key_message_state(message, S.SUBMITTED, by=world["ours"])
    for name in ("ours", "theirs"):
        with pytest.raises(PermissionDenied):
            set_key_message_state(message, S.PUBLISHED, by=world[name])
    with pytest.raises(PermissionDenied):
        set_key_message_state(message, S.WITHDRAWN, by=world["theirs"])
    message.refresh_from_db()
    assert message.state == S.SUBMITTED
    assert len(log_rows(message)) == 1


def test_a_message_without_a_paragraph_is_not_submitted(world):
    message = world["message"]
    message.paragraphs.clear()
    with pytest.raises(ValidationError) as exc:
        set_key_message_state(message, S.SUBMITTED, by=world["ours"])
    assert exc.value.messages == ["Choose at least one paragraph the key message addresses before submitting it."]
    assert log_rows(message) == []


def test_owner_pages_submit_and_withdraw(client, world):
    message = world["message"]
    client.force_login(world["ours"])
    year = message.forum.year
    response = client.post(f"/my/declaration/{year}/{message.pk}/submit/")
    assert (response.status_code, response["Location"]) == (302, f"/my/declaration/{year}/")
    response = client.post(f"/my/declaration/{year}/{message.pk}/withdraw/")
    message.refresh_from_db()
    assert message.state == S.WITHDRAWN
    assert [row[1:3] for row in log_rows(message)] == [(S.DRAFT, S.SUBMITTED), (S.SUBMITTED, S.WITHDRAWN)]


def test_the_admin_action_publishes(client, world):
    message = world["message"]
    set_key_message_state(message, S.SUBMITTED, by=world["ours"])
    client.force_login(world["secretariat"])
    response = client.post(
        "/admin/declarations/keymessage/", {"action": "to_published", "_selected_action": [message.pk]}
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.state == S.PUBLISHED
    assert log_rows(message)[-1] == ("key_message.state", S.SUBMITTED, S.PUBLISHED, world["secretariat"].username)
