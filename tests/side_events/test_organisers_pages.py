"""Applications under /my/side-events/: who may draft, change, submit and withdraw, and when."""

import datetime

import pytest

from core.models import ActivityLog
from reference.models import MemberState, Objective
from side_events import services as side_events
from side_events.enums import SideEventState as S
from side_events.models import SideEvent
from tests.core.factories import UserFactory
from tests.side_events.factories import (
    SideEventFactory,
    SideEventSpeakerFactory,
    accredited_member,
    side_event_forum,
)
from tests.stakeholders.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def application_data(**overrides):
    data = {
        "title": "Migrant-led data for inclusion",
        "description": "How migrant organisations collect and use data.",
        "format": "hybrid",
        "preferred_day": "2030-05-05",
        "preferred_time": "lunchtime",
        "expected_audience": "120",
        "objectives": [str(Objective.objects.get(number=1).pk), str(Objective.objects.get(number=16).pk)],
        "outcomes": "A shared set of indicators.",
        "set_up": "",
        "speakers-TOTAL_FORMS": "3",
        "speakers-INITIAL_FORMS": "0",
        "speakers-MIN_NUM_FORMS": "0",
        "speakers-MAX_NUM_FORMS": "12",
        "speakers-0-name": "Amina Diallo",
        "speakers-0-function": "Director, Migrant Voices",
        "speakers-0-gender": "woman",
        "speakers-0-category": "migrant",
        "speakers-0-region": "Africa",
    }
    data.update(overrides)
    return data


@pytest.fixture
def forum():
    return side_event_forum()


@pytest.fixture
def member(forum):
    return accredited_member(forum, role="member")


@pytest.fixture
def focal_point(member, forum):
    return accredited_member(forum, role="focal_point", organization=member.organization)


def login(client, membership):
    client.force_login(membership.user)
    return client


