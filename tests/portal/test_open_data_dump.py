"""The nightly open-data dump: built by its Celery task, one zip with every CSV, the schemas and a
README with the licence, served with its length and SHA-256; and the /open-data/ page."""

import csv
import hashlib
import io
import json
import zipfile

import pytest

from core.storage import generated_storage
from forums.enums import ForumStatus
from imrf_portal.celery import app
from pledges import services
from pledges.enums import PledgeState
from portal import open_data
from portal.tasks import build_open_data_dump
from tests.declarations.factories import DeclarationVersionFactory, published_message
from tests.forums.factories import ForumFactory
from tests.helpers import clear_caches
from tests.pledges.factories import published
from tests.practices.factories import PracticeFactory
from tests.practices.factories import published as published_practice
from tests.side_events.factories import accepted_side_event, lunchtime, side_event_forum
from tests.stakeholders.factories import AccreditationFactory, OrganizationFactory, member_of

pytestmark = pytest.mark.django_db

CSVS = [
    "pledges.csv",
    "programme.csv",
    "organizations.csv",
    "side-events.csv",
    "summaries.csv",
    "practices.csv",
    "key-messages.csv",
    "declaration-paragraphs.csv",
]


@pytest.fixture
def storage(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def data(secretariat_user):
    forum = side_event_forum()
    start, end = lunchtime(forum, 0)
    accepted_side_event(forum, start, end, title="=1+1 side event")
    AccreditationFactory(
        organization=OrganizationFactory(name="Listed network"), forum=forum, state="approved"
    )
    published(title="In the registry")
    published_practice(title="=Census questions", countries=["MEX"])
    PracticeFactory(title="Draft practice")
    zero_draft = DeclarationVersionFactory(forum=forum, texts=["We reaffirm.", "-We count every migrant."])
    published_message(version=zero_draft, organization=OrganizationFactory(name="Data network"), title="Count")
    # A forum still in preparation: its declaration is in no open list.
    hidden = DeclarationVersionFactory(forum=ForumFactory(year=2034, status=ForumStatus.PLANNING), texts=["Hidden."])
    published_message(version=hidden, title="Not yet public")
    gone = published(title="Unpublished since")
    services.set_pledge_state(gone, PledgeState.UNPUBLISHED, by=secretariat_user, reason="Duplicate.")
    clear_caches()
    return gone


def body(response):
    return b"".join(response.streaming_content)


def test_the_task_builds_a_zip_that_reads_back(storage, data):
    checksum = build_open_data_dump.apply(kwargs={}).get()
    with generated_storage.open(open_data.DUMP_NAME, "rb") as stream:
        content = stream.read()
    assert hashlib.sha256(content).hexdigest() == checksum
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        assert names == [
            *CSVS,
            "schemas/pledges.table-schema.json",
            "schemas/pledges.schema.json",
            "schemas/programme.table-schema.json",
            "schemas/side-events.table-schema.json",
            "schemas/organizations.table-schema.json",
            "schemas/summaries.table-schema.json",
            "schemas/key-messages.table-schema.json",
            "schemas/declaration-paragraphs.table-schema.json",
            "schemas/practices.table-schema.json",
            "schemas/practices.schema.json",
            "schemas/declarations.schema.json",
            "README.txt",
        ]
        tables = {}
        for name in CSVS:
            text = archive.read(name).decode("utf-8")
            assert text.startswith("\ufeff")
            tables[name] = list(csv.DictReader(io.StringIO(text[1:])))
        for name in names:
            if name.endswith(".json"):
                json.loads(archive.read(name))
        readme = archive.read("README.txt").decode()
    assert "CC BY 4.0" in readme
    assert "https://creativecommons.org/licenses/by/4.0/" in readme
    # The pledges that left the registry are in the dump, flagged.
    pledges = {row["title"]: row for row in tables["pledges.csv"]}
    assert sorted(pledges) == ["In the registry", "Unpublished since"]
    assert (pledges["Unpublished since"]["left_registry"], pledges["Unpublished since"]["state"]) == (
        "true",
        "unpublished",
    )
    assert [row["title"] for row in tables["side-events.csv"]] == ["'=1+1 side event"]
    assert [row["name"] for row in tables["organizations.csv"]] == ["Listed network"]
    assert [(row["title"], row["countries"]) for row in tables["practices.csv"]] == [("'=Census questions", '["MEX"]')]
    assert [(row["forum"], row["title"], row["organization"], row["paragraphs"]) for row in tables["key-messages.csv"]] == [
        ("2030", "Count", "Data network", "[2]")
    ]
    assert [(r["forum"], r["number"], r["text"], r["key_messages_addressed"]) for r in tables["declaration-paragraphs.csv"]] == [
        ("2030", "1", "We reaffirm.", "0"),
        ("2030", "2", "'-We count every migrant.", "1"),
    ]
    # Every CSV header is its Table Schema's fields.
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in CSVS:
            schema = json.loads(archive.read(f"schemas/{name[:-4]}.table-schema.json"))
            header = next(csv.reader(io.StringIO(archive.read(name).decode("utf-8")[1:])))
            assert header == [field["name"] for field in schema["fields"]]


def test_the_dump_is_served_with_its_length_and_checksum(client, storage, data):
    assert client.get("/open-data/imrf-open-data.zip").status_code == 404  # before the first build
    checksum = open_data.build_dump()
    response = client.get("/open-data/imrf-open-data.zip")
    assert response.status_code == 200
    content = body(response)
    assert response["Content-Type"] == "application/zip"
    assert int(response["Content-Length"]) == len(content)
    assert response["X-Checksum-SHA256"] == checksum == hashlib.sha256(content).hexdigest()
    assert response["X-Licence"] == "CC BY 4.0"
    side_file = client.get("/open-data/imrf-open-data.zip.sha256").content.decode()
    assert side_file == f"{checksum}  imrf-open-data.zip\n"


def test_a_new_build_replaces_the_dump_whole(storage, data):
    first = open_data.build_dump()
    published(title="Published since the last dump")
    clear_caches()
    second = open_data.build_dump()
    assert first != second
    assert sorted(p.name for p in (storage / "open-data").iterdir()) == [
        "imrf-open-data.zip",
        "imrf-open-data.zip.sha256",
    ]


def test_the_beat_schedule_runs_the_dump_nightly():
    entry = app.conf.beat_schedule["portal-open-data-dump"]
    assert (entry["task"], entry["schedule"]) == ("portal.tasks.build_open_data_dump", 24 * 60 * 60)


def test_the_open_data_page_lists_every_dataset(client, storage, data, secretariat_user):
    checksum = open_data.build_dump()
    for who in (None, member_of(OrganizationFactory()), secretariat_user):
        if who is not None:
            client.force_login(who)
        response = client.get("/open-data/")
        assert response.status_code == 200
        html = response.content.decode()
        for link in (
            "/pledges/export.csv",
            "/pledges/table-schema.json",
            "/pledges/schema.json",
            "/organizations/export.json",
            "/forums/2030/side-events/export.csv",
            "/forums/2030/programme.csv",
            "/forums/2030/summaries/export.json",
            "/open-data/side-events.schema.json",
            "/practices/export.csv",
            "/practices/export.json",
            "/practices/export.table-schema.json",
            "/practices/export.schema.json",
            "/practices/data/",
            "/forums/2030/declaration/key-messages.csv",
            "/forums/2030/declaration/key-messages.json",
            "/open-data/key-messages.schema.json",
            "/forums/2030/declaration/paragraphs.csv",
            "/forums/2030/declaration/paragraphs.json",
            "/open-data/declaration-paragraphs.schema.json",
            "/open-data/imrf-open-data.zip",
            "https://creativecommons.org/licenses/by/4.0/",
        ):
            assert f'href="{link}"' in html, link
        assert checksum in html
        # The declarations are listed for the forums that have one, not for every public forum.
        assert ("/forums/2026/declaration/" in html, "/forums/2034/" in html) == (False, False)


def test_before_the_first_dump_the_page_says_when_it_comes_instead_of_linking_a_404(client, storage):
    html = client.get("/open-data/").content.decode()
    assert "The first dump has not been built yet: it is built tonight." in html
    assert 'href="/open-data/imrf-open-data.zip"' not in html
    # The API, the feeds and the figures are offered beside the files.
    for link in ("/api/", "/pledges/feed/", "/pledges/statistics/"):
        assert f'href="{link}"' in html, link


def test_the_page_queries_are_fixed(client, storage, django_assert_num_queries):
    with django_assert_num_queries(2):  # the public forums, those with a published declaration
        assert client.get("/open-data/").status_code == 200


@pytest.mark.parametrize(
    "name", ["programme", "side-events", "organizations", "summaries", "key-messages", "declaration-paragraphs"]
)
def test_the_list_schemas_are_served(client, name):
    response = client.get(f"/open-data/{name}.schema.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert json.loads(response.content)["fields"]


def test_an_unknown_schema_is_not_found(client):
    assert client.get("/open-data/nothing.schema.json").status_code == 404
