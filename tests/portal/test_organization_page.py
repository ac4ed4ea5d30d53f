"""The public organisation page lists the organisation's published pledges and its side events on
a published programme; pledgers' names link to it wherever the organisation has a public page."""

import lxml.html
import pytest

from side_events.enums import CoOrganizerState
from stakeholders.enums import AccreditationState, DelegateState, ListingConsent
from tests.pledges.factories import PledgeFactory, published
from tests.side_events.factories import (
    SideEventCoOrganizerFactory,
    SideEventFactory,
    accepted_side_event,
    lunchtime,
)
from tests.stakeholders.factories import (
    AccreditationFactory,
    DelegateFactory,
    OrganizationFactory,
    open_forum,
)

pytestmark = pytest.mark.django_db


def texts(response, xpath):
    tree = lxml.html.fromstring(response.content.decode())
    return [" ".join(node.text_content().split()) for node in tree.xpath(xpath)]


@pytest.fixture
def forum():
    return open_forum()


def accredited(forum, name, **kwargs):
    organization = OrganizationFactory(name=name, **kwargs)
    AccreditationFactory(organization=organization, forum=forum, state=AccreditationState.APPROVED)
    return organization


def test_the_page_lists_published_pledges_and_public_side_events(client, forum):
    ours = accredited(forum, "Our Network")
    lead = accredited(forum, "Lead Network")
    mine = published(organization=ours, forum=forum, title="Legal aid desks")
    PledgeFactory(organization=ours, forum=forum, title="Draft idea")
    partnered = published(organization=lead, forum=forum, title="Joint pledge")
    partnered.partners.create(organization=ours, confirmed_at=mine.published_at)
    invited = published(organization=lead, forum=forum, title="Only invited")
    invited.partners.create(organization=ours)
    accepted_side_event(forum, *lunchtime(forum, 1), organization=ours, title="Migrant-led data")
    SideEventFactory(forum=forum, organization=ours, title="Still a draft")
    co_organised = accepted_side_event(forum, *lunchtime(forum, 2), organization=lead, title="Co-organised event")
    SideEventCoOrganizerFactory(side_event=co_organised, organization=ours, state=CoOrganizerState.CONFIRMED)
    response = client.get("/organizations/" + ours.slug + "/")
    # Only invited, not yet a partner: "Only invited" is not listed.
    assert texts(response, "//section[@id='pledges']//li") == [
        f"{partnered.reference}: Joint pledge · Planning",
        f"{mine.reference}: Legal aid desks · Planning",
    ]
    assert texts(response, "//section[@id='side-events']//li") == [
        "Co-organised event · IMRF 2030",
        "Migrant-led data · IMRF 2030",
    ]


def test_without_pledges_nor_side_events_the_page_says_so(client, forum):
    ours = accredited(forum, "Quiet Network")
    response = client.get(ours.get_absolute_url())
    assert texts(response, "//section/p") == [
        "No published pledge yet.",
        "No side event on a published programme yet.",
    ]


def test_the_url_is_kept(forum):
    assert accredited(forum, "Our Network", slug="our-network").get_absolute_url() == "/organizations/our-network/"


@pytest.mark.parametrize("count", [1, 15])
def test_organisation_page_queries_are_constant(client, forum, django_assert_num_queries, count):
    organization = accredited(forum, "Busy NGO")
    for n in range(count):
        DelegateFactory(
            accreditation=organization.accreditations.get(),
            listing_consent=ListingConsent.EVERYONE,
            state=DelegateState.CONFIRMED,
            email=f"d{n}@example.org",
        )
        published(organization=organization, forum=forum, title=f"Pledge {n}")
        accepted_side_event(forum, *lunchtime(forum, n % 4, minutes=30 + n), organization=organization)
    with django_assert_num_queries(6):
        response = client.get(organization.get_absolute_url())
    assert (len(response.context["pledges"]), len(response.context["side_events"])) == (count, count)


# --- Pledgers' names link to their page ---------------------------------------------------------


def test_the_pledge_page_links_the_pledger_and_partners_that_have_a_public_page(client, forum):
    lead = accredited(forum, "Lead Network", slug="lead-network")
    partner = accredited(forum, "Partner Network", slug="partner-network")
    unlisted = accredited(forum, "Unlisted Network", listed_in_directory=False)
    pledge = published(organization=lead, forum=forum)
    pledge.partners.create(organization=partner, confirmed_at=pledge.published_at)
    pledge.partners.create(organization=unlisted, confirmed_at=pledge.published_at)
    tree = lxml.html.fromstring(client.get(pledge.get_absolute_url()).content.decode())
    facts = tree.xpath("//dl[@class='facts']")[0]
    assert [(a.text_content(), a.get("href")) for a in facts.xpath(".//a[starts-with(@href, '/organizations/')]")] == [
        ("Lead Network", "/organizations/lead-network/"),
        ("Partner Network", "/organizations/partner-network/"),
    ]
    assert "Unlisted Network" in facts.text_content()


def test_a_pledger_without_a_public_page_is_not_linked(client, forum):
    pending = OrganizationFactory(name="Pending Network")
    AccreditationFactory(organization=pending, forum=forum, state=AccreditationState.SUBMITTED)
    pledge = published(organization=pending, forum=forum)
    tree = lxml.html.fromstring(client.get(pledge.get_absolute_url()).content.decode())
    assert tree.xpath("//dl[@class='facts']//a[starts-with(@href, '/organizations/')]") == []


def test_registry_rows_link_pledgers_that_have_a_public_page(client, forum):
    listed = accredited(forum, "Listed Network", slug="listed-network")
    published(organization=listed, forum=forum, title="Linked pledge")
    published(organization=OrganizationFactory(name="Never accredited"), forum=forum, title="Plain pledge")
    tree = lxml.html.fromstring(client.get("/pledges/").content.decode())
    rows = {
        " ".join(card.xpath(".//h3")[0].text_content().split()): card.xpath(".//p[@class='muted']//a/@href")
        for card in tree.xpath("//li[@class='pledge-card']")
    }
    assert rows == {"Linked pledge": ["/organizations/listed-network/"], "Plain pledge": []}
