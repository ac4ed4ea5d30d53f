"""Where published practices appear: their own page (with the pledges that build on them), the
call page, objective and round-table pages, the pledge page, the Member State's list; and the
secretariat's review in the admin, through the same set_practice_state."""

import re

import pytest

from core.models import ActivityLog
from forums.enums import ForumStatus
from practices.enums import PracticeState
from practices.queries import published_by_member_state
from reference.models import MemberState
from tests.forums.factories import ForumFactory, RoundTableFactory
from tests.pledges.factories import PledgeFactory
from tests.pledges.factories import published as published_pledge
from tests.practices.factories import PracticeCallFactory, PracticeFactory, published

pytestmark = pytest.mark.django_db


def test_a_practice_page_lists_the_published_pledges_that_cite_it(client):
    practice = published(title="Census questions", objectives=[1])
    citing = published_pledge(title="Count every migrant")
    citing.practices.add(practice)
    PledgeFactory(title="Draft pledge").practices.add(practice)
    page = client.get(f"/practices/{practice.pk}/").content.decode()
    assert ("Count every migrant" in page, "Draft pledge" in page) == (True, False)
    # And the pledge's page names the practices it builds on, published ones only.
    hidden = PracticeFactory(title="Hidden practice")
    citing.practices.add(hidden)
    pledge_page = client.get(f"/pledges/{citing.reference}/").content.decode()
    assert ("Census questions" in pledge_page, "Hidden practice" in pledge_page) == (True, False)


def test_a_practice_page_links_its_member_states_to_their_pages(client):
    practice = published(title="Census questions", countries=["MEX", "ABW"])
    page = client.get(f"/practices/{practice.pk}/").content.decode()
    # Mexico is a Member State and has a page; Aruba is a territory and has none.
    assert ('<a href="/member-states/mex/">Mexico</a>' in page, "/member-states/abw/" in page, "Aruba" in page) == (
        True,
        False,
        True,
    )


@pytest.mark.parametrize("n", [1, 50])
def test_a_practice_page_reads_the_same_queries_at_1_and_at_50_countries(client, django_assert_num_queries, n):
    states = list(MemberState.objects.order_by("iso3").values_list("iso3", flat=True)[:n])
    practice = published(title="Census questions", countries=states)
    published_pledge().practices.add(practice)
    # The practice with its organisation, State and call; objectives, principles, countries,
    # support; the citing pledges: each country's link is read from the prefetched row.
    with django_assert_num_queries(6):
        response = client.get(f"/practices/{practice.pk}/")
    links = re.findall(r'href="/member-states/[a-z]{3}/"', response.content.decode())
    assert (response.status_code, len(links)) == (200, n)


def test_the_call_page_lists_its_published_practices(client):
    call = PracticeCallFactory(title="Migration data", slug="migration-data")
    published(title="Answers it", call=call)
    PracticeFactory(title="Not yet published", call=call, state=PracticeState.SUBMITTED)
    published(title="Answers nothing")
    response = client.get("/practices/calls/migration-data/")
    assert [p.title for p in response.context["practices"]] == ["Answers it"]
    assert client.get("/practices/calls/").status_code == 200


def test_objective_and_round_table_pages_show_practices(client):
    published(title="For objective 6", objectives=[6])
    published(title="For objective 9", objectives=[9])
    response = client.get("/objectives/6/")
    assert ([p.title for p in response.context["practices"]], response.context["practice_total"]) == (
        ["For objective 6"],
        1,
    )
    forum = ForumFactory(year=2026, status=ForumStatus.CONCLUDED)
    RoundTableFactory(forum=forum, slug="round-table-2", objectives=[6, 9])
    response = client.get("/forums/2026/sessions/round-table-2/")
    assert sorted(p.title for p in response.context["practices"]) == ["For objective 6", "For objective 9"]


def test_published_by_member_state():
    mexico, kenya = MemberState.objects.get(iso3="MEX"), MemberState.objects.get(iso3="KEN")
    ours = published(title="Mexico's", organization=None, member_state=mexico)
    PracticeFactory(title="Mexico's draft", organization=None, member_state=mexico)
    published(title="Kenya's", organization=None, member_state=kenya)
    assert list(published_by_member_state(mexico)) == [ours]


def test_the_secretariat_reviews_in_the_admin(secretariat_client, secretariat_user):
    practice = PracticeFactory(state=PracticeState.SUBMITTED)
    url = f"/admin/practices/practice/{practice.pk}/change/"
    response = secretariat_client.post(url, {"transition": "more_information", "reason": ""})
    assert response.status_code == 200  # the form keeps the choice and says what is missing
    assert "Tell the submitter what information is missing." in response.content.decode()
    secretariat_client.post(url, {"transition": "more_information", "reason": "Add the evaluation."})
    practice.refresh_from_db()
    assert (practice.state, practice.review_note) == (PracticeState.MORE_INFORMATION, "Add the evaluation.")
    practice.state = PracticeState.SUBMITTED
    practice.save(update_fields=["state"])
    secretariat_client.post(
        "/admin/practices/practice/", {"action": "to_published", "_selected_action": [practice.pk]}, follow=True
    )
    practice.refresh_from_db()
    assert practice.state == PracticeState.PUBLISHED
    entry = ActivityLog.objects.for_object(practice).filter(action="practice.state").latest("pk")
    assert (entry.actor, entry.old_state, entry.new_state) == (secretariat_user, "submitted", "published")
    assert secretariat_client.get("/admin/practices/practicecall/add/").status_code == 200
