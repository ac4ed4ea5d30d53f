"""The admin's index opens on the secretariat's worklist: exact counts, each a link to the list
filtered to exactly those rows, in a fixed number of queries, shown only to who may see them."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from pledges.enums import PledgeState
from portal.admin import worklist
from side_events.enums import SideEventState
from stakeholders.enums import AccreditationState, DelegateState
from summaries.services import DeadlineStatus, deadline_status
from tests.core.factories import UserFactory
from tests.pledges.factories import PledgeFactory
from tests.portal.factories import worklist_scenario
from tests.side_events.factories import SideEventFactory, SideEventReviewFactory
from tests.stakeholders.factories import AccreditationFactory, DelegateFactory, member_of

pytestmark = pytest.mark.django_db


def lines(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    return response, {str(line["label"]): line for line in response.context["worklist"]}


def test_the_worklist_counts_exactly_and_each_line_opens_its_rows(secretariat_client):
    scenario = worklist_scenario()
    response, found = lines(secretariat_client)
    status = deadline_status(scenario.ended_forum)
    summaries = (
        f"Summaries of {scenario.ended_forum.title} not yet distributed "
        f"(due {status.deadline.isoformat()}): {status.days_left_text}"
    )
    assert {label: line["count"] for label, line in found.items()} == {
        "Accreditations to review": 1,
        "Registrations waiting for their status to be verified": 0,
        "Recommended accreditations to put on the non-objection list": 1,
        "Accreditations whose non-objection period has ended, to approve": 1,
        "Pledges submitted for review": 1,
        "Voluntary reviews submitted for review": 0,
        "National statements submitted for review": 0,
        "Consultation inputs submitted for review": 0,
        "Side events to score": 1,
        "Side events scored, to decide": 1,
        "Side-event decisions not yet sent": 0,
        "Delegates to confirm": 2,
        "Speaking requests to decide": 1,
        summaries: 1,
    }
    page = response.content.decode()
    for label, line in found.items():
        assert f'<a href="{line["url"]}">{label}</a>'.replace("&", "&amp;") in page
        listed = secretariat_client.get(line["url"])
        assert listed.status_code == 200, line["url"]
        assert listed.context["cl"].result_count == line["count"], label
    approve = secretariat_client.get(found["Accreditations whose non-objection period has ended, to approve"]["url"])
    assert [a.pk for a in approve.context["cl"].result_list] == [scenario.listed.pk]
    to_score = secretariat_client.get(found["Side events to score"]["url"])
    assert [s.pk for s in to_score.context["cl"].result_list] == [scenario.side_event.pk]


def test_the_summaries_line_says_late_in_words(secretariat_user):
    scenario = worklist_scenario()
    today = scenario.ended_forum.end_date + datetime.timedelta(days=40)
    status = deadline_status(scenario.ended_forum, today)
    assert status.days_left < -3
    (line,) = [line for line in worklist(secretariat_user, today) if line["permission"] == "summaries.view_summary"]
    assert line["late"] is True
    assert str(line["label"]).endswith(f"): {-status.days_left} working days late")


@pytest.mark.parametrize(
    ("days_left", "unpublished", "english", "french"),
    [
        (3, 1, "3 working days left", "3 jours ouvrables restants"),
        (1, 1, "1 working day left", "1 jour ouvrable restant"),
        (0, 2, "due today", "à rendre aujourd’hui"),
        (-1, 1, "1 working day late", "1 jour ouvrable de retard"),
        (-3, 4, "3 working days late", "3 jours ouvrables de retard"),
        (-3, 0, "all distributed", "tous distribués"),
    ],
)
def test_working_days_in_words(days_left, unpublished, english, french):
    status = DeadlineStatus(datetime.date(2026, 5, 22), days_left, unpublished)
    assert status.days_left_text == english
    with translation.override("fr"):
        assert status.days_left_text == french


def more_of_everything(scenario):
    forum = scenario.forum
    for _ in range(3):
        AccreditationFactory(forum=forum, state=AccreditationState.SUBMITTED)
        AccreditationFactory(forum=forum, state=AccreditationState.NON_OBJECTION_LIST)
        PledgeFactory(forum=forum, state=PledgeState.SUBMITTED)
        SideEventReviewFactory(side_event=SideEventFactory(forum=forum, state=SideEventState.SUBMITTED))
        DelegateFactory(state=DelegateState.PENDING)


def test_the_index_takes_as_many_queries_with_many_rows(secretariat_client, django_assert_num_queries):
    scenario = worklist_scenario()
    secretariat_client.get("/admin/")  # the session and permissions' caches warm alike below
    with CaptureQueriesContext(connection) as few:
        secretariat_client.get("/admin/")
    more_of_everything(scenario)
    with django_assert_num_queries(len(few.captured_queries)):
        response = secretariat_client.get("/admin/")
    assert {str(line["label"]): line["count"] for line in response.context["worklist"]}[
        "Accreditations to review"
    ] == 4


def test_who_sees_the_worklist(client, secretariat_user):
    scenario = worklist_scenario()
    # Anonymous visitors and members of organisations are sent to sign in.
    assert client.get("/admin/").status_code == 302
    client.force_login(member_of(scenario.accreditation.organization))
    assert client.get("/admin/").status_code == 302
    # Staff see only the lines of the lists they may view.
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_pledge"))
    client.force_login(staff)
    response, found = lines(client)
    assert list(found) == ["Pledges submitted for review"]
    # The secretariat sees them all.
    client.force_login(secretariat_user)
    assert len(lines(client)[1]) == 14
