"""The exports take their query string literally: a bad value, an unknown parameter or a
single-valued one repeated answers 400 with the reason (JSON for the JSON export, plain text for
the CSV) instead of being dropped and echoed; a facet declared `multiple` may be repeated."""

import json

import pytest
from django.http import QueryDict

from pledges.registry import query as registry_query
from tests.pledges.factories import published

pytestmark = pytest.mark.django_db


def test_a_bad_filter_answers_json(client):
    response = client.get("/pledges/export.json?objective=99")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content)
    assert data["error"] == "bad_request"
    assert len(data["messages"]) == 1
    assert data["messages"][0].startswith("GCM objective: Select a valid choice. 99 is not one of")


def test_an_unknown_parameter_is_refused(client):
    response = client.get("/pledges/export.json?objectives=5")
    assert response.status_code == 400
    [message] = json.loads(response.content)["messages"]
    assert message.startswith(
        "Unknown parameter “objectives”: the registry understands q, sort, page, forum,"
    )


def test_a_repeated_single_valued_parameter_is_refused(client):
    response = client.get("/pledges/export.json?sort=title&sort=newest&seeking=true&seeking=false")
    assert response.status_code == 400
    assert json.loads(response.content)["messages"] == [
        "“sort” takes one value and was given 2.",
        "“seeking” takes one value and was given 2.",
    ]


def test_a_facet_takes_several_values_as_on_the_registry_page(client):
    # ?objective=3&objective=5 on the page means either; the export and the API read it the same.
    assert client.get("/pledges/export.json?objective=3&objective=5&region=Asia&region=Africa").status_code == 200
    assert client.get("/api/v1/pledges/?objective=3&objective=5").status_code == 200


def test_the_csv_answers_plain_text(client):
    response = client.get("/pledges/export.csv?colour=blue")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith("Unknown parameter “colour”")


def test_every_facet_but_a_yes_no_one_may_repeat():
    registry_query.check_parameters(QueryDict("objective=3&objective=5&region=Asia&region=Africa"))
    with pytest.raises(registry_query.BadRequest):
        registry_query.check_parameters(QueryDict("seeking=true&seeking=true"))


def test_the_query_echoed_is_the_query_applied(client):
    published(objectives=[5])
    data = json.loads(b"".join(client.get("/pledges/export.json?objective=5&page=2").streaming_content))
    assert data["query"] == {"objective": "5"}
    assert len(data["pledges"]) == 1
