"""The dashboard's part about the organisation and "my pledges"' list are kept in the cache under
the organisation's own version (core.cache_versions.of): every kind of change they show, by its
service or saved as the admin saves it, shows on the next request of the same sitting, and a
change elsewhere keeps them. Each change commits as a request's would (the callbacks on commit
run), so the version moves when it would in production."""

import datetime

import lxml.html
import pytest

from core import cache_versions
from pledges import services as pledge_services
from pledges.enums import PledgeState
from side_events import services as side_event_services
from stakeholders import services as stakeholder_services
from stakeholders.enums import AccreditationState, DelegateState, MembershipRole
from stakeholders.models import Membership
from tests.core.factories import SecretariatUserFactory
from tests.forums.factories import ForumFactory
from tests.pledges.factories import PledgeFactory, published
from tests.side_events.factories import SideEventFactory
from tests.stakeholders.factories import (
    AccreditationFactory,
    DelegateFactory,
    OrganizationFactory,
    focal_point_of,
    member_of,
    open_forum,
    verified_user,
)

pytestmark = pytest.mark.django_db
DASHBOARD, MY_PLEDGES = "/my/", "/pledges/my/"


def texts(response, xpath):
    tree = lxml.html.fromstring(response.content.decode())
    return [" ".join(node.text_content().split()) for node in tree.xpath(xpath)]


@pytest.fixture
def world(client):
    forum = open_forum()
    ours, theirs = OrganizationFactory(name="Our Network"), OrganizationFactory(name="Their Network")
    accreditation = AccreditationFactory(organization=ours, forum=forum, state=AccreditationState.APPROVED)
    user = focal_point_of(ours)
    client.force_login(user)
    return {
        "forum": forum, "ours": ours, "theirs": theirs, "accreditation": accreditation, "user": user,
        "their_focal_point": focal_point_of(theirs), "secretariat": SecretariatUserFactory(),
    }  # fmt: skip


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A block of changes that commits as a request's transaction does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def table(response):
    """ "My pledges"' rows: reference, title, state (the stage left out)."""
    rows = lxml.html.fromstring(response.content.decode()).xpath("//table/tbody/tr")
    return [tuple(cell.text_content().strip() for cell in row)[:3] for row in rows]


def cached(client, url):
    """The page, asked twice so that the second answer comes from the cache."""
    client.get(url)
    return client.get(url)


def test_a_reload_comes_from_the_cache_and_another_organisation_keeps_its_own(client, world, committed):
    first = cached(client, DASHBOARD)
    ours = cache_versions.of(cache_versions.ORGANIZATION, world["ours"].pk)
    before = cache_versions.values((ours,))
    with committed():
        published(organization=world["theirs"], forum=world["forum"], title="Their pledge")
    assert cache_versions.values((ours,)) == before
    assert client.get(DASHBOARD).content == first.content


def test_accreditation_states_delegates_and_speaking_counts_show_at_once(client, world, committed):
    accreditation = world["accreditation"]
    cached(client, DASHBOARD)
    with committed():
        delegate = DelegateFactory(accreditation=accreditation, name="Ana", state=DelegateState.PENDING)
    with committed():
        stakeholder_services.set_delegate_state(delegate, DelegateState.CONFIRMED, by=world["secretariat"])
    cards = texts(client.get(DASHBOARD), "//section[@id='accreditation']//li[@class='card']/p[3]")
    assert cards[0].startswith("1 delegate registered, of 3 places")
    next_forum = ForumFactory(
        year=2034, hearing_date=datetime.date(2034, 5, 2), start_date=datetime.date(2034, 5, 3),
        end_date=datetime.date(2034, 5, 6),
    )  # fmt: skip
    other = AccreditationFactory(
        organization=world["ours"], forum=next_forum, state=AccreditationState.SUBMITTED
    )
    cached(client, DASHBOARD)
    with committed():
        stakeholder_services.set_accreditation_state(
            other, AccreditationState.INFORMATION_REQUESTED, by=world["secretariat"], reason="Your mandate?"
        )
    assert texts(client.get(DASHBOARD), "//section[@id='due']//li/span")[0] == (
        "The secretariat asks for more information on your accreditation to IMRF 2034"
    )


def test_members_and_requests_to_join_show_at_once(client, world, committed):
    ours = world["ours"]
    links = "//p[@class='actions']/a[contains(@href, '/members/')]"
    assert texts(cached(client, DASHBOARD), links) == ["1 member"]
    newcomer = verified_user()
    with committed():
        join_request = stakeholder_services.request_to_join(ours, newcomer, "Hello")
    assert texts(client.get(DASHBOARD), links) == ["1 member · 1 request to join"]
    with committed():
        stakeholder_services.decide_join_request(join_request, accept=True, by=world["user"])
    assert texts(client.get(DASHBOARD), links) == ["2 members"]
    with committed():
        stakeholder_services.remove_member(Membership.objects.get(user=newcomer), by=world["user"])
    assert texts(client.get(DASHBOARD), links) == ["1 member"]


