"""The unfiltered CSV export is a file written once per registry version, served whole with its
length and digest; never a stream that the web server's timeout cuts short under a 200. A
filtered export still streams."""

import base64
import csv
import hashlib
import io

import pytest
from django.http import QueryDict

from core import cache_versions
from pledges import exports, services
from pledges.registry import query as registry_query
from tests.pledges.factories import published

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def references(raw):
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8").removeprefix("\ufeff"))))
    return [row["reference"] for row in rows]


@pytest.fixture
def no_worker(monkeypatch):
    """The build is queued to a worker that has not run it yet (tests run tasks eagerly)."""
    queued = []
    monkeypatch.setattr("pledges.views.send_now", lambda task, **kwargs: queued.append(task.name))
    return queued


def test_unfiltered_export_is_the_file_with_its_length_and_digest(client):
    pledges = [published(title=f"Pledge {n}") for n in range(3)]
    response = client.get("/pledges/export.csv")
    raw = body(response)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert int(response["Content-Length"]) == len(raw)
    digest = hashlib.sha256(raw).digest()
    assert response["Repr-Digest"] == f"sha-256=:{base64.b64encode(digest).decode()}:"
    assert response["ETag"] == f'"{digest.hex()}"'
    assert response["X-Registry-Version"] == cache_versions.current(cache_versions.REGISTRY)
    assert "X-Registry-Version-Stale" not in response
    assert response["Content-Disposition"].startswith('attachment; filename="imrf-pledges-')
    assert sorted(references(raw)) == sorted(p.reference for p in pledges)
    # The same bytes as the stream of the whole registry's selection.
    selection = registry_query.select(QueryDict())
    assert "".join(exports.csv_stream(selection.ids(), selection.labels)).encode() == raw


def test_a_publication_writes_a_new_file_for_the_new_version(client, django_capture_on_commit_callbacks):
    first = published(title="First")
    old = body(client.get("/pledges/export.csv"))
    old_version = cache_versions.current(cache_versions.REGISTRY)
    second = published(title="Second")
    with django_capture_on_commit_callbacks(execute=True):
        services.invalidate_registry()
    new_version = cache_versions.current(cache_versions.REGISTRY)
    assert new_version != old_version
    assert exports.full_csv_of(new_version) is not None
    response = client.get("/pledges/export.csv")
    raw = body(response)
    assert response["X-Registry-Version"] == new_version
    assert "X-Registry-Version-Stale" not in response
    assert raw != old
    assert sorted(references(raw)) == sorted([first.reference, second.reference])
    assert references(old) == [first.reference]


def test_no_file_yet_is_503_with_retry_after(client, no_worker):
    published()
    response = client.get("/pledges/export.csv")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content == b"The full export is being written. Please try again in a minute.\n"
    assert no_worker == ["pledges.tasks.build_registry_csv"]
    # A second request while the build is queued does not queue it again.
    assert client.get("/pledges/export.csv").status_code == 503
    assert no_worker == ["pledges.tasks.build_registry_csv"]


def test_while_the_new_file_is_written_the_previous_is_served_and_flagged(client, no_worker):
    first = published()
    written = exports.build_full_csv()
    published()
    cache_versions.bump(cache_versions.REGISTRY)
    response = client.get("/pledges/export.csv")
    raw = body(response)
    assert response.status_code == 200
    assert response["X-Registry-Version"] == written.version
    assert response["X-Registry-Version"] != cache_versions.current(cache_versions.REGISTRY)
    assert response["X-Registry-Version-Stale"] == "true"
    assert int(response["Content-Length"]) == len(raw)
    assert hashlib.sha256(raw).digest() == written.sha256
    assert references(raw) == [first.reference]


def test_a_filtered_export_still_streams(client):
    wanted = published(title="Remittances corridor")
    published(title="Skills passports")
    exports.build_full_csv()
    response = client.get("/pledges/export.csv?q=remittances")
    assert response.status_code == 200
    assert response.streaming
    assert "Repr-Digest" not in response
    assert references(body(response)) == [wanted.reference]


def test_a_client_holding_the_file_gets_304_and_no_body(client):
    published(title="Pledge")
    first = client.get("/pledges/export.csv")
    again = client.get("/pledges/export.csv", HTTP_IF_NONE_MATCH=first["ETag"])
    other = client.get("/pledges/export.csv", HTTP_IF_NONE_MATCH='"0000"')
    assert (again.status_code, again.content, again["ETag"]) == (304, b"", first["ETag"])
    assert (other.status_code, body(other)) == (200, body(first))