# --- Who reaches the pages --------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, forum):
    for url in ["/my/side-events/", "/my/side-events/2030/new/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_users_without_an_organisation_are_sent_to_the_dashboard(client, forum):
    client.force_login(UserFactory())
    response = client.get("/my/side-events/")
    assert (response.status_code, response["Location"]) == (302, "/my/")


def test_an_organisation_not_accredited_to_the_forum_cannot_apply(client, forum):
    login(client, MembershipFactory())
    assert client.get("/my/side-events/2030/new/").status_code == 403
    assert client.post("/my/side-events/2030/new/", application_data()).status_code == 403
    assert not SideEvent.objects.exists()


def test_nobody_applies_once_the_call_has_closed(client):
    closed = side_event_forum(year=2026, deadline=datetime.date(2026, 3, 1))
    login(client, accredited_member(closed, role="focal_point"))
    assert client.get("/my/side-events/2026/new/").status_code == 403


def test_a_forum_without_a_call_takes_no_application(client):
    no_call = side_event_forum(deadline=None)
    login(client, accredited_member(no_call, role="focal_point"))
    assert client.get("/my/side-events/2030/new/").status_code == 403


def test_the_list_offers_the_open_calls(client, member):
    response = login(client, member).get("/my/side-events/")
    assert response.status_code == 200
    assert [f.year for f in response.context["open_calls"]] == [2030]
    assert "The call closes on 1 March 2030." in response.content.decode()


# --- Drafting ---------------------------------------------------------------------------------


def test_a_member_drafts_an_application(client, member, forum):
    response = login(client, member).post("/my/side-events/2030/new/", application_data())
    side_event = SideEvent.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/my/side-events/{side_event.pk}/"
    assert (side_event.state, side_event.organization, side_event.forum, side_event.created_by) == (
        S.DRAFT,
        member.organization,
        forum,
        member.user,
    )
    assert side_event.slug == "migrant-led-data-for-inclusion"
    assert sorted(o.number for o in side_event.objectives.all()) == [1, 16]
    assert [(s.name, s.gender, s.category, s.region) for s in side_event.speakers.all()] == [
        ("Amina Diallo", "woman", "migrant", "Africa")
    ]
    assert list(ActivityLog.objects.values_list("action", "new_state")) == [("side_event.state", "draft")]


def test_the_form_keeps_what_was_typed_and_links_each_error(client, member):
    data = application_data(objectives=[], preferred_day="2030-06-01", title="Kept title")
    response = login(client, member).post("/my/side-events/2030/new/", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["title"].value() == "Kept title"
    assert response.context["speakers"].forms[0]["name"].value() == "Amina Diallo"
    assert form.errors == {
        "preferred_day": ["Choose a day of the forum or of its hearing."],
        "objectives": ["Choose at least one objective of the Global Compact."],
    }
    html = response.content.decode()
    assert '<fieldset aria-describedby="id_objectives_helptext id_objectives_error">' in html
    assert (
        '<a href="#id_objectives_0">GCM objectives: Choose at least one objective of the Global Compact.</a>' in html
    )
    assert (
        '<a href="#id_preferred_day">Preferred day: Choose a day of the forum or of its hearing.</a>' in html
    )
    assert not SideEvent.objects.exists()


def test_an_organisation_cannot_co_organise_with_itself(client, member):
    data = application_data(co_organizers=[str(member.organization.pk)])
    response = login(client, member).post("/my/side-events/2030/new/", data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["co_organizers"]


def test_co_organisers_and_states_are_saved(client, member, forum):
    partner = accredited_member(forum, organization=OrganizationFactory(category="migrant", name="Diaspora Forum"))
    states = MemberState.objects.filter(iso3__in=["MEX", "SEN"])
    data = application_data(
        co_organizers=[str(partner.organization.pk)], co_organizing_states=[str(s.pk) for s in states]
    )
    login(client, member).post("/my/side-events/2030/new/", data)
    side_event = SideEvent.objects.get()
    assert [(c.organization.name, c.state) for c in side_event.co_organizers.all()] == [
        ("Diaspora Forum", "invited")
    ]
    assert sorted(s.iso3 for s in side_event.co_organizing_states.all()) == ["MEX", "SEN"]


# --- The permission matrix on one application ------------------------------------------------


@pytest.fixture
def draft(member, forum):
    side_event = SideEventFactory(forum=forum, organization=member.organization)
    SideEventSpeakerFactory(side_event=side_event)
    return side_event


def test_a_member_changes_a_draft_but_neither_submits_nor_withdraws_it(client, member, draft):
    login(client, member)
    assert client.get(f"/my/side-events/{draft.pk}/edit/").status_code == 200
    assert client.post(f"/my/side-events/{draft.pk}/submit/").status_code == 403
    assert client.post(f"/my/side-events/{draft.pk}/withdraw/").status_code == 403
    draft.refresh_from_db()
    assert draft.state == S.DRAFT


def test_a_member_does_not_change_a_submitted_application(client, member, draft):
    draft.state = S.SUBMITTED
    draft.save()
    login(client, member)
    assert client.get(f"/my/side-events/{draft.pk}/edit/").status_code == 403
    assert client.post(f"/my/side-events/{draft.pk}/edit/", application_data()).status_code == 403


def test_a_focal_point_submits_changes_and_withdraws(client, focal_point, draft):
    login(client, focal_point)
    response = client.post(f"/my/side-events/{draft.pk}/submit/")
    assert (response.status_code, response["Location"]) == (302, f"/my/side-events/{draft.pk}/")
    draft.refresh_from_db()
    assert draft.state == S.SUBMITTED

    data = application_data(
        title="New title",
        **{
            "speakers-TOTAL_FORMS": "1",
            "speakers-INITIAL_FORMS": "1",
            "speakers-0-id": str(draft.speakers.get().pk),
            "speakers-0-side_event": str(draft.pk),
        },
    )
    assert client.post(f"/my/side-events/{draft.pk}/edit/", data).status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.state, draft.speakers.get().name) == ("New title", S.SUBMITTED, "Amina Diallo")

    assert client.post(f"/my/side-events/{draft.pk}/withdraw/").status_code == 302
    draft.refresh_from_db()
    assert draft.state == S.WITHDRAWN
    assert client.get(f"/my/side-events/{draft.pk}/edit/").status_code == 403


def test_after_the_deadline_nothing_changes(client, focal_point, draft, forum):
    forum.side_event_call_deadline = datetime.date(2026, 1, 1)
    forum.save()
    login(client, focal_point)
    assert client.get(f"/my/side-events/{draft.pk}/edit/").status_code == 403
    assert client.post(f"/my/side-events/{draft.pk}/submit/").status_code == 403
    # Withdrawing stays possible.
    assert client.post(f"/my/side-events/{draft.pk}/withdraw/").status_code == 302


def test_another_organisation_does_not_see_the_application(client, draft, forum):
    other = accredited_member(forum, role="focal_point")
    login(client, other)
    for url in ["/", "/edit/"]:
        assert client.get(f"/my/side-events/{draft.pk}{url}").status_code == 404
    for url in ["/submit/", "/withdraw/"]:
        assert client.post(f"/my/side-events/{draft.pk}{url}").status_code == 404


def test_submit_and_withdraw_take_post_only(client, focal_point, draft):
    login(client, focal_point)
    assert client.get(f"/my/side-events/{draft.pk}/submit/").status_code == 405
    assert client.get(f"/my/side-events/{draft.pk}/withdraw/").status_code == 405


def test_organisers_see_a_decision_only_once_it_is_sent(client, focal_point, draft):
    draft.state = S.SUBMITTED
    draft.save()
    side_events.set_side_event_state(draft, S.REJECTED, reason="The slots are full.")
    login(client, focal_point)
    response = client.get(f"/my/side-events/{draft.pk}/")
    assert response.context["state_label"] == "Submitted"
    assert "The slots are full." not in response.content.decode()
    side_events.send_decisions(SideEvent.objects.all())
    response = client.get(f"/my/side-events/{draft.pk}/")
    assert response.context["state_label"] == "Rejected"
    assert "The slots are full." in response.content.decode()
