"""Publishing a forum's summaries mails every confirmed delegate: the admin first shows a page
that says how many summaries become public and how many delegates will be mailed; only its POST
publishes."""

import pytest

from core.models import OutboxMessage
from stakeholders.enums import DelegateState
from summaries.enums import SummaryState
from summaries.models import Summary, SummaryMailing
from tests.core.factories import UserFactory
from tests.portal.factories import worklist_scenario
from tests.stakeholders.factories import AccreditationFactory, DelegateFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready_forum():
    scenario = worklist_scenario()
    forum = scenario.ended_forum
    Summary.objects.filter(pk=scenario.summary.pk).update(state=SummaryState.READY)
    accreditation = AccreditationFactory(forum=forum, state="approved")
    for n in range(3):
        DelegateFactory(accreditation=accreditation, state=DelegateState.CONFIRMED, email=f"d{n}@example.org")
    DelegateFactory(accreditation=accreditation, state=DelegateState.PENDING)
    SummaryMailing.objects.create(forum=forum, email="d0@example.org")  # already told
    return forum, scenario.summary


def url(forum):
    return f"/admin/summaries/summary/publish/{forum.pk}/"


def test_the_confirmation_page_says_how_many_delegates_will_be_mailed(secretariat_client, ready_forum):
    forum, summary = ready_forum
    page = secretariat_client.get(url(forum)).content.decode()
    assert f"1 ready summary of {forum.title} becomes public at once:" in page
    assert "<li>Plenary: general debate</li>" in page
    assert "2 confirmed delegates will each be sent an e-mail announcing them." in page
    # Nothing happened yet.
    assert Summary.objects.get(pk=summary.pk).state == SummaryState.READY
    assert OutboxMessage.objects.count() == 0


def test_posting_the_confirmation_publishes_and_mails(secretariat_client, ready_forum):
    forum, summary = ready_forum
    response = secretariat_client.post(url(forum))
    assert response.status_code == 302
    assert response.url == f"/admin/summaries/summary/?session__forum__id__exact={forum.pk}"
    summary = Summary.objects.get(pk=summary.pk)
    assert (summary.state, summary.published_at is not None) == (SummaryState.PUBLISHED, True)
    assert sorted(OutboxMessage.objects.values_list("recipient", flat=True)) == ["d1@example.org", "d2@example.org"]


def test_the_action_leads_to_the_confirmation_instead_of_publishing(secretariat_client, ready_forum):
    forum, summary = ready_forum
    response = secretariat_client.post(
        "/admin/summaries/summary/", {"action": "publish", "_selected_action": [summary.pk]}
    )
    assert (response.status_code, response.url) == (302, url(forum))
    assert Summary.objects.get(pk=summary.pk).state == SummaryState.READY


def test_only_those_who_may_change_summaries_publish(client, ready_forum):
    forum, summary = ready_forum
    assert client.get(url(forum)).status_code == 302  # anonymous: to the sign-in page
    assert client.post(url(forum)).status_code == 302
    client.force_login(member_of(AccreditationFactory(forum=forum).organization))
    assert client.post(url(forum)).status_code == 302
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url(forum)).status_code == 403
    assert client.post(url(forum)).status_code == 403
    assert Summary.objects.get(pk=summary.pk).state == SummaryState.READY
    assert OutboxMessage.objects.count() == 0
