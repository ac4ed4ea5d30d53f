"""/api/v1/pledges/: the registry's published pledges with their indicators, values and reports,
filtered exactly as the registry page for the same query string."""

import json

import pytest
from django.utils import timezone

from pledges import services, tasks
from pledges.enums import PledgeState
from pledges.models import Pledge
from reference.models import MemberState
from tests.api.schema import assert_valid
from tests.helpers import clear_caches
from tests.pledges.factories import PledgeFactory, published
from tests.stakeholders.factories import OrganizationFactory, focal_point_of, state_focal_point

pytestmark = pytest.mark.django_db


def get(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, response.content
    return response


def build(n):
    pledges = [
        published(
            objectives=[3, (i % 23) + 1], regions=["Africa", "Europe"][i % 2 :], seeking_partners=i % 2 == 0
        )
        for i in range(n)
    ]
    first = pledges[0]
    partner_org = OrganizationFactory(name="Migrant Workers Alliance")
    partner = services.invite_partner(first, by=focal_point_of(first.organization), organization=partner_org)
    partner_user = focal_point_of(partner_org)
    services.confirm_partnership(partner, by=partner_user)
    services.post_progress_report(
        first,
        by=partner_user,
        reported_on=timezone.localdate(),
        stage="in_progress",
        narrative="Begun.",
        values={first.indicators.get().pk: 10},
    )
    PledgeFactory(title="A draft nobody sees")
    PledgeFactory(title="A withdrawn pledge", state=PledgeState.WITHDRAWN)
    first.refresh_from_db()
    return first


def test_a_pledge_with_its_indicator_values_and_reports(client):
    pledge = build(1)
    data = json.loads(get(client, f"/api/v1/pledges/{pledge.reference}/").content)
    assert_valid(data, "Pledge")
    assert data["reference"] == pledge.reference
    assert data["partners"] == ["Migrant Workers Alliance"]
    indicator = pledge.indicators.get()
    assert data["indicators"] == [
        {
            "id": indicator.pk,
            "description": "Frontline workers trained",
            "unit": "people",
            "baseline": 0,
            "target": 200,
            "target_date": "2028-12-31",
            "current": 10,
            "percent": 5,
            "values": [{"reported_on": timezone.localdate().isoformat(), "value": 10}],
        }
    ]
    assert data["progress_reports"] == [
        {
            "reported_on": timezone.localdate().isoformat(),
            "stage": "in_progress",
            "narrative": "Begun.",
            "reporter": "Migrant Workers Alliance",
            "values": [{"indicator": indicator.pk, "value": 10}],
        }
    ]


def test_the_list_is_paged_and_valid(client):
    build(3)
    data = json.loads(get(client, "/api/v1/pledges/").content)
    assert_valid(data, "PagedPledges")
    assert data["count"] == 3
    assert data["next"] is None
    assert len(data["results"]) == 3


@pytest.mark.parametrize("n", [1, 50])
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/pledges/",
        "/api/v1/pledges/?objective=3&region=Africa&q=migrant+centres",
        "/api/v1/pledges/?sort=title",
    ],
)
def test_a_page_of_pledges_runs_a_fixed_number_of_queries(client, django_assert_num_queries, n, url):
    build(n)
    clear_caches()
    tasks.warm_registry_index()  # the worker builds the facet index (and reads the labels)
    # The rows, their indicators, their reports and the reports' values; a search first reads
    # its matches.
    with django_assert_num_queries(5 if "q=" in url else 4):
        get(client, url)
    with django_assert_num_queries(4):  # the search's matches now come from this process
        get(client, url)


@pytest.mark.parametrize("n", [1, 50])
def test_a_pledge_runs_a_fixed_number_of_queries(client, django_assert_num_queries, n):
    pledge = build(n)
    get(client, "/api/v1/pledges/")
    with django_assert_num_queries(4):
        get(client, f"/api/v1/pledges/{pledge.reference}/")


@pytest.mark.parametrize(
    "query",
    [
        "",
        "objective=3",
        "objective=5&region=Europe",
        "seeking=true",
        "q=resource+centres&sort=title",
        "sort=oldest",
        "region=Africa&kind=technical&pledger=ngo&stage=planning&health=green",
    ],
)
def test_the_filters_are_the_registry_pages(client, query):
    build(12)
    page = get(client, f"/pledges/?{query}").context["registry"].page
    data = json.loads(get(client, f"/api/v1/pledges/?{query}").content)
    assert [p["reference"] for p in data["results"]] == [p.reference for p in page.object_list]
    assert data["count"] == page.paginator.count