def test_a_member_made_focal_point_sees_what_focal_points_see(client, world, committed):
    colleague = member_of(world["ours"])
    client.force_login(colleague)
    assert "You are: Member" in texts(cached(client, DASHBOARD), "//p[@class='lead']")[0]
    with committed():
        stakeholder_services.set_member_role(
            Membership.objects.get(user=colleague), MembershipRole.FOCAL_POINT, by=world["user"]
        )
    response = client.get(DASHBOARD)
    assert "You are: Focal point" in texts(response, "//p[@class='lead']")[0]
    assert "Edit the profile" in texts(response, "//p[@class='actions']/a")


def test_the_profile_saved_as_the_admin_saves_it_shows_at_once(client, world, committed):
    cached(client, DASHBOARD)
    ours = world["ours"]
    with committed():
        ours.category = "migrant"
        ours.save()
    assert texts(client.get(DASHBOARD), "//p[@class='lead']")[0].startswith(str(ours.get_category_display()))


def test_side_events_and_co_organiser_invitations_show_at_once(client, world, committed):
    forum, ours, theirs = world["forum"], world["ours"], world["theirs"]
    side_event = SideEventFactory(forum=forum, organization=ours, title="Migrant-led data")
    theirs_event = SideEventFactory(forum=forum, organization=theirs, title="Their side event")
    assert texts(cached(client, DASHBOARD), "//section[@id='side-events']//li") == [
        "Migrant-led data (IMRF 2030) · Draft"
    ]
    with committed():
        side_event.title = "Migrant-led statistics"  # as the admin's change form saves it
        side_event.save()
    assert texts(client.get(DASHBOARD), "//section[@id='side-events']//li") == [
        "Migrant-led statistics (IMRF 2030) · Draft"
    ]
    with committed():
        side_event_services.set_co_organizers(theirs_event, [ours], by=world["their_focal_point"])
    invitation = (
        "Invitation to co-organise the side event “Their side event” from Their Network Answer the invitation"
    )
    assert invitation in texts(client.get(DASHBOARD), "//section[@id='due']//li")
    # The other organisation renames its event, then itself: the invitation says so at once.
    with committed():
        theirs_event.title = "Their panel"
        theirs_event.save()
    with committed():
        theirs.name = "Their Renamed Network"
        theirs.save()
    assert (
        "Invitation to co-organise the side event “Their panel” from Their Renamed Network Answer the invitation"
        in texts(client.get(DASHBOARD), "//section[@id='due']//li")
    )


def test_pledges_their_states_and_partnerships_show_at_once_on_both_pages(client, world, committed):
    forum, ours, theirs = world["forum"], world["ours"], world["theirs"]
    draft = PledgeFactory(organization=ours, forum=forum, title="Legal aid desks")
    lines, links = "//section[@id='pledges']//li", "//section[@id='pledges']//li/a"
    assert texts(cached(client, DASHBOARD), lines) == [f"{draft.reference}: Legal aid desks · Draft"]
    assert table(cached(client, MY_PLEDGES)) == [(draft.reference, "Legal aid desks", "Draft")]
    with committed():
        pledge_services.set_pledge_state(draft, PledgeState.SUBMITTED, by=world["user"])
    assert texts(client.get(DASHBOARD), lines) == [f"{draft.reference}: Legal aid desks · Submitted"]
    assert table(client.get(MY_PLEDGES)) == [(draft.reference, "Legal aid desks", "Submitted")]

    # Another organisation invites ours: the invitation shows on both pages.
    their_pledge = published(organization=theirs, forum=forum, title="Their pledge")
    with committed():
        partner = pledge_services.invite_partner(
            their_pledge, by=world["their_focal_point"], organization=ours
        )
    assert (
        f"Invitation to partner in pledge {their_pledge.reference} “Their pledge” from Their Network "
        "Answer the invitation" in texts(client.get(DASHBOARD), "//section[@id='due']//li")
    )
    invitations = "//h2[.='Invitations to join a pledge']/following-sibling::ul[1]/li"
    assert texts(client.get(MY_PLEDGES), invitations) == [
        f"{their_pledge.reference}: Their pledge — from Their Network"
    ]
    # Ours confirms: their pledge is listed among ours.
    with committed():
        pledge_services.confirm_partnership(partner, by=world["user"])
    assert f"{their_pledge.reference}: Their pledge" in texts(client.get(DASHBOARD), links)
    assert texts(client.get(MY_PLEDGES), invitations) == []
    # The owner edits it (the secretariat's admin saves the row): its partners see the new title.
    with committed():
        their_pledge.title = "Their joint pledge"
        their_pledge.save()
    assert f"{their_pledge.reference}: Their joint pledge" in texts(client.get(DASHBOARD), links)
    assert (their_pledge.reference, "Their joint pledge", "Published") in table(client.get(MY_PLEDGES))


def test_a_pledge_deleted_leaves_both_pages_at_once(client, world, committed):
    draft = PledgeFactory(organization=world["ours"], forum=world["forum"], title="Short-lived")
    cached(client, DASHBOARD), cached(client, MY_PLEDGES)
    with committed():
        draft.delete()
    assert texts(client.get(DASHBOARD), "//section[@id='pledges']//li") == []
    assert table(client.get(MY_PLEDGES)) == []
