"""The convenor turns the coalition into a joint pledge: a draft by the convenor with every other
confirmed member invited as partner (invite_partner), each confirming as any partner does; the
pledge page says which coalition it came from and the coalition page lists it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import ActivityLog
from pledges.enums import PledgeState
from pledges.models import Pledge
from pledges.services import confirm_partnership, create_joint_pledge
from reference.models import MemberState
from tests.coalitions.factories import convene
from tests.forums.factories import ForumFactory
from tests.pledges.factories import PledgeFactory, published
from tests.stakeholders.factories import OrganizationFactory, focal_point_of, state_focal_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def coalition():
    ForumFactory(year=2030)
    convenor, fellow, pending = (
        OrganizationFactory(name="Convenor"),
        OrganizationFactory(name="Fellow"),
        OrganizationFactory(),
    )
    state_fp = state_focal_point("PHL")
    coalition = convene(
        convenor, members=[fellow, MemberState.objects.get(iso3="PHL")], invited=[pending], objectives=(6, 18)
    )
    coalition.draft_text = "Our shared text."
    coalition.save()
    return {
        "coalition": coalition,
        "convenor_fp": focal_point_of(convenor),
        "fellow_fp": focal_point_of(fellow),
        "state_fp": state_fp,
    }


def test_the_joint_pledge_is_a_draft_with_every_confirmed_member_invited(coalition):
    pledge = create_joint_pledge(coalition["coalition"], by=coalition["convenor_fp"])
    assert (pledge.state, pledge.title, pledge.text, pledge.organization.name, pledge.coalition) == (
        PledgeState.DRAFT,
        coalition["coalition"].title,
        "Our shared text.",
        "Convenor",
        coalition["coalition"],
    )
    assert pledge.objective_numbers == [6, 18]
    assert sorted((str(p.entity), p.is_confirmed) for p in pledge.partners.all()) == [
        ("Fellow", False),
        ("Philippines", False),
    ]
    assert list(ActivityLog.objects.for_object(pledge).values_list("action", flat=True)) == [
        "pledge.created",
        "pledge.partner_invited",
        "pledge.partner_invited",
    ]
    assert (
        ActivityLog.objects.for_object(coalition["coalition"])
        .filter(action="coalition.joint_pledge", note=pledge.reference)
        .exists()
    )


def test_each_member_confirms_as_any_partner_and_the_pages_link_both_ways(client, coalition):
    pledge = create_joint_pledge(coalition["coalition"], by=coalition["convenor_fp"])
    fellow, state = sorted(pledge.partners.all(), key=lambda p: p.member_state_id is not None)
    for partner, who in ((fellow, "fellow_fp"), (state, "state_fp")):
        with pytest.raises(PermissionDenied):
            confirm_partnership(partner, by=coalition["convenor_fp"])
        confirm_partnership(partner, by=coalition[who])
    assert all(p.is_confirmed for p in pledge.partners.all())
    # Completed and reviewed as any pledge is (tested in tests/pledges): published here directly.
    Pledge.objects.filter(pk=pledge.pk).update(state=PledgeState.PUBLISHED, published_at=timezone.now())
    page = client.get(pledge.get_absolute_url()).content.decode()
    assert f'A joint pledge of the coalition <a href="{coalition["coalition"].get_absolute_url()}">' in page
    listing = client.get(coalition["coalition"].get_absolute_url()).content.decode()
    assert f'<a href="{pledge.get_absolute_url()}"><bdi>{pledge.reference}</bdi>' in listing


def test_only_the_convenor_and_only_with_members(coalition):
    with pytest.raises(PermissionDenied):
        create_joint_pledge(coalition["coalition"], by=coalition["fellow_fp"])
    alone = convene(OrganizationFactory())
    with pytest.raises(ValidationError, match="at least one confirmed member besides the convenor"):
        create_joint_pledge(alone, by=None)


def test_the_convenor_makes_it_from_the_coalition_page(client, coalition):
    client.force_login(coalition["convenor_fp"])
    response = client.post(f"{coalition['coalition'].get_absolute_url()}joint-pledge/")
    pledge = coalition["coalition"].joint_pledges.get()
    assert response["Location"] == f"/pledges/my/{pledge.reference}/edit/"


def test_the_coalition_page_lists_its_members_published_pledges_on_its_objectives(client):
    member, outsider = OrganizationFactory(), OrganizationFactory()
    coalition = convene(members=[member], objectives=(6,))
    on_topic = published(organization=member, objectives=[6], title="On topic")
    published(organization=member, objectives=[1], title="Other objective")
    PledgeFactory(organization=member, objectives=[6], title="Still a draft")
    published(organization=outsider, objectives=[6], title="Not a member's")
    as_partner = published(organization=outsider, objectives=[6], title="Member as partner")
    as_partner.partners.create(organization=member, confirmed_at=timezone.now())
    page = client.get(coalition.get_absolute_url())
    assert [p.title for p in page.context["related_pledges"]] == [as_partner.title, on_topic.title]
