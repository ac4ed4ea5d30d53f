"""/api/v1/organizations/: the directory's organisations with its filters, each showing only what
it agreed to publish."""

import json

import pytest
from django.core.files.base import ContentFile

from reference.enums import StakeholderCategory
from reference.models import Country
from stakeholders.enums import AccreditationState, DelegateState, ListingConsent
from tests.api.schema import assert_valid
from tests.stakeholders.factories import (
    DelegateFactory,
    OrganizationFactory,
    listed_organization,
    open_forum,
)
from tests.stakeholders.test_organizations import png

# The organisations these tests need: accredited (approved unless said), listed.
accredited = listed_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    return open_forum()



def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


def test_only_approved_and_listed_organisations_appear(client, forum):
    accredited(forum, name="Approved")
    accredited(forum, name="Pending", state=AccreditationState.NON_OBJECTION_LIST)
    accredited(forum, name="Unlisted", listed_in_directory=False)
    OrganizationFactory(name="Never applied")
    data = get(client, "/api/v1/organizations/?forum=2030")
    assert_valid(data, "PagedOrganizations")
    assert [o["name"] for o in data["results"]] == ["Approved"]
    assert data["count"] == 1
    assert data["next"] is None


@pytest.mark.parametrize(
    "query",
    ["forum=2030&category=migrant", "forum=2030&region=Africa", "forum=2030&country=DEU", "q=chilean", ""],
)
def test_the_filters_are_the_directory_pages(client, forum, query):
    accredited(forum, name="Kenyan NGO", country=Country.objects.get(iso3="KEN"))
    accredited(
        forum,
        name="Chilean migrants",
        category=StakeholderCategory.MIGRANT,
        country=Country.objects.get(iso3="CHL"),
    )
    accredited(
        forum,
        name="German academics",
        category=StakeholderCategory.ACADEMIA,
        country=Country.objects.get(iso3="DEU"),
    )
    page = client.get(f"/organizations/?{query}").context["organizations"]
    data = get(client, f"/api/v1/organizations/?{query}")
    assert [o["name"] for o in data["results"]] == [o.name for o in page]
    assert data["count"] == page.paginator.count


@pytest.mark.parametrize(
    ("query", "messages"),
    [
        (
            "category=martian",
            ["Category: Select a valid choice. martian is not one of the available choices."],
        ),
        (
            "country=XXX",
            [
                "Country of headquarters: Select a valid choice. That choice is not one of the available choices."
            ],
        ),
        ("forum=1999", ["forum: there is no published forum “1999”."]),
        ("page=-4", ["page: the page is a whole number from 1."]),
        ("q=" + "x" * 300, ["Name or acronym: Ensure this value has at most 200 characters (it has 300)."]),
        (
            "colour=blue",
            [
                "Unknown parameter “colour”: this address understands forum, q, category, region, country, page."
            ],
        ),
        ("region=Africa&region=Asia", ["“region” takes one value and was given 2."]),
    ],
)
def test_a_bad_query_string_answers_400(client, forum, query, messages):
    accredited(forum, name="Kenyan NGO")
    assert get(client, f"/api/v1/organizations/?{query}", status=400) == {
        "error": "bad_request",
        "messages": messages,
    }


def test_a_page_past_the_last_is_a_404(client, forum):
    accredited(forum, name="Kenyan NGO")
    assert get(client, "/api/v1/organizations/?page=99999999999999999999", status=404)["error"] == "not_found"


def test_an_organisation_shows_only_what_it_agreed_to_publish(client, forum, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    quiet = accredited(
        forum,
        name="Quiet NGO",
        website="https://quiet.example.org",
        description="Secret plans.",
        publish_description=False,
        publish_website=False,
        publish_logo=False,
        work_regions=["Africa"],
    )
    quiet.logo.save("x", ContentFile(png()))
    open_org = accredited(
        forum, name="Open NGO", website="https://open.example.org", description="Our plans."
    )
    open_org.logo.save("x", ContentFile(png()))
    accreditation = quiet.accreditations.get()
    DelegateFactory(accreditation=accreditation, name="Public Person", listing_consent=ListingConsent.EVERYONE, state=DelegateState.CONFIRMED)
    DelegateFactory(accreditation=accreditation, name="Private Person", listing_consent=ListingConsent.NOBODY, state=DelegateState.CONFIRMED)
    DelegateFactory(accreditation=accreditation, name="Pending Person", listing_consent=ListingConsent.EVERYONE, state=DelegateState.PENDING)
    data = get(client, f"/api/v1/organizations/{quiet.slug}/")
    assert_valid(data, "OrganizationDetail")
    assert (data["website"], data["description"], data["logo"]) == ("", "", None)
    assert data["delegates"] == [{"name": "Public Person", "function": "Policy officer", "forum": 2030}]
    assert data["accredited_to"] == [2030]
    assert data["work_regions"] == ["Africa"]
    listed = {o["name"]: o for o in get(client, "/api/v1/organizations/?forum=2030")["results"]}
    assert (
        listed["Quiet NGO"]["website"],
        listed["Quiet NGO"]["description"],
        listed["Quiet NGO"]["logo"],
    ) == (
        "",
        "",
        None,
    )
    assert listed["Open NGO"]["website"] == "https://open.example.org"
    assert listed["Open NGO"]["description"] == "Our plans."
    assert listed["Open NGO"]["logo"] == f"{settings.SITE_URL}/organizations/{open_org.slug}/logo/"


def test_an_organisation_without_approval_is_a_404(client, forum):
    organization = accredited(forum, name="Pending", state=AccreditationState.SUBMITTED)
    unlisted = accredited(forum, name="Unlisted", listed_in_directory=False)
    for slug in (organization.slug, unlisted.slug, "nobody"):
        assert get(client, f"/api/v1/organizations/{slug}/", status=404)["error"] == "not_found"


@pytest.mark.parametrize("count", [1, 50])
def test_queries_do_not_grow_with_organisations(client, forum, django_assert_num_queries, count):
    for n in range(count):
        organization = accredited(forum, name=f"Organisation {n:03d}", work_regions=["Africa"])
        DelegateFactory(
            accreditation=organization.accreditations.get(),
            listing_consent=ListingConsent.EVERYONE,
            state=DelegateState.CONFIRMED,
            email=f"d{n}@example.org",
        )
    with django_assert_num_queries(3):  # the forums, the count, the page
        data = get(client, "/api/v1/organizations/?forum=2030&region=Africa")
    assert len(data["results"]) == count
    with django_assert_num_queries(4):  # the organisation, its accreditations, its delegates, its countries
        get(client, "/api/v1/organizations/organisation-000/")


def test_an_unchanged_directory_answers_304(client, forum):
    accredited(forum, name="Kenyan NGO")
    response = client.get("/api/v1/organizations/")
    assert client.get("/api/v1/organizations/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
