"""The pages that change a membership or a coalition do it through the services, with a clear
message for what they refuse: asking to join, inviting (found by name), leaving, closing, editing."""

import pytest

from coalitions.enums import CoalitionState, MembershipState
from coalitions.models import CoalitionMember
from core.models import OutboxMessage
from tests.coalitions.factories import convene
from tests.stakeholders.factories import OrganizationFactory, focal_point_of, listed_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    convenor = OrganizationFactory(name="Convening NGO")
    coalition = convene(convenor, title="Decent work corridor")
    return {"coalition": coalition, "convenor_fp": focal_point_of(convenor)}


def test_a_focal_point_asks_to_join_and_the_convenor_is_mailed(client, world):
    asking = OrganizationFactory(name="Asking NGO")
    client.force_login(focal_point_of(asking))
    url = f"/coalitions/{world['coalition'].slug}/join/"
    assert (
        client.post(url, {"message": "We run two recruitment centres."})["Location"]
        == world["coalition"].get_absolute_url()
    )
    row = CoalitionMember.objects.get(organization=asking)
    assert (row.state, row.message) == (MembershipState.REQUESTED, "We run two recruitment centres.")
    message = OutboxMessage.objects.get(template="coalitions/email/member_update")
    assert message.subject == "[IMRF Portal] Asking NGO asks to join “Decent work corridor”"
    assert f"/coalitions/members/{row.pk}/" in message.body
    # Asked once: the page is not offered again.
    assert client.get(url).status_code == 403


def test_the_convenor_finds_and_invites_an_organisation_listed_in_the_directory(client, world):
    listed = listed_organization(name="Listed Union", acronym="LU")
    OrganizationFactory(name="Listed Unlisted", listed_in_directory=False)
    client.force_login(world["convenor_fp"])
    url = f"/coalitions/{world['coalition'].slug}/invite/"
    found = client.get(url, {"q": "listed"})
    assert [o.name for o in found.context["candidates"]["organizations"]] == ["Listed Union"]
    assert client.post(f"{url}?q=listed", {"entity": f"organization:{listed.pk}"}).status_code == 302
    assert CoalitionMember.objects.get(organization=listed).state == MembershipState.INVITED
    again = client.post(url, {"entity": f"organization:{listed.pk}"}, follow=True)
    assert (
        "Listed Union (LU) is already in this coalition or waiting for an answer."
        not in again.content.decode()
    )
    assert "Listed Union is already in this coalition or waiting for an answer." in again.content.decode()
    unknown = client.post(url, {"entity": "organization:nope"}, follow=True)
    assert "Choose an organisation or a Member State from the list." in unknown.content.decode()


def test_a_member_leaves_and_the_convenor_closes_from_their_pages(client, world):
    fellow = OrganizationFactory()
    coalition = convene(fellow_convenor := OrganizationFactory(), members=[fellow])
    row = coalition.members.get(organization=fellow)
    client.force_login(focal_point_of(fellow))
    assert client.post(f"/coalitions/members/{row.pk}/leave/").status_code == 302
    row.refresh_from_db()
    assert row.state == MembershipState.LEFT
    client.force_login(focal_point_of(fellow_convenor))
    assert client.post(f"/coalitions/{coalition.slug}/state/closed/").status_code == 302
    coalition.refresh_from_db()
    assert coalition.state == CoalitionState.CLOSED
    assert client.post(f"/coalitions/{coalition.slug}/state/published/").status_code == 403


def test_the_convenor_edits_and_a_draft_is_hidden_from_others(client, world):
    draft = convene(world["coalition"].organization, state=CoalitionState.DRAFT, title="Not yet public")
    client.force_login(focal_point_of(OrganizationFactory()))
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(world["convenor_fp"])
    response = client.post(
        f"/coalitions/{draft.slug}/edit/",
        {"title": "", "description": "Still a draft.", "objectives": [o.pk for o in draft.objectives.all()]},
    )
    assert "Name the coalition&#x27;s topic." in response.content.decode()
    assert "Still a draft." in response.content.decode()


@pytest.mark.parametrize("rows", [1, 50])
def test_my_coalitions_cost_the_same_queries_at_1_and_50(client, django_assert_num_queries, settings, rows):
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "coalition_invitation": {"user": 100, "organization": 100},
    }
    ours = OrganizationFactory()
    fp = focal_point_of(ours)
    for _n in range(rows):
        convene(invited=[ours])
    client.force_login(fp)
    client.get("/coalitions/mine/")  # the session and the user, loaded once
    # session, user, membership and State focal point (one), the rows
    with django_assert_num_queries(4):
        response = client.get("/coalitions/mine/")
    assert len(response.context["waiting"]) == rows


def test_invitations_are_limited_because_each_mails_the_invited(client, world, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "coalition_invitation": {"user": 1, "organization": 10}}
    client.force_login(world["convenor_fp"])
    url = f"/coalitions/{world['coalition'].slug}/invite/"
    first, second = listed_organization(), listed_organization()
    client.post(url, {"entity": f"organization:{first.pk}"})
    refused = client.post(url, {"entity": f"organization:{second.pk}"}, follow=True).content.decode()
    assert "You have sent 1 invitations to coalitions in the last day, the most the portal allows" in refused
    assert not CoalitionMember.objects.filter(organization=second).exists()
