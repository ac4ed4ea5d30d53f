"""The pledger's pages: create, edit, submit, invite, confirm, report; errors keep what was typed."""

import pytest
from django.utils import timezone

from pledges.enums import PledgeState
from pledges.models import Pledge
from reference.models import MemberState
from tests.forums.factories import ForumFactory
from tests.pledges.factories import TEXT, PledgeFactory, published
from tests.stakeholders.factories import OrganizationFactory, focal_point_of, state_focal_point

pytestmark = pytest.mark.django_db


def form_data(forum, **overrides):
    data = {
        "forum": forum.pk,
        "title": "Regular pathways for care workers",
        "text": TEXT,
        "kind_policy": "on",
        "objectives": ["5", "6"],
        "principles": ["a"],
        "regions": ["Asia"],
        "countries": [],
        "start_date": "2026-06-01",
        "end_date": "2030-06-01",
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "1",
        "indicators-MAX_NUM_FORMS": "20",
        "indicators-0-description": "Visas issued to care workers",
        "indicators-0-unit": "visas",
        "indicators-0-baseline": "0",
        "indicators-0-target": "5000",
        "indicators-0-target_date": "2030-06-01",
    }
    data.update(overrides)
    return data


@pytest.fixture
def owner(client):
    organization = OrganizationFactory(name="Care Workers United")
    user = focal_point_of(organization)
    client.force_login(user)
    return user


def test_create_a_draft_then_submit(client, owner):
    forum = ForumFactory()
    response = client.post("/pledges/my/new/", form_data(forum))
    pledge = Pledge.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/pledges/my/{pledge.reference}/"
    assert (pledge.reference, pledge.state, pledge.objective_codes, pledge.region_codes) == (
        "IMRF2026-0001",
        "draft",
        "|5|6|",
        "|Asia|",
    )
    assert pledge.organization.name == "Care Workers United"
    assert pledge.indicators.get().target == 5000
    response = client.post(f"/pledges/my/{pledge.reference}/state/submitted/")
    pledge.refresh_from_db()
    assert pledge.state == "submitted"
    assert client.get(f"/pledges/my/{pledge.reference}/edit/").status_code == 403


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"text": "x" * 299}, "text", "The text of a pledge has at least 300 characters; this one has 299."),
        (
            {"text": "x" * 3001},
            "text",
            "The text of a pledge has at most 3000 characters; this one has 3001.",
        ),
        ({"kind_policy": ""}, None, "Choose at least one kind of pledge."),
        ({"end_date": "2025-01-01"}, "end_date", "The end date comes after the start date."),
        ({"kind_financial": "on"}, "amount", "A financial pledge states the amount committed."),
        ({"currency": "dollars"}, "currency", "Ensure this value has at most 3 characters (it has 7)."),
        (
            {"currency": "U$D"},
            "currency",
            "Give the currency as a three-letter ISO 4217 code, for example USD.",
        ),
        ({"regions": []}, "countries", "Say where the pledge is carried out: countries, regions, or global."),
        (
            {"matched_pledge": "IMRF2022-9999"},
            "matched_pledge",
            "No published pledge has the reference IMRF2022-9999.",
        ),
        ({"objectives": []}, "objectives", "This field is required."),
    ],
)
def test_validation_messages_keep_what_was_typed(client, owner, overrides, field, message):
    forum = ForumFactory()
    response = client.post("/pledges/my/new/", form_data(forum, **overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[field or "__all__"] == [message]
    assert form["title"].value() == "Regular pathways for care workers"
    assert response.context["indicators"][0]["description"].value() == "Visas issued to care workers"
    assert Pledge.objects.count() == 0


def test_line_breaks_count_as_one_character(client, owner):
    text = ("word " * 59 + "\r\n") * 1  # 295 characters plus a line break
    response = client.post("/pledges/my/new/", form_data(ForumFactory(), text=text + "abcd"))
    assert response.status_code == 302  # 300 characters once "\r\n" is one


def test_an_indicator_is_required(client, owner):
    response = client.post(
        "/pledges/my/new/",
        form_data(
            ForumFactory(),
            **{
                "indicators-0-description": "",
                "indicators-0-baseline": "",
                "indicators-0-target": "",
                "indicators-0-target_date": "",
            },
        ),
    )
    assert response.status_code == 200
    # The first indicator form is required: each of its fields says so.
    assert response.context["indicators"].errors[0] == {
        "description": ["This field is required."],
        "baseline": ["This field is required."],
        "target": ["This field is required."],
        "target_date": ["This field is required."],
    }
    assert Pledge.objects.count() == 0


def test_others_cannot_manage_or_edit(client):
    pledge = PledgeFactory()
    client.force_login(focal_point_of(OrganizationFactory()))
    assert client.get(f"/pledges/my/{pledge.reference}/").status_code == 403
    assert client.post(f"/pledges/my/{pledge.reference}/state/submitted/").status_code == 403
    assert client.get(f"/pledges/my/{pledge.reference}/edit/").status_code == 403


def test_a_user_without_organisation_is_sent_to_create_one(client):
    from tests.core.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get("/pledges/my/new/")
    assert response.status_code == 302


def test_invite_confirm_and_report(client, owner):
    pledge = published(organization=owner.membership.organization)
    partner_org = OrganizationFactory(name="Partner Org")
    response = client.post(f"/pledges/my/{pledge.reference}/partners/", {"organization": partner_org.slug})
    assert response.status_code == 302
    partner = pledge.partners.get()
    assert partner.confirmed_at is None
    client.force_login(focal_point_of(partner_org))
    assert client.get(f"/pledges/my/{pledge.reference}/").status_code == 403
    assert client.post(f"/pledges/partnerships/{partner.pk}/", {"decision": "confirm"}).status_code == 302
    indicator = pledge.indicators.get()
    response = client.post(
        f"/pledges/my/{pledge.reference}/report/",
        {
            "reported_on": timezone.localdate().isoformat(),
            "stage": "in_progress",
            "narrative": "Training began.",
            f"indicator_{indicator.pk}": "40",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/pledges/{pledge.reference}/")
    html = page.content.decode()
    assert "Training began." in html
    assert page.context["progress"][0]["current"] == 40
    assert page.context["progress"][0]["percent"] == 20


def test_a_state_focal_point_pledges_for_the_state(client):
    user = state_focal_point("MEX")
    client.force_login(user)
    response = client.post("/pledges/my/new/", form_data(ForumFactory()))
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert (pledge.member_state, pledge.organization, pledge.pledger_type) == (
        MemberState.objects.get(iso3="MEX"),
        None,
        "member_state",
    )


def test_changes_requested_note_is_shown_to_the_pledger(client, owner, secretariat_user):
    from pledges import services

    pledge = PledgeFactory(organization=owner.membership.organization, state=PledgeState.SUBMITTED)
    services.set_pledge_state(
        pledge, PledgeState.CHANGES_REQUESTED, by=secretariat_user, reason="Add a baseline."
    )
    assert "Add a baseline." in client.get(f"/pledges/my/{pledge.reference}/").content.decode()
    assert "Add a baseline." in client.get(f"/pledges/my/{pledge.reference}/edit/").content.decode()
