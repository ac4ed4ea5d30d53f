"""The public pages are cached for anonymous visitors; every change they show (a publication, an
endorsement, a fate marked) empties the cache, so that the page changes at once."""

import pytest

from declarations import services
from declarations.enums import Fate, KeyMessageState
from tests.declarations.factories import DeclarationVersionFactory, KeyMessageFactory, accredited, revision
from tests.helpers import clear_caches

pytestmark = pytest.mark.django_db


@pytest.mark.page_cache
def test_publishing_endorsing_and_marking_show_at_once(client, secretariat_user, django_capture_on_commit_callbacks):
    clear_caches()
    zero = DeclarationVersionFactory()
    new = revision(zero.forum)
    ours, our_user = accredited(zero.forum, name="Ours")
    _theirs, their_user = accredited(zero.forum, name="Theirs")
    message = KeyMessageFactory(version=zero, organization=ours, title="Cached or not", state=KeyMessageState.SUBMITTED)
    url = f"/forums/{zero.forum.year}/declaration/zero-draft/2/"
    assert "Cached or not" not in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.set_key_message_state(message, KeyMessageState.PUBLISHED, by=secretariat_user)
    assert "Cached or not" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.endorse(message, by=their_user)
    message_url = message.get_absolute_url()
    assert "Theirs" in client.get(message_url).content.decode()
    assert "Not yet marked" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_outcome(message, new, fate=Fate.NOT_REFLECTED, by=secretariat_user)
    assert "Not reflected" in client.get(url).content.decode()
    assert our_user is not None
