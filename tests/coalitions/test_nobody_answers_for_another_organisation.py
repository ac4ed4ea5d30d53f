"""The other side confirms, and only it: the convenor's focal points a request, the invited
entity's focal points an invitation. A member of the coalition, a plain member of the invited
organisation, a focal point of another organisation: none confirms for it, by the service or the page."""

import pytest
from django.core.exceptions import PermissionDenied

from coalitions import services
from coalitions.enums import MembershipState
from core.models import ActivityLog
from tests.coalitions.factories import convene
from tests.stakeholders.factories import OrganizationFactory, focal_point_of, member_of, state_focal_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation():
    convenor, fellow, invited = OrganizationFactory(), OrganizationFactory(), OrganizationFactory()
    coalition = convene(convenor, members=[fellow])
    row = services.invite_member(coalition, invited, by=focal_point_of(convenor))
    return {
        "row": row,
        "convenor": convenor,
        "fellow_fp": focal_point_of(fellow),
        "plain": member_of(invited),
        "invited_fp": focal_point_of(invited),
        "state_fp": state_focal_point("MEX"),
        "convenor_fp": focal_point_of(convenor),
    }


@pytest.mark.parametrize("who", ["fellow_fp", "plain", "state_fp", "convenor_fp"])
def test_an_invitation_is_not_confirmed_by_anyone_but_the_invited_focal_points(invitation, who):
    row = invitation["row"]
    with pytest.raises(PermissionDenied):
        services.set_member_state(row, MembershipState.CONFIRMED, by=invitation[who])
    row.refresh_from_db()
    assert (row.state, ActivityLog.objects.for_object(row).count()) == (MembershipState.INVITED, 1)


@pytest.mark.parametrize("who", ["fellow_fp", "plain", "state_fp", "convenor_fp"])
def test_the_answer_page_refuses_them_too(client, invitation, who):
    client.force_login(invitation[who])
    response = client.post(f"/coalitions/members/{invitation['row'].pk}/", {"decision": "confirm"})
    # Those who are neither side do not learn the invitation exists; the convenor may look, not answer.
    assert response.status_code == (403 if who in ("convenor_fp", "plain") else 404)
    invitation["row"].refresh_from_db()
    assert invitation["row"].state == MembershipState.INVITED


def test_the_invited_focal_point_confirms_on_the_page(client, invitation):
    client.force_login(invitation["invited_fp"])
    response = client.post(f"/coalitions/members/{invitation['row'].pk}/", {"decision": "confirm"})
    assert response.status_code == 302
    invitation["row"].refresh_from_db()
    assert invitation["row"].state == MembershipState.CONFIRMED


def test_a_request_is_not_confirmed_by_the_organisation_that_asked(client):
    convenor, asking = OrganizationFactory(), OrganizationFactory()
    asking_fp = focal_point_of(asking)
    row = services.ask_to_join(convene(convenor), asking, by=asking_fp)
    with pytest.raises(PermissionDenied):
        services.set_member_state(row, MembershipState.CONFIRMED, by=asking_fp)
    client.force_login(asking_fp)
    assert client.post(f"/coalitions/members/{row.pk}/", {"decision": "confirm"}).status_code == 403
    row.refresh_from_db()
    assert row.state == MembershipState.REQUESTED
