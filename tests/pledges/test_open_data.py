"""The exports parsed back and checked against the data; the Atom feed parsed back."""

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET

import pytest

from pledges import services
from pledges.exports import COLUMNS
from reference.models import MemberState
from tests.pledges.factories import PledgeFactory, published
from tests.stakeholders.factories import OrganizationFactory, focal_point_of

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def body(response):
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def pledges():
    org = OrganizationFactory(name="Red Crescent Youth", acronym="RCY")
    joint = published(
        title="Safe journeys, “with quotes”, commas",
        organization=org,
        objectives=[8, 3],
        principles=["a", "h"],
        countries=["KEN", "MEX"],
        regions=["Africa"],
        kind_financial=True,
        amount="250000.00",
        currency="USD",
        seeking_partners=True,
    )
    partner_org = OrganizationFactory(name="Diaspora Fund")
    partner = services.invite_partner(joint, by=focal_point_of(org), organization=partner_org)
    services.confirm_partnership(partner, by=focal_point_of(partner_org))
    state = published(
        title="Labour mobility agreement",
        organization=None,
        member_state=MemberState.objects.get(iso3="PHL"),
        objectives=[5],
        regions=["Asia"],
        matches=joint,
    )
    PledgeFactory(title="A draft never exported")
    joint.refresh_from_db()
    state.refresh_from_db()
    return joint, state


def test_csv_round_trip(client, pledges):
    joint, state = pledges
    response = client.get("/pledges/export.csv?sort=reference")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    text = body(response)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert list(rows[0]) == [name for name, _t, _d in COLUMNS]
    assert [r["reference"] for r in rows] == [joint.reference, state.reference]
    first = rows[0]
    assert first["title"] == "Safe journeys, “with quotes”, commas"
    assert first["text"] == joint.text
    assert first["pledger"] == "Red Crescent Youth (RCY)"
    assert first["partners"] == '["Diaspora Fund"]'
    assert first["pledger_type"] == "ngo"
    assert first["objectives"] == "[3,8]"
    assert first["guiding_principles"] == '["a","h"]'
    assert first["countries"] == '["KEN","MEX"]'
    assert first["regions"] == '["Africa","Americas"]'
    assert first["kinds"] == '["financial","technical"]'
    assert (first["amount"], first["currency"], first["seeking_partners"]) == ("250000.00", "USD", "true")
    assert first["reporting_health"] == "green"
    assert first["forum"] == "2026"
    assert first["url"] == f"http://127.0.0.1:8000/pledges/{joint.reference}/"
    assert rows[1]["pledger"] == "Philippines"
    assert rows[1]["pledger_type"] == "member_state"
    assert rows[1]["matches"] == joint.reference
    assert rows[1]["amount"] == ""


def test_json_follows_the_registry_filters(client, pledges):
    joint, state = pledges
    response = client.get("/pledges/export.json?objective=5&page=3")
    assert response.status_code == 200
    data = json.loads(body(response))
    assert data["licence"] == "CC BY 4.0"
    assert data["schema_version"] == "2.0"
    assert data["query"] == {"objective": "5"}
    assert [p["reference"] for p in data["pledges"]] == [state.reference]
    item = data["pledges"][0]
    assert list(item) == [name for name, _t, _d in COLUMNS]
    assert item["objectives"] == [5]
    assert item["partners"] == []
    assert item["amount"] is None
    assert item["published_at"] == state.published_at.astimezone(datetime.UTC).isoformat().replace(
        "+00:00", "Z"
    )


def test_json_of_everything(client, pledges):
    data = json.loads(body(client.get("/pledges/export.json")))
    assert sorted(p["reference"] for p in data["pledges"]) == sorted(p.reference for p in pledges)
    assert data["pledges"][0]["partners"] in ([], ["Diaspora Fund"])


def test_empty_export_is_still_valid(client, pledges):
    data = json.loads(body(client.get("/pledges/export.json?q=nothingmatchesthis")))
    assert data["pledges"] == []
    rows = list(csv.reader(io.StringIO(body(client.get("/pledges/export.csv?q=nothingmatchesthis"))[1:])))
    assert len(rows) == 1


def test_data_dictionary_documents_every_column(client):
    html = client.get("/pledges/data-dictionary/").content.decode()
    for name, _type, _description in COLUMNS:
        assert f"<code>{name}</code>" in html
    assert "CC BY 4.0" in html


def test_atom_feed_parses_and_lists_published_pledges(client, pledges):
    joint, state = pledges
    response = client.get("/pledges/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert titles == [f"{state.reference}: {state.title}", f"{joint.reference}: {joint.title}"]
    assert entries[0].find(f"{ATOM}link").get("href") == f"http://testserver/pledges/{state.reference}/"
    assert entries[0].find(f"{ATOM}author/{ATOM}name").text == "Philippines"
    assert root.find(f"{ATOM}rights").text == "CC BY 4.0"


def test_statistics_show_the_same_data_as_tables(client, pledges):
    response = client.get("/pledges/statistics/")
    charts = {
        c["id"]: {r["value"]: r["count"] for r in c["rows"]} for c in response.context["stats"]["charts"]
    }
    assert charts["objective"][5] == 1
    assert charts["objective"][3] == 1
    assert charts["region"]["Asia"] == 1
    assert charts["pledger"]["member_state"] == 1
    assert charts["stage"]["planning"] == 2
    html = response.content.decode()
    # five facet charts, the amounts by currency, the months
    assert html.count('<caption id="chart-') == 7
    assert html.count('class="table-scroll" tabindex="0" role="region" aria-labelledby="chart-') == 7
    assert '<th scope="row">' in html
