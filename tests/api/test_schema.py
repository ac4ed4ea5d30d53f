"""The OpenAPI document: served as JSON and YAML at /api/v1/schema/, valid OpenAPI 3.1, and
enough on its own for a third party to page through every published pledge: it names the list's
address, its `next` link and the pledge's indicators and their values; the walk below follows
only what the document says."""

import json

import pytest
import yaml
from openapi_spec_validator import validate

from pledges.enums import PledgeState
from tests.api.schema import assert_valid
from tests.pledges.factories import PledgeFactory, published

pytestmark = pytest.mark.django_db


def test_the_document_is_valid_openapi_as_json_and_yaml(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    document = json.loads(response.content)
    validate(document)
    assert document["openapi"] == "3.1.0"
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert yaml.safe_load(response.content) == document
    assert client.get("/api/v1/schema/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_every_address_is_documented(client):
    document = json.loads(client.get("/api/v1/schema/?format=json").content)
    assert sorted(document["paths"]) == [
        "/api/v1/forums/",
        "/api/v1/forums/{year}/",
        "/api/v1/forums/{year}/sessions/",
        "/api/v1/forums/{year}/sessions/{slug}/",
        "/api/v1/forums/{year}/side-events/",
        "/api/v1/forums/{year}/side-events/{slug}/",
        "/api/v1/forums/{year}/summaries/",
        "/api/v1/forums/{year}/summaries/{slug}/",
        "/api/v1/objectives/",
        "/api/v1/objectives/{number}/",
        "/api/v1/organizations/",
        "/api/v1/organizations/{slug}/",
        "/api/v1/pledges/",
        "/api/v1/pledges/{reference}/",
        "/api/v1/principles/",
        "/api/v1/principles/{letter}/",
    ]
    for path, operations in document["paths"].items():
        responses = operations["get"]["responses"]
        assert {"200", "400", "404"} <= set(responses), path


def resolve(document, schema):
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def test_a_third_party_pages_through_every_published_pledge_from_the_document_alone(client):
    shown = {published(title=f"Pledge {n}").reference for n in range(53)}
    PledgeFactory(title="Draft")
    PledgeFactory(title="Withdrawn", state=PledgeState.WITHDRAWN)
    document = json.loads(client.get("/api/v1/schema/?format=json").content)
    listing = document["paths"]["/api/v1/pledges/"]["get"]
    page_schema = resolve(document, listing["responses"]["200"]["content"]["application/json"]["schema"])
    assert {"count", "next", "results"} <= set(page_schema["properties"])
    pledge_schema = resolve(document, page_schema["properties"]["results"]["items"])
    indicator_schema = resolve(document, pledge_schema["properties"]["indicators"]["items"])
    assert "values" in indicator_schema["properties"]
    url, seen, pages = "/api/v1/pledges/", [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = json.loads(response.content)
        assert_valid(page, "PagedPledges")
        seen += [(p["reference"], [i["values"] for i in p["indicators"]]) for p in page["results"]]
        url, pages = page["next"], pages + 1
    assert pages == 2
    assert len({reference for reference, _values in seen}) == len(seen)  # none twice
    assert {reference for reference, _values in seen} == shown
    assert len(seen) == 53 == page["count"]
    assert all(values == [[]] for _reference, values in seen)


def test_next_keeps_the_filters(client):
    for n in range(60):
        published(title=f"Pledge {n}", objectives=[5])
    published(title="Elsewhere", objectives=[7])
    page = json.loads(client.get("/api/v1/pledges/?objective=5&sort=title").content)
    assert page["count"] == 60
    assert page["next"] == "http://testserver/api/v1/pledges/?objective=5&sort=title&page=2"
    second = json.loads(client.get(page["next"]).content)
    assert second["previous"] == "http://testserver/api/v1/pledges/?objective=5&sort=title"
    assert len(second["results"]) == 10