@pytest.mark.parametrize(
    ("query", "messages"),
    [
        ("objective=99", ["GCM objective: Select a valid choice. 99 is not one of the available choices."]),
        (
            "objectives=5",
            [
                "Unknown parameter “objectives”: the registry understands q, sort, page, forum, objective, "
                "round_table, principle, kind, pledger, region, country, stage, health, seeks, offers, seeking, offering, "
                "former."
            ],
        ),
        ("sort=title&sort=newest", ["“sort” takes one value and was given 2."]),
        ("page=0", ["page: the page is a whole number from 1."]),
        (
            "former=on",
            [
                "former: the API lists published pledges; those that left the registry are in the "
                "exports (/pledges/export.json?former=on) and on their own pages."
            ],
        ),
        ("page=two", ["page: the page is a whole number from 1."]),
    ],
)
def test_a_bad_query_string_answers_400_in_json(client, query, messages):
    build(1)
    response = get(client, f"/api/v1/pledges/?{query}", status=400)
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content)
    assert data == {"error": "bad_request", "messages": messages}
    assert_valid(data, "Error")


def test_the_error_is_in_the_request_language(client):
    response = get(client, "/api/v1/pledges/?colour=blue", status=400, HTTP_ACCEPT_LANGUAGE="fr")
    assert json.loads(response.content)["messages"][0].startswith("Paramètre inconnu « colour »")


def test_unpublished_pledges_never_appear(client):
    first = build(2)
    data = json.loads(get(client, "/api/v1/pledges/").content)
    assert first.reference in [p["reference"] for p in data["results"]]
    assert all(p["title"] not in ("A draft nobody sees", "A withdrawn pledge") for p in data["results"])
    assert data["count"] == 2
    for title in ("A draft nobody sees", "A withdrawn pledge"):
        reference = Pledge.objects.get(title=title).reference
        response = get(client, f"/api/v1/pledges/{reference}/", status=404)
        assert json.loads(response.content)["error"] == "not_found"


def test_an_unknown_pledge_and_a_page_past_the_last_are_json_404s(client):
    build(1)
    for url in ("/api/v1/pledges/IMRF2026-9999/", "/api/v1/pledges/?page=2", "/api/v1/nothing-here/"):
        response = get(client, url, status=404)
        assert response["Content-Type"] == "application/json"
        data = json.loads(response.content)
        assert data == {
            "error": "not_found",
            "messages": [
                "Nothing is published at this address. The API's addresses are listed in /api/v1/schema/."
            ],
        }


def test_an_unchanged_page_answers_304_to_its_etag(client):
    pledge = build(1)
    for url in ("/api/v1/pledges/", f"/api/v1/pledges/{pledge.reference}/"):
        response = get(client, url)
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "ETag" in response["Access-Control-Expose-Headers"]
        assert response["Last-Modified"]
        again = get(client, url, status=304, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.content == b""
        assert again["ETag"] == response["ETag"]
        assert again["Access-Control-Allow-Origin"] == "*"
        get(client, url, status=200, HTTP_IF_NONE_MATCH='"something-else"')


def test_the_etag_changes_with_the_data(client):
    pledge = build(1)
    before = get(client, "/api/v1/pledges/")["ETag"]
    services.post_progress_report(
        pledge,
        by=focal_point_of(pledge.organization),
        reported_on=timezone.localdate(),
        stage="fulfilled",
        narrative="Done.",
        values={pledge.indicators.get().pk: 200},
    )
    assert get(client, "/api/v1/pledges/", HTTP_IF_NONE_MATCH=before)["ETag"] != before


def test_the_api_is_read_only(client):
    response = client.post("/api/v1/pledges/", {})
    assert response.status_code == 405
    assert json.loads(response.content)["error"] == "method_not_allowed"


def test_a_signed_in_visitor_reads_what_anyone_reads(client, secretariat_client):
    build(1)
    assert json.loads(get(secretariat_client, "/api/v1/pledges/").content)["count"] == 1


def test_a_member_states_pledge_and_report(client):
    mexico = MemberState.objects.get(iso3="MEX")
    pledge = published(organization=None, member_state=mexico)
    services.post_progress_report(
        pledge,
        by=state_focal_point("MEX"),
        reported_on=timezone.localdate(),
        stage="in_progress",
        narrative="Begun.",
        values={pledge.indicators.get().pk: 50},
    )
    data = json.loads(get(client, f"/api/v1/pledges/{pledge.reference}/").content)
    assert_valid(data, "Pledge")
    assert (data["pledger"], data["pledger_type"], data["pledger_iso3"]) == (
        mexico.name,
        "member_state",
        "MEX",
    )
    assert data["progress_reports"][0]["reporter"] == mexico.name
    assert data["indicators"][0]["percent"] == 25
    listed = json.loads(get(client, "/api/v1/pledges/").content)["results"]
    assert listed == [data]
