"""The 2022 call was open to "Governments, the UN system and stakeholders": a body of the UN system
or another intergovernmental organisation, as the secretariat recorded it, organises side events
without accreditation; an organisation that merely calls itself one does not."""

import pytest

from side_events import services as side_events
from side_events.models import SideEvent
from tests.side_events.factories import accredited_member, side_event_forum
from tests.side_events.test_organisers_pages import application_data
from tests.stakeholders.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    return side_event_forum()


def test_a_un_system_body_applies_without_accreditation(client, forum):
    un = OrganizationFactory(name="UN-Habitat", category="un_system")
    membership = MembershipFactory(organization=un, role="member")
    client.force_login(membership.user)
    assert [f.year for f in client.get("/my/side-events/").context["open_calls"]] == [2030]
    assert client.get("/my/side-events/2030/new/").status_code == 200
    response = client.post("/my/side-events/2030/new/", application_data())
    assert response.status_code == 302
    assert list(SideEvent.objects.values_list("organization__name", "forum__year", "state")) == [
        ("UN-Habitat", 2030, "draft")
    ]


def test_an_unaccredited_stakeholder_still_does_not(client, forum):
    membership = MembershipFactory(organization=OrganizationFactory(category="ngo"))
    client.force_login(membership.user)
    assert client.get("/my/side-events/").context["open_calls"] == []
    assert client.post("/my/side-events/2030/new/", application_data()).status_code == 403
    assert not SideEvent.objects.exists()


def test_a_un_system_body_is_offered_as_co_organiser(forum):
    applicant = accredited_member(forum).organization
    un = OrganizationFactory(name="IOM", category="un_system")
    unlisted = OrganizationFactory(name="Unlisted IGO", category="un_system", listed_in_directory=False)
    stranger = OrganizationFactory(name="Unaccredited NGO")
    offered = list(side_events.co_organizer_choices(forum, applicant))
    assert un in offered
    assert unlisted not in offered and stranger not in offered
