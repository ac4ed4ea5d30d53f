"""The registry's CSV and JSON read back by their real clients (the csv module, jsonschema), the
CSV guarded against formulas, and the Atom feed read by feedparser."""

import csv
import io
import json

import feedparser
import jsonschema
import pytest
from django.conf import settings as django_settings

from tests.practices.factories import PracticeFactory, published

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def practices():
    first = published(title="=HYPERLINK(\"http://evil.example\")", objectives=[1, 3], countries=["MEX"], regions=[])
    second = published(title="Plain title", partners="City hall\n+Union of workers", objectives=[15])
    PracticeFactory(title="A draft")
    return first, second


def test_csv_reads_back_without_formulas(client, practices):
    first, second = practices
    response = client.get("/practices/export.csv")
    assert (response.status_code, response["X-Licence"]) == (200, "CC BY 4.0")
    rows = list(csv.DictReader(io.StringIO(body(response).lstrip("\ufeff"))))
    assert [row["title"] for row in rows] == ["Plain title", "'=HYPERLINK(\"http://evil.example\")"]
    assert json.loads(rows[0]["partners"]) == ["City hall", "+Union of workers"]
    assert (json.loads(rows[1]["objectives"]), json.loads(rows[1]["countries"])) == ([1, 3], ["MEX"])


def test_csv_follows_the_filters(client, practices):
    rows = list(csv.DictReader(io.StringIO(body(client.get("/practices/export.csv?objective=15")).lstrip("\ufeff"))))
    assert [row["title"] for row in rows] == ["Plain title"]


def test_json_validates_against_its_schema(client, practices):
    schema = client.get("/practices/export.schema.json").json()
    data = json.loads(body(client.get("/practices/export.json")))
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    assert [p["title"] for p in data["practices"]] == ["Plain title", "=HYPERLINK(\"http://evil.example\")"]
    assert data["licence"] == "CC BY 4.0"
    # The head names the records' Table Schema (the CSV's columns), as every dataset's JSON does.
    assert data["table_schema"] == django_settings.SITE_URL + "/practices/export.table-schema.json"


def test_the_table_schema_names_every_column(client):
    fields = [f["name"] for f in client.get("/practices/export.table-schema.json").json()["fields"]]
    header = body(client.get("/practices/export.csv")).lstrip("\ufeff").splitlines()[0].split(",")
    assert fields == header


def test_the_data_dictionary_states_the_licence(client):
    page = client.get("/practices/data/").content.decode()
    assert "CC BY 4.0" in page and "<code>objectives</code>" in page


def test_the_atom_feed_reads_back(client, practices):
    first, second = practices
    feed = feedparser.parse(client.get("/practices/feed/").content)
    assert feed.bozo == 0
    assert [e.title for e in feed.entries] == ["Plain title", "=HYPERLINK(\"http://evil.example\")"]
    assert feed.entries[0].id.endswith(f"/practices/{second.pk}/")
