"""A person downloads the personal data the portal holds about them, and nobody else's."""

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone

from tests.stakeholders.account_scenario import build_scenario
from tests.stakeholders.factories import verified_user

pytestmark = pytest.mark.django_db

URL = "/my/account/data.json"


@pytest.fixture
def scenario(db):
    return build_scenario()


def download(client, user):
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="imrf-portal-my-data-{timezone.localdate().isoformat()}.json"'
    )
    return json.loads(response.content)


def summary(data):
    """What identifies each record, without the timestamps."""
    return {
        "email": data["account"]["email"],
        "email_addresses": data["account"]["email_addresses"],
        "membership": data["membership"] and {k: data["membership"][k] for k in ("organization", "role")},
        "join_requests": [
            (j["organization"]["slug"], j["state"], j["message"]) for j in data["join_requests"]
        ],
        "invitations": [(i["organization"]["slug"], i["email"]) for i in data["invitations"]],
        "accreditations_submitted": [
            (a["organization"]["slug"], a["forum"], a["state"]) for a in data["accreditations_submitted"]
        ],
        "delegates_registered": [(d["name"], d["email"]) for d in data["delegates_registered"]],
        "speaking_requests_submitted": [
            (s["session"], s["topic"]) for s in data["speaking_requests_submitted"]
        ],
        "activity": [(e["action"], e["object_type"], e["new_state"]) for e in data["activity"]],
    }


def test_the_url_is_the_named_one():
    assert reverse("portal:personal_data") == URL


def test_anonymous_is_sent_to_sign_in(client, scenario):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/my/account/data.json"


def test_only_get(client, scenario):
    client.force_login(scenario.member)

    assert client.post(URL).status_code == 405


def test_a_member_gets_their_own_data(client, scenario):
    data = download(client, scenario.member)

    assert summary(data) == {
        "email": "member@alpha.example.org",
        "email_addresses": [{"email": "member@alpha.example.org", "verified": True, "primary": True}],
        "membership": {
            "organization": {"name": "Alpha Migrant Network", "slug": scenario.alpha.slug},
            "role": "member",
        },
        "join_requests": [],
        "invitations": [(scenario.alpha.slug, "MEMBER@alpha.example.org")],
        "accreditations_submitted": [],
        "delegates_registered": [("Grace Wanjiru", "grace@alpha.example.org")],
        "speaking_requests_submitted": [("Multi-stakeholder hearing", "Decent work for domestic workers")],
        "activity": [("delegate.state", "delegate", "pending")],
    }
    assert data["account"]["date_joined"] == DjangoJSONEncoder().default(scenario.member.date_joined)
    assert data["account"]["last_login"] is not None
    assert data["account"]["two_factor_methods"] == []
    assert data["account"]["secretariat_staff"] is False


def test_a_focal_point_gets_their_own_data(client, scenario):
    data = download(client, scenario.focal_point)

    assert summary(data) == {
        "email": "focal@alpha.example.org",
        "email_addresses": [{"email": "focal@alpha.example.org", "verified": True, "primary": True}],
        "membership": {
            "organization": {"name": "Alpha Migrant Network", "slug": scenario.alpha.slug},
            "role": "focal_point",
        },
        "join_requests": [],
        "invitations": [],
        "accreditations_submitted": [(scenario.alpha.slug, 2030, "approved")],
        "delegates_registered": [],
        "speaking_requests_submitted": [],
        "activity": [("organization.created", "organization", "created")],
    }


def test_a_member_of_another_organisation_gets_only_theirs(client, scenario):
    data = download(client, scenario.other_member)

    assert summary(data) == {
        "email": "member@beta.example.org",
        "email_addresses": [{"email": "member@beta.example.org", "verified": True, "primary": True}],
        "membership": {
            "organization": {"name": "Beta Diaspora Council", "slug": scenario.beta.slug},
            "role": "member",
        },
        "join_requests": [(scenario.alpha.slug, "pending", "We work together in Mombasa.")],
        "invitations": [],
        "accreditations_submitted": [(scenario.beta.slug, 2030, "submitted")],
        "delegates_registered": [],
        "speaking_requests_submitted": [],
        "activity": [("organization.created", "organization", "created")],
    }


def test_secretariat_staff_get_their_own_data(client, scenario):
    data = download(client, scenario.staff)

    assert summary(data) == {
        "email": "staff@un.example.org",
        "email_addresses": [{"email": "staff@un.example.org", "verified": True, "primary": True}],
        "membership": None,
        "join_requests": [],
        "invitations": [],
        "accreditations_submitted": [],
        "delegates_registered": [],
        "speaking_requests_submitted": [],
        "activity": [("accreditation.state", "accreditation", "approved")],
    }
    assert data["account"]["secretariat_staff"] is True


def test_a_signed_in_person_without_an_organisation(client, db):
    data = download(client, verified_user("alone@example.org"))

    assert summary(data)["membership"] is None
    assert sorted(data) == [
        "account",
        "accreditations_submitted",
        "activity",
        "coalition_memberships",
        "coalition_notes_written",
        "coalitions_created",
        "delegates_registered",
        "generated_at",
        "invitations",
        "join_requests",
        "key_message_endorsements",
        "key_message_outcomes_marked",
        "key_messages_created",
        "last_visits",
        "mail_received",
        "membership",
        "messages_to_pledgers",
        "nominations_submitted",
        "partnerships",
        "pledges_created",
        "progress_reports_written",
        "side_event_applications_created",
        "side_event_co_organisations",
        "side_event_reviews",
        "speaking_requests_submitted",
        "state_focal_point",
        "summaries_mailed",
        "summaries_saved",
    ]


def test_the_dashboard_links_to_the_account_pages(client, scenario):
    client.force_login(scenario.member)

    html = client.get(reverse("portal:dashboard")).content.decode()

    assert '<h2 id="account-title">Your account</h2>' in html
    assert 'href="/my/account/data.json" download>' in html
    assert 'href="/my/account/delete/">Delete your account</a>' in html


def test_the_download_holds_what_every_app_knows_of_the_person(client, db):
    from side_events.models import SideEvent
    from tests.core.factories import SecretariatUserFactory
    from tests.pledges.factories import PledgeFactory
    from tests.side_events.factories import SideEventFactory, SideEventReviewFactory
    from tests.stakeholders.factories import OrganizationFactory, focal_point_of, state_focal_point

    organization = OrganizationFactory(name="Diaspora Link")
    user = focal_point_of(organization)
    pledge = PledgeFactory(organization=organization, created_by=user, title="Diaspora bonds")
    side_event = SideEventFactory(organization=organization, created_by=user, title="Diaspora finance")
    data = download(client, user)
    assert [(p["reference"], p["title"]) for p in data["pledges_created"]] == [(pledge.reference, "Diaspora bonds")]
    assert [s["title"] for s in data["side_event_applications_created"]] == ["Diaspora finance"]
    assert data["state_focal_point"] is None

    official = state_focal_point("MEX", email="official@example.org")
    assert download(client, official)["state_focal_point"] == {"member_state": "MEX", "name": "Mexico"}

    reviewer = SecretariatUserFactory()
    SideEventReviewFactory(side_event=SideEvent.objects.get(pk=side_event.pk), reviewer=reviewer, comment="Good.")
    assert [(r["side_event"], r["comment"]) for r in download(client, reviewer)["side_event_reviews"]] == [
        ("Diaspora finance", "Good.")
    ]
