"""The public directory of accredited organisations: filters, consent, bad input, queries."""

import pytest
from django.core.files.base import ContentFile

from reference.enums import StakeholderCategory
from reference.models import Country
from stakeholders.enums import AccreditationState, DelegateState, ListingConsent
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



def names(response):
    return [o.name for o in response.context["organizations"]]


def test_only_approved_and_listed_organisations_appear(client, forum):
    accredited(forum, name="Approved")
    accredited(forum, name="Pending", state=AccreditationState.NON_OBJECTION_LIST)
    accredited(forum, name="Unlisted", listed_in_directory=False)
    OrganizationFactory(name="Never applied")
    assert names(client.get("/organizations/?forum=2030")) == ["Approved"]


def test_filters_by_category_region_and_country(client, forum):
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
    assert names(client.get("/organizations/?forum=2030&category=migrant")) == ["Chilean migrants"]
    assert names(client.get("/organizations/?forum=2030&region=Africa")) == ["Kenyan NGO"]
    assert names(client.get("/organizations/?forum=2030&country=DEU")) == ["German academics"]
    assert names(client.get("/organizations/?forum=2030&q=chilean")) == ["Chilean migrants"]


@pytest.mark.parametrize(
    "query",
    [
        "category=martian",
        "region=Atlantis",
        "country=XXX",
        "forum=1999",
        "forum=abc",
        "page=-4",
        "page=99999999999999999999",
        "q=" + "x" * 5000,
        # (country=%00 is refused before the view: tests/core/test_control_characters_in_addresses.py)
        "forum=2030%27%20OR%201=1",
    ],
)
def test_garbage_filters_give_an_explained_page_never_a_500(client, forum, query):
    accredited(forum, name="Kenyan NGO")
    response = client.get("/organizations/?" + query)
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        ("were not understood" in page)
        or ("no published forum" in page)
        or ("Kenyan NGO" in page)
        or ("No accredited organisation matches" in page)
    )


def test_an_unknown_forum_is_explained(client, forum):
    page = client.get("/organizations/?forum=1999").content.decode()
    assert "There is no published forum “1999”; showing the current forum instead." in page


def test_organisation_page_shows_only_what_it_agreed_to_publish(client, forum, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    organization = accredited(
        forum,
        name="Quiet NGO",
        website="https://quiet.example.org",
        description="Secret plans.",
        publish_description=False,
        publish_website=False,
    )
    organization.logo.save("x", ContentFile(png()))
    DelegateFactory(
        accreditation=organization.accreditations.get(),
        name="Public Person",
        listing_consent=ListingConsent.EVERYONE,
        state=DelegateState.CONFIRMED,
    )
    DelegateFactory(
        accreditation=organization.accreditations.get(),
        name="Private Person",
        listing_consent=ListingConsent.NOBODY,
        state=DelegateState.CONFIRMED,
    )
    DelegateFactory(
        accreditation=organization.accreditations.get(),
        name="Participants-only Person",
        listing_consent=ListingConsent.PARTICIPANTS,
        state=DelegateState.CONFIRMED,
    )
    DelegateFactory(
        accreditation=organization.accreditations.get(),
        name="Pending Person",
        listing_consent=ListingConsent.EVERYONE,
        state=DelegateState.PENDING,
    )
    page = client.get(organization.get_absolute_url()).content.decode()
    assert "Quiet NGO" in page
    assert "Secret plans." not in page and "quiet.example.org" not in page
    assert "Public Person" in page
    assert "Private Person" not in page and "Pending Person" not in page
    assert "Participants-only Person" not in page
    logo = client.get(f"/organizations/{organization.slug}/logo/")
    assert logo.status_code == 200
    assert logo["Content-Type"] == "image/png"


def test_an_organisation_without_approval_has_no_public_page(client, forum):
    organization = accredited(forum, name="Pending", state=AccreditationState.SUBMITTED)
    assert client.get(organization.get_absolute_url()).status_code == 404
    assert client.get(f"/organizations/{organization.slug}/logo/").status_code == 404


@pytest.mark.parametrize("count", [1, 30])
def test_directory_queries_do_not_grow_with_organisations(client, forum, django_assert_num_queries, count):
    for n in range(count):
        accredited(forum, name=f"Organisation {n:03d}")
    with django_assert_num_queries(4):
        response = client.get("/organizations/?forum=2030&region=Africa")
    assert len(response.context["organizations"]) == count
