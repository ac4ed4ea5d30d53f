"""The registry's Atom feed read with feedparser, as feed readers do: absolute, stable entry ids
(RFC 4287 §4.2.6), the summary as plain text so that markup typed into a pledge stays text, and
conditional GET (ETag, Last-Modified) answered with 304."""

import datetime

import feedparser
import pytest
from django.utils import timezone
from django.utils.http import http_date

from pledges import services
from pledges.models import Pledge
from tests.pledges.factories import published

pytestmark = pytest.mark.django_db

MARKUP = '<script>alert("x")</script><b>bold</b> & <a href="http://evil.example/">link</a>'


@pytest.fixture
def pledge():
    return published(title="Safe <em>journeys</em>", text=MARKUP + " " + "y" * 300)


def test_entries_have_absolute_stable_ids(client, pledge):
    parsed = feedparser.parse(client.get("/pledges/feed/").content)
    assert parsed.bozo == 0
    assert parsed.version == "atom10"
    assert parsed.feed.id == "http://127.0.0.1:8000/pledges/feed/"
    [entry] = parsed.entries
    assert entry.id == f"http://127.0.0.1:8000/pledges/{pledge.reference}/"
    # The same id whichever language or host asks.
    french = feedparser.parse(client.get("/fr/pledges/feed/", HTTP_HOST="localhost").content)
    assert [e.id for e in french.entries] == [entry.id]


def test_markup_in_a_pledge_is_plain_text(client, pledge):
    content = client.get("/pledges/feed/").content
    assert b'<summary type="text">' in content
    [entry] = feedparser.parse(content).entries
    assert entry.summary_detail.type == "text/plain"
    assert entry.summary == (MARKUP + " " + "y" * 300)[:500]
    assert entry.title_detail.type == "text/plain"
    assert entry.title == f"{pledge.reference}: Safe <em>journeys</em>"


def test_conditional_get_answers_304(client, pledge):
    first = client.get("/pledges/feed/")
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert first["Access-Control-Allow-Origin"] == "*"

    assert client.get("/pledges/feed/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    not_modified = client.get("/pledges/feed/", HTTP_IF_MODIFIED_SINCE=modified)
    # This once answered 200 when Feed's own Last-Modified (newest publication) lagged the last
    # change by a second; name both answers' validators if the two drift apart again.
    assert (not_modified.status_code, not_modified.content) == (304, b""), (
        modified,
        not_modified.get("Last-Modified"),
        etag,
        not_modified.get("ETag"),
    )


def test_a_withdrawal_changes_the_validators(client, pledge):
    first = client.get("/pledges/feed/")
    pledge.updated_at = timezone.now() - datetime.timedelta(days=1)
    pledge.save(update_fields=["updated_at"])
    older = client.get("/pledges/feed/")
    services.set_pledge_state(pledge, "withdrawn", by=None, reason="Funding ended.")
    after = client.get(
        "/pledges/feed/", HTTP_IF_NONE_MATCH=older["ETag"], HTTP_IF_MODIFIED_SINCE=older["Last-Modified"]
    )
    assert after.status_code == 200
    assert feedparser.parse(after.content).entries == []
    assert first["ETag"] != older["ETag"] != after["ETag"]


def test_last_modified_is_the_last_change_not_the_last_publication(client, pledge):
    # The pledge was edited a second after it was published: the feed's Last-Modified is the edit.
    edited = pledge.published_at.replace(microsecond=0) + datetime.timedelta(seconds=1, microseconds=5)
    Pledge.objects.filter(pk=pledge.pk).update(updated_at=edited)
    first = client.get("/pledges/feed/")
    assert first["Last-Modified"] == http_date(int(edited.timestamp()))
    again = client.get("/pledges/feed/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304
