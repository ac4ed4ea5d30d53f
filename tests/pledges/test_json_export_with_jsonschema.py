"""The registry's JSON export validated, as a third party would, against the JSON Schema that the
portal publishes beside the data dictionary (jsonschema, draft 2020-12, formats checked): amounts
are numbers with their currency, Member States carry their ISO 3166 code, every pledge its
modification date, the export its publisher; public GETs are readable from another site (CORS)."""

import datetime
import json

import pytest
from jsonschema import Draft202012Validator

from pledges.exports import COLUMNS, JSON_TYPES
from reference.models import MemberState
from tests.pledges.factories import published
from tests.stakeholders.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def validator(client):
    response = client.get("/pledges/schema.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/schema+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    schema = json.loads(response.content)
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "http://127.0.0.1:8000/pledges/schema.json"
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture
def pledges():
    money = published(
        organization=OrganizationFactory(name="Diaspora Fund", acronym=""),
        kind_financial=True,
        amount="250000.50",
        currency="EUR",
        countries=["KEN"],
    )
    state = published(organization=None, member_state=MemberState.objects.get(iso3="PHL"), matches=money)
    return money, state


def test_real_responses_validate(client, pledges, validator):
    for url in (
        "/pledges/export.json",
        "/pledges/export.json?objective=3&sort=title",
        "/pledges/export.json?q=zzz",
    ):
        response = client.get(url)
        assert response.status_code == 200
        errors = [error.message for error in validator.iter_errors(json.loads(body(response)))]
        assert errors == []


def test_an_invalid_document_is_caught(client, pledges, validator):
    data = json.loads(body(client.get("/pledges/export.json")))
    data["pledges"][0]["amount"] = "250000.50"
    data["pledges"][0]["stage"] = "finished"
    assert sorted(error.validator for error in validator.iter_errors(data)) == ["enum", "type"]


def test_amounts_codes_dates_and_publisher(client, pledges):
    money, state = pledges
    response = client.get("/pledges/export.json?sort=reference")
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(body(response))
    assert data["publisher"] == {"name": "IMRF Stakeholder Portal", "url": "http://127.0.0.1:8000/"}
    assert data["schema"] == "http://127.0.0.1:8000/pledges/schema.json"
    by_reference = {item["reference"]: item for item in data["pledges"]}
    assert (by_reference[money.reference]["amount"], by_reference[money.reference]["currency"]) == (
        250000.5,
        "EUR",
    )
    assert by_reference[money.reference]["pledger_iso3"] is None
    assert by_reference[state.reference]["pledger_iso3"] == "PHL"
    assert by_reference[state.reference]["pledger"] == "Philippines"
    money.refresh_from_db()
    assert by_reference[money.reference]["updated_at"] == money.updated_at.astimezone(
        datetime.UTC
    ).isoformat().replace("+00:00", "Z")


def test_every_type_of_the_dictionary_is_described():
    assert {type_name for _name, type_name, _description in COLUMNS} <= set(JSON_TYPES)


def test_the_data_dictionary_links_the_schema(client):
    html = client.get("/pledges/data-dictionary/").content.decode()
    assert 'href="/pledges/schema.json"' in html
