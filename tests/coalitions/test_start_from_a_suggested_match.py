"""/coalitions/new/?from=<our pledge>&with=<matching pledge>…, as the suggested matches link to
it: the topic, objectives and countries come from our pledge, the matching pledgers are proposed
as invitees; references that name no pledge one may see are said, never a 500."""

import pytest

from coalitions.enums import CoalitionState, JoinedBy, MembershipState
from coalitions.models import Coalition
from pledges.enums import PledgeState
from reference.models import MemberState
from stakeholders.models import StateFocalPoint
from tests.pledges.factories import PledgeFactory, published
from tests.stakeholders.factories import OrganizationFactory, focal_point_of, member_of, state_focal_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def match():
    ours, theirs, third = (
        OrganizationFactory(name="Our NGO"),
        OrganizationFactory(name="Their NGO"),
        OrganizationFactory(),
    )
    source = PledgeFactory(
        organization=ours, title="Fair recruitment of care workers", objectives=[6, 18], countries=["PHL"]
    )
    return {
        "fp": focal_point_of(ours),
        "ours": ours,
        "source": source,
        "with": [
            published(organization=theirs),
            published(organization=None, member_state=MemberState.objects.get(iso3="MEX")),
        ],
        "theirs": theirs,
        "draft": PledgeFactory(organization=third, state=PledgeState.DRAFT),
    }


def url(source, *others):
    return f"/coalitions/new/?from={source}" + "".join(f"&with={ref}" for ref in others)


def test_the_form_is_filled_from_our_pledge_and_proposes_the_matching_pledgers(client, match):
    client.force_login(match["fp"])
    response = client.get(url(match["source"].reference, *(p.reference for p in match["with"])))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["title"] == "Fair recruitment of care workers"
    assert sorted(
        o.number for o in form.fields["objectives"].queryset.filter(pk__in=form.initial["objectives"])
    ) == [6, 18]
    assert [label for _key, label in form.fields["invite"].choices] == ["Their NGO", "Mexico"]
    assert form.fields["invite"].initial == [f"organization:{match['theirs'].pk}", "state:MEX"]


def test_saving_creates_the_draft_with_the_invitations(client, match):
    client.force_login(match["fp"])
    target = url(match["source"].reference, *(p.reference for p in match["with"]))
    objectives = client.get(target).context["form"].initial["objectives"]
    response = client.post(
        target,
        {
            "title": "Fair recruitment",
            "description": "Together.",
            "objectives": objectives,
            "invite": [f"organization:{match['theirs'].pk}", "state:MEX"],
        },
    )
    coalition = Coalition.objects.get()
    assert response["Location"] == coalition.get_absolute_url()
    assert coalition.state == CoalitionState.DRAFT
    assert sorted((m.entity.name, m.joined_by, m.state) for m in coalition.members.all()) == [
        ("Mexico", JoinedBy.INVITATION, MembershipState.INVITED),
        ("Our NGO", JoinedBy.CONVENOR, MembershipState.CONFIRMED),
        ("Their NGO", JoinedBy.INVITATION, MembershipState.INVITED),
    ]


def test_unknown_and_unpublished_references_are_said_with_a_400(client, match):
    client.force_login(match["fp"])
    response = client.get(url(match["source"].reference, "IMRF2099-9999", match["draft"].reference, "<x>"))
    page = response.content.decode()
    assert response.status_code == 400
    assert (
        f"No pledge you may see has the reference IMRF2099-9999, {match['draft'].reference}, &lt;X&gt;: "
        "the form does not use it."
    ) in page
    # What could be used still is.
    assert response.context["form"].initial["title"] == "Fair recruitment of care workers"


def test_another_organisation_s_draft_does_not_fill_the_form(client, match):
    other = focal_point_of(OrganizationFactory())
    client.force_login(other)
    response = client.get(url(match["source"].reference))
    assert (response.status_code, response.context["form"].initial) == (400, {})


def test_too_many_matches_are_refused(client, match):
    client.force_login(match["fp"])
    response = client.get(url(match["source"].reference, *["IMRF2030-0001"] * 21))
    assert response.status_code == 400
    assert "A coalition starts from at most 20 matching pledges." in response.content.decode()


def test_only_focal_points_convene(client, match):
    client.force_login(member_of(match["ours"]))
    assert client.get("/coalitions/new/").status_code == 403


def test_a_member_state_convenes_through_its_focal_point(client, db):
    client.force_login(state_focal_point("PHL"))
    response = client.post(
        "/coalitions/new/", {"title": "Care corridor", "description": "Together.", "objectives": [6]}
    )
    coalition = Coalition.objects.get()
    assert (response.status_code, coalition.member_state.iso3, coalition.organization) == (302, "PHL", None)


def test_one_who_speaks_for_an_organisation_and_a_state_chooses_the_convenor(client, db):
    organization = OrganizationFactory(name="Both NGO")
    user = focal_point_of(organization)
    StateFocalPoint.objects.create(user=user, member_state=MemberState.objects.get(iso3="KEN"))
    client.force_login(user)
    missing = client.post("/coalitions/new/", {"title": "T", "description": "D.", "objectives": [6]})
    assert "Choose who convenes the coalition." in missing.content.decode()
    client.post(
        "/coalitions/new/", {"title": "T", "description": "D.", "objectives": [6], "convenor": "state:KEN"}
    )
    assert Coalition.objects.get().member_state.iso3 == "KEN"
