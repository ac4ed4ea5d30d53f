"""The personal-data download holds what the declarations app knows of the person: the key
messages they started, the endorsements they gave, the fates they marked."""

import json

import pytest

from declarations import services
from declarations.enums import Fate, KeyMessageState
from tests.declarations.factories import DeclarationVersionFactory, KeyMessageFactory, accredited, revision

pytestmark = pytest.mark.django_db


def download(client, user):
    client.force_login(user)
    return json.loads(client.get("/my/account/data.json").content)


def test_the_download_holds_messages_endorsements_and_marks(client, secretariat_user):
    zero = DeclarationVersionFactory()
    new = revision(zero.forum)
    ours, our_user = accredited(zero.forum, name="Ours")
    _theirs, their_user = accredited(zero.forum, name="Theirs")
    message = KeyMessageFactory(version=zero, organization=ours, created_by=our_user, title="Mine", state=KeyMessageState.PUBLISHED)
    services.endorse(message, by=their_user)
    services.mark_outcome(message, new, fate=Fate.NOT_REFLECTED, by=secretariat_user)
    data = download(client, our_user)
    assert [(m["title"], m["organization"], m["state"]) for m in data["key_messages_created"]] == [("Mine", "Ours", "published")]
    assert download(client, their_user)["key_message_endorsements"][0]["organization"] == "Theirs"
    marked = download(client, secretariat_user)["key_message_outcomes_marked"]
    assert [(o["key_message"], o["version"], o["fate"]) for o in marked] == [("Mine", "Revision 1", "not_reflected")]
