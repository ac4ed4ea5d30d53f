"""Co-organisers confirm, as a pledge's partners do: the form offers only organisations accredited
to the forum and listed in the directory, each named one is an invitation its focal points answer
under /my/side-events/, and the public sees only the confirmed ones that chose to be listed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.models import ActivityLog, OutboxMessage
from side_events import services as side_events
from side_events.enums import CoOrganizerState
from side_events.models import SideEvent, SideEventCoOrganizer
from tests.side_events.factories import (
    SideEventCoOrganizerFactory,
    SideEventSpeakerFactory,
    accepted_side_event,
    accredited_member,
    lunchtime,
    side_event_forum,
)
from tests.side_events.test_organisers_pages import application_data
from tests.stakeholders.factories import OrganizationFactory, focal_point_of, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    return side_event_forum()


@pytest.fixture
def applicant(forum):
    return accredited_member(
        forum, role="focal_point", organization=OrganizationFactory(name="Migrant Voices")
    )


def accredited(forum, name, **kwargs):
    return accredited_member(forum, role="focal_point", organization=OrganizationFactory(name=name, **kwargs))


def test_only_listed_accredited_organisations_are_offered(client, forum, applicant):
    accredited(forum, "Diaspora Forum")
    accredited(forum, "Quiet Network", listed_in_directory=False)
    OrganizationFactory(name="Not Accredited")
    client.force_login(applicant.user)
    response = client.get("/my/side-events/2030/new/")
    offered = [o.name for o in response.context["form"].fields["co_organizers"].queryset]
    assert offered == ["Diaspora Forum"]
    html = response.content.decode()
    assert ("Quiet Network" in html, "Not Accredited" in html) == (False, False)


@pytest.mark.parametrize("name", ["Quiet Network", "Not Accredited"])
def test_an_organisation_not_offered_cannot_be_named(client, forum, applicant, name):
    quiet = accredited(forum, "Quiet Network", listed_in_directory=False).organization
    not_accredited = OrganizationFactory(name="Not Accredited")
    target = quiet if name == "Quiet Network" else not_accredited
    client.force_login(applicant.user)
    response = client.post("/my/side-events/2030/new/", application_data(co_organizers=[str(target.pk)]))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["co_organizers"]
    assert SideEvent.objects.count() == 0


def test_naming_an_organisation_invites_it_logs_and_mails_only_its_focal_points(
    client, forum, applicant, django_capture_on_commit_callbacks
):
    partner = accredited(forum, "Diaspora Forum")
    second = focal_point_of(partner.organization, email="second@diaspora.example")
    member_of(partner.organization, email="plain@diaspora.example")
    client.force_login(applicant.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/my/side-events/2030/new/", application_data(co_organizers=[str(partner.organization.pk)])
        )
    row = SideEventCoOrganizer.objects.get()
    assert (row.organization, row.state, row.invited_by) == (partner.organization, "invited", applicant.user)
    assert list(ActivityLog.objects.for_object(row).values_list("action", "new_state", "actor")) == [
        ("side_event.co_organizer_invited", "invited", applicant.user.pk)
    ]
    invitations = OutboxMessage.objects.filter(template="side_events/email/co_organizer_invitation")
    assert sorted(invitations.values_list("recipient", flat=True)) == sorted(
        [partner.user.email, second.email]
    )
    assert invitations[0].subject == "[IMRF Portal] Migrant Voices names you as co-organiser of a side event"
    assert f"/my/side-events/co-organising/{row.pk}/" in invitations[0].body


@pytest.fixture
def public_event(forum, applicant):
    side_event = accepted_side_event(
        forum, *lunchtime(forum, 0), organization=applicant.organization, title="Migrant-led data"
    )
    return side_event


def organised_by(client):
    html = client.get("/forums/2030/side-events/").content.decode()
    start = html.index("Organised by")
    return html[start : html.index("</p>", start)]


def test_the_public_sees_a_co_organiser_only_once_it_confirms(client, forum, public_event):
    partner = accredited(forum, "Diaspora Forum")
    row = SideEventCoOrganizerFactory(
        side_event=public_event, organization=partner.organization, state="invited"
    )
    assert organised_by(client) == "Organised by Migrant Voices"
    assert "Diaspora Forum" not in client.get(public_event.get_absolute_url()).content.decode()

    client.force_login(partner.user)
    response = client.post(row.get_absolute_url(), {"decision": "confirm"})
    assert (response.status_code, response["Location"]) == (302, "/my/side-events/")
    row.refresh_from_db()
    assert (row.state, row.answered_by) == ("confirmed", partner.user)
    assert list(ActivityLog.objects.for_object(row).values_list("action", "old_state", "new_state")) == [
        ("side_event.co_organizer_answered", "invited", "confirmed")
    ]
    client.logout()
    assert organised_by(client) == "Organised by Migrant Voices; Diaspora Forum"
    assert "<li>Diaspora Forum</li>" in client.get(public_event.get_absolute_url()).content.decode()


def test_an_organisation_that_chose_not_to_be_listed_is_never_shown(client, forum, public_event):
    quiet = OrganizationFactory(name="Quiet Network", listed_in_directory=False)
    SideEventCoOrganizerFactory(side_event=public_event, organization=quiet, state="confirmed")
    assert organised_by(client) == "Organised by Migrant Voices"
    assert "Quiet Network" not in client.get(public_event.get_absolute_url()).content.decode()


def test_a_decline_is_logged_mailed_to_the_applicant_and_cannot_be_overridden(
    client, forum, applicant, django_capture_on_commit_callbacks
):
    partner = accredited(forum, "Diaspora Forum")
    side_event = SideEvent.objects.create(
        forum=forum, organization=applicant.organization, title="Draft", description="d", format="virtual",
        preferred_day=forum.start_date, preferred_time="evening", expected_audience=10, outcomes="o",
    )  # fmt: skip
    SideEventSpeakerFactory(side_event=side_event)
    row = SideEventCoOrganizerFactory(
        side_event=side_event, organization=partner.organization, state="invited"
    )
    client.force_login(partner.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(row.get_absolute_url(), {"decision": "decline"})
    row.refresh_from_db()
    assert row.state == "declined"
    answers = OutboxMessage.objects.filter(template="side_events/email/co_organizer_answer")
    assert [(m.recipient, m.subject) for m in answers] == [
        (applicant.user.email, "[IMRF Portal] Diaspora Forum does not co-organise “Draft”")
    ]
    # The applicant cannot name it again over its answer.
    client.force_login(applicant.user)
    data = application_data(co_organizers=[str(partner.organization.pk)])
    response = client.post(f"/my/side-events/{side_event.pk}/edit/", data)
    assert response.context["form"].errors == {
        "co_organizers": ["Diaspora Forum declined to co-organise this event."]
    }
    # And the declined invitation cannot be answered again.
    client.force_login(partner.user)
    assert client.get(row.get_absolute_url()).context["can_answer"] is False


def test_only_the_invited_organisations_focal_points_answer(client, forum, public_event):
    partner = accredited(forum, "Diaspora Forum")
    row = SideEventCoOrganizerFactory(
        side_event=public_event, organization=partner.organization, state="invited"
    )
    plain = member_of(partner.organization)
    client.force_login(plain)
    assert client.get(row.get_absolute_url()).status_code == 200
    assert client.post(row.get_absolute_url(), {"decision": "confirm"}).status_code == 403
    outsider = accredited(forum, "Someone Else")
    client.force_login(outsider.user)
    assert client.post(row.get_absolute_url(), {"decision": "confirm"}).status_code == 404
    client.force_login(public_event.organization.memberships.get().user)  # the applicant
    assert client.post(row.get_absolute_url(), {"decision": "confirm"}).status_code == 404
    row.refresh_from_db()
    assert row.state == "invited"


def test_the_service_refuses_an_organisation_the_form_would_not_offer(forum, applicant):
    side_event = SideEvent.objects.create(
        forum=forum, organization=applicant.organization, title="Draft", description="d", format="virtual",
        preferred_day=forum.start_date, preferred_time="evening", expected_audience=10, outcomes="o",
    )  # fmt: skip
    quiet = OrganizationFactory(name="Quiet Network", listed_in_directory=False)
    with pytest.raises(side_events.ValidationError):
        side_events.set_co_organizers(side_event, [quiet], by=applicant.user)
    assert SideEventCoOrganizer.objects.count() == 0


def test_the_invitations_are_listed_for_the_invited_organisation(client, forum, public_event):
    partner = accredited(forum, "Diaspora Forum")
    SideEventCoOrganizerFactory(side_event=public_event, organization=partner.organization, state="invited")
    client.force_login(partner.user)
    response = client.get("/my/side-events/")
    assert [(c.side_event.title, c.state) for c in response.context["co_organizing"]] == [
        ("Migrant-led data", CoOrganizerState.INVITED)
    ]


@pytest.mark.django_db(transaction=True)
def test_organisations_named_before_become_invitations_awaiting_an_answer():
    executor = MigrationExecutor(connection)
    executor.migrate([("side_events", "0002_pending_decisions")])
    executor.loader.build_graph()
    # The organisations' table as it is now (stakeholders is not rolled back, and its columns have
    # changed since, e.g. the verified status of issue 12), side events as they were.
    stakeholders_now = [node for node in executor.loader.graph.leaf_nodes() if node[0] == "stakeholders"]
    old = executor.loader.project_state([("side_events", "0002_pending_decisions"), *stakeholders_now]).apps
    Forum = old.get_model("forums", "Forum")
    Country = old.get_model("reference", "Country")
    Organization = old.get_model("stakeholders", "Organization")
    OldSideEvent = old.get_model("side_events", "SideEvent")
    forum = Forum.objects.create(
        year=2034, title="IMRF 2034", hearing_date="2034-05-01", start_date="2034-05-02", end_date="2034-05-05",
        status="announced",
    )  # fmt: skip
    kenya = Country.objects.get(iso3="KEN")
    applicant = Organization.objects.create(name="Applicant", slug="applicant", category="ngo", country=kenya)
    named = Organization.objects.create(name="Named", slug="named", category="ngo", country=kenya)
    old_event = OldSideEvent.objects.create(
        forum=forum, organization=applicant, title="Before", slug="before", description="d", format="virtual",
        preferred_day="2034-05-02", preferred_time="evening", expected_audience=10, outcomes="o", state="accepted",
    )  # fmt: skip
    old_event.co_organizers.add(named)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    row = SideEventCoOrganizer.objects.get()
    assert (row.side_event_id, row.organization_id, row.state, row.invited_at) == (
        old_event.pk,
        named.pk,
        "invited",
        old_event.created_at,
    )
    assert list(ActivityLog.objects.for_object(row).values_list("action", "new_state")) == [
        ("side_event.co_organizer_invited", "invited")
    ]
    assert list(SideEventCoOrganizer.objects.public()) == []
