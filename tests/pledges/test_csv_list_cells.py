"""List cells of the registry's CSV split back exactly, whatever the names contain: each is a
JSON array, and the CSV's cells read with json.loads equal the JSON export's lists."""

import csv
import io
import json

import pytest

from pledges import services
from tests.pledges.factories import published
from tests.stakeholders.factories import OrganizationFactory, focal_point_of

pytestmark = pytest.mark.django_db

AWKWARD = ["Fund; Network", 'Says "hello", then, | goodbye', "Back\\slash [and] brackets"]
LISTS = ("kinds", "partners", "objectives", "guiding_principles", "regions", "countries")


def body(response):
    return b"".join(response.streaming_content).decode("utf-8")


def test_names_with_separators_round_trip(client):
    org = OrganizationFactory(name="Lead; Org", acronym="")
    pledge = published(organization=org, objectives=[1, 23], countries=["KEN", "MEX"], regions=["Africa"])
    for name in AWKWARD:
        partner_org = OrganizationFactory(name=name, acronym="")
        partner = services.invite_partner(pledge, by=focal_point_of(org), organization=partner_org)
        services.confirm_partnership(partner, by=focal_point_of(partner_org))

    [row] = csv.DictReader(io.StringIO(body(client.get("/pledges/export.csv")).removeprefix("\ufeff")))
    [item] = json.loads(body(client.get("/pledges/export.json")))["pledges"]

    assert row["pledger"] == "Lead; Org"
    assert sorted(json.loads(row["partners"])) == sorted(AWKWARD)
    assert json.loads(row["objectives"]) == [1, 23]
    assert json.loads(row["countries"]) == ["KEN", "MEX"]
    assert {name: json.loads(row[name]) for name in LISTS} == {name: item[name] for name in LISTS}


def test_an_empty_list_is_an_empty_array(client):
    published(organization=OrganizationFactory(acronym=""))
    [row] = csv.DictReader(io.StringIO(body(client.get("/pledges/export.csv")).removeprefix("\ufeff")))
    assert (row["partners"], row["countries"]) == ("[]", "[]")
