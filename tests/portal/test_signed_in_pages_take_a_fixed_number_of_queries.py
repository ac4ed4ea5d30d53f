"""The signed-in pages an organisation opens most, /my/ and /pledges/my/, take the same number of
queries for one row of each kind as for fifty (issue 19): the organisation's own pledges, the
pledges it is a confirmed partner in, the invitations to partner, its side events and the
co-organiser invitations, its delegates and the changes since the last visit."""

import datetime

import lxml.html
import pytest
from django.utils import timezone

from core.audit import log_activity
from core.models import LastVisit
from stakeholders.enums import AccreditationState
from tests.declarations.factories import DeclarationVersionFactory
from tests.pledges.factories import PledgeFactory, published
from tests.side_events.factories import SideEventCoOrganizerFactory, SideEventFactory
from tests.stakeholders.factories import (
    AccreditationFactory,
    DelegateFactory,
    OrganizationFactory,
    focal_point_of,
    open_forum,
)

pytestmark = pytest.mark.django_db


def rows(response, xpath):
    return lxml.html.fromstring(response.content.decode()).xpath(xpath)


@pytest.fixture(params=[1, 50])
def organisation(request):
    """An approved organisation with `count` rows of each kind, and its focal point."""
    count = request.param
    forum = open_forum()
    ours, theirs = OrganizationFactory(name="Our Network"), OrganizationFactory(name="Their Network")
    accreditation = AccreditationFactory(organization=ours, forum=forum, state=AccreditationState.APPROVED)
    now = timezone.now()
    for n in range(count):
        pledge = published(organization=ours, forum=forum, title=f"Our pledge {n}")
        PledgeFactory(organization=ours, forum=forum, title=f"Our draft {n}")
        published(organization=theirs, forum=forum, title=f"Joint {n}").partners.create(
            organization=ours, confirmed_at=now
        )
        published(organization=theirs, forum=forum, title=f"Invitation {n}").partners.create(organization=ours)
        side_event = SideEventFactory(forum=forum, organization=ours, title=f"Our event {n}")
        SideEventCoOrganizerFactory(
            side_event=SideEventFactory(forum=forum, organization=theirs, title=f"Their event {n}"),
            organization=ours,
            state="invited",
        )
        delegate = DelegateFactory(accreditation=accreditation, email=f"delegate{n}@example.org")
        log_activity(delegate, "delegate.state", old_state="pending", new_state="confirmed")
        log_activity(side_event, "side_event.state", old_state="draft", new_state="submitted")
        log_activity(pledge, "pledge.state", old_state="submitted", new_state="published")
    DeclarationVersionFactory(forum=forum)
    return {"count": count, "user": focal_point_of(ours)}


def test_the_dashboard_takes_the_same_queries_for_one_row_or_fifty(client, organisation, django_assert_num_queries):
    count = organisation["count"]
    client.force_login(organisation["user"])
    client.get("/my/")  # the first visit: from the next one, the changes since are listed
    LastVisit.objects.update(visited_at=timezone.now() - datetime.timedelta(days=1))
    # Session, user, membership and Member State focal point (one), last visit (one UPDATE …
    # RETURNING), accreditations, members and pending join requests (one), side events, calls
    # open, pledges, partner invitations, co-organiser invitations, changes, delegates named in
    # them. The forums open for accreditation and those taking key messages are public: from the
    # cache, which the first visit filled.
    with django_assert_num_queries(13):
        response = client.get("/my/")
    assert response.status_code == 200
    assert len(rows(response, "//section[@id='pledges']//li")) == 3 * count  # own, drafts, joint
    assert len(rows(response, "//section[@id='side-events']//li")) == count
    assert len(rows(response, "//section[@id='due']//a[.='Answer the invitation']")) == 2 * count
    assert len(rows(response, "//section[@id='changes']//li")) == min(3 * count, 30)
    # A reload in the same sitting: the organisation's part from the cache (session, user,
    # membership and focal point, last visit), the same page.
    with django_assert_num_queries(4):
        again = client.get("/my/")
    assert again.content == response.content


def test_my_pledges_takes_the_same_queries_for_one_row_or_fifty(client, organisation, django_assert_num_queries):
    count = organisation["count"]
    client.force_login(organisation["user"])
    # Session, user, membership and Member State focal point (one), invitations, pledges.
    with django_assert_num_queries(5):
        response = client.get("/pledges/my/")
    assert response.status_code == 200
    assert len(rows(response, "//table/tbody/tr")) == 3 * count
    assert len(rows(response, "//h2[.='Invitations to join a pledge']/following-sibling::ul[1]/li")) == count
    # Again: the list from the cache under the organisation's own version.
    with django_assert_num_queries(3):
        again = client.get("/pledges/my/")
    assert again.content == response.content
