"""/my/, where an organisation sees where it stands: each block, who sees what, what changed since
the last visit, and a fixed number of queries whatever the number of rows."""

import datetime

import lxml.html
import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.formats import date_format

from core.audit import log_activity
from core.deadlines import Deadline, days_left
from core.models import ActivityLog, LastVisit
from declarations import services as declaration_services
from declarations.enums import VersionKind
from pledges.models import Pledge
from side_events.enums import SideEventState
from stakeholders.enums import AccreditationState, DelegateState
from stakeholders.models import SpeakingRequest
from tests.core.factories import SecretariatUserFactory
from tests.declarations.factories import DeclarationVersionFactory
from tests.forums.factories import ForumFactory, SessionFactory
from tests.pledges.factories import PledgeFactory, published
from tests.side_events.factories import SideEventCoOrganizerFactory, SideEventFactory
from tests.stakeholders.factories import (
    AccreditationFactory,
    DelegateFactory,
    OrganizationFactory,
    focal_point_of,
    member_of,
    open_forum,
)

pytestmark = pytest.mark.django_db
DASHBOARD = "/my/"


def day(offset):
    return timezone.localdate() + datetime.timedelta(days=offset)


def shown(date):
    return date_format(date, "DATE_FORMAT")


def texts(response, xpath):
    tree = lxml.html.fromstring(response.content.decode())
    return [" ".join(node.text_content().split()) for node in tree.xpath(xpath)]


@pytest.fixture
def world():
    forum = open_forum(
        delegate_registration_deadline=day(10),
        speaking_request_deadline=day(5),
        side_event_call_deadline=day(20),
    )
    ours = OrganizationFactory(name="Our Network")
    theirs = OrganizationFactory(name="Their Network")
    accreditation = AccreditationFactory(organization=ours, forum=forum, state=AccreditationState.APPROVED)
    AccreditationFactory(organization=theirs, forum=forum, state=AccreditationState.APPROVED)
    DelegateFactory(accreditation=accreditation, name="Amina Diallo", state=DelegateState.CONFIRMED)
    DelegateFactory(accreditation=accreditation, name="Jorge Pérez", state=DelegateState.PENDING)
    DelegateFactory(accreditation=accreditation, name="Left Early", state=DelegateState.WITHDRAWN)
    hearing = SessionFactory(
        forum=forum,
        kind="hearing",
        starts_at=forum.local_datetime(forum.hearing_date, 10),
        ends_at=forum.local_datetime(forum.hearing_date, 12),
    )
    SpeakingRequest.objects.create(
        accreditation=accreditation, session=hearing, topic="Decent work", speaker_name="Amina", speaker_profile="p"
    )
    # The next forum is open for accreditation and not requested yet.
    ForumFactory(
        year=2034,
        hearing_date=datetime.date(2034, 5, 2),
        start_date=datetime.date(2034, 5, 3),
        end_date=datetime.date(2034, 5, 6),
        accreditation_deadline=day(40),
    )
    SideEventFactory(forum=forum, organization=ours, title="Migrant-led data", state=SideEventState.SUBMITTED)
    reported = published(organization=ours, forum=forum, title="Legal aid desks")
    reported.health_since = day(-300)  # amber on day(65): inside the 90 days' notice
    reported.save(update_fields=["health_since"])
    PledgeFactory(organization=ours, forum=forum, title="Draft idea")
    their_pledge = published(organization=theirs, forum=forum, title="Their pledge")
    their_pledge.partners.create(organization=ours)
    SideEventCoOrganizerFactory(
        side_event=SideEventFactory(forum=forum, organization=theirs, title="Their side event"),
        organization=ours,
        state="invited",
    )
    return {
        "forum": forum,
        "ours": ours,
        "theirs": theirs,
        "reported": reported,
        "their_pledge": their_pledge,
        "user": focal_point_of(ours),
    }


def test_what_is_due_lists_invitations_then_deadlines_by_date(client, world):
    client.force_login(world["user"])
    response = client.get(DASHBOARD)
    reference, theirs = world["reported"].reference, world["their_pledge"].reference
    assert texts(response, "//section[@id='due']//li") == [
        f"Invitation to partner in pledge {theirs} “Their pledge” from Their Network Answer the invitation",
        "Invitation to co-organise the side event “Their side event” from Their Network Answer the invitation",
        f"Speaking requests close: {shown(day(5))} · 5 days left Ask to speak",
        f"Registration of delegates closes: {shown(day(10))} · 10 days left Register delegates",
        f"The call for side events of IMRF 2030 closes: {shown(day(20))} · 20 days left Apply for a side event",
        f"Accreditation requests close: {shown(day(40))} · 40 days left Request accreditation",
        f"Progress report on {reference} due before: {shown(day(65))} · 65 days left Report progress",
    ]
    links = lxml.html.fromstring(response.content.decode()).xpath("//section[@id='due']//a[@class='button']/@href")
    assert links[2:] == [
        "/my/speaking-requests/2030/",
        "/my/delegates/2030/",
        "/my/side-events/2030/new/",
        "/my/accreditation/2034/",
        f"/pledges/my/{reference}/report/",
    ]


def test_the_accreditation_block_shows_state_deadlines_and_buttons(client, world):
    client.force_login(world["user"])
    response = client.get(DASHBOARD)
    assert texts(response, "//section[@id='accreditation']//li[@class='card']") == [
        "IMRF 2030 Special accreditation · Approved "
        "Register your delegates, ask to speak and nominate the hearing's rapporteur or a representative. "
        f"Registration of delegates closes: {shown(day(10))} · 10 days left "
        f"Speaking requests close: {shown(day(5))} · 5 days left "
        "2 delegates registered, of 3 places 1 speaking request "
        "Delegates Speaking requests Your accreditation to IMRF 2030"
    ]
    buttons = lxml.html.fromstring(response.content.decode()).xpath(
        "//section[@id='accreditation']//a[@class='button-secondary']"
    )
    assert [(b.text_content(), b.get("href")) for b in buttons] == [
        ("Delegates", "/my/delegates/2030/"),
        ("Speaking requests", "/my/speaking-requests/2030/"),
    ]
    assert texts(response, "//section[@id='accreditation']/ul[@class='due-list']/li") == [
        "International Migration Review Forum 2034 · "
        f"Accreditation requests close: {shown(day(40))} · 40 days left"
    ]


def test_a_deadline_reads_last_day_on_its_day_and_closed_after(client, world):
    forum = world["forum"]
    forum.delegate_registration_deadline = day(0)
    forum.speaking_request_deadline = day(-1)
    forum.save()
    client.force_login(world["user"])
    response = client.get(DASHBOARD)
    assert texts(response, "//section[@id='accreditation']//ul[contains(@class, 'deadlines')]/li") == [
        f"Registration of delegates closes: {shown(day(0))} · last day",
        f"Speaking requests close: {shown(day(-1))} · closed",
    ]
    due = texts(response, "//section[@id='due']//li")
    assert f"Registration of delegates closes: {shown(day(0))} · last day Register delegates" in due
    assert [line for line in due if line.startswith("Speaking requests close")] == []


def test_an_information_request_waits_for_an_answer(client, world):
    AccreditationFactory(
        organization=world["ours"],
        forum=ForumFactory(year=2034),
        state=AccreditationState.INFORMATION_REQUESTED,
    )
    client.force_login(world["user"])
    due = texts(client.get(DASHBOARD), "//section[@id='due']//li")
    assert due[0] == "The secretariat asks for more information on your accreditation to IMRF 2034 Answer"


def test_side_events_and_pledges_show_their_state_and_reporting_health(client, world):
    overdue = published(organization=world["ours"], forum=world["forum"], title="Old pledge")
    overdue.health_since = day(-400)
    overdue.save(update_fields=["health_since"])
    client.force_login(world["user"])
    response = client.get(DASHBOARD)
    assert texts(response, "//section[@id='side-events']//li") == ["Migrant-led data (IMRF 2030) · Submitted"]
    assert texts(response, "//section[@id='pledges']//li") == [
        f"{overdue.reference}: Old pledge · Published · No report for 12 months "
        f"Progress report on {overdue.reference} due before: {shown(day(-35))} · overdue",
        f"{Pledge.objects.get(title='Draft idea').reference}: Draft idea · Draft",
        f"{world['reported'].reference}: Legal aid desks · Published · "
        "Up to date: reported or published within the last 12 months "
        f"Progress report on {world['reported'].reference} due before: {shown(day(65))} · 65 days left",
    ]
    # Invited, not yet a partner: their pledge is under "what is due", not among the organisation's.


def test_the_first_visit_says_changes_come_from_the_next(client, world):
    client.force_login(world["user"])
    assert texts(client.get(DASHBOARD), "//section[@id='changes']/p") == [
        "This is your first visit: from your next one, the changes to your accreditations, delegates, "
        "side events and pledges are listed here."
    ]
    assert LastVisit.objects.get(user=world["user"]).previous_visit_at is None


def test_changes_since_the_last_visit_are_the_states_the_organisation_was_told(client, world):
    user = world["user"]
    client.force_login(user)
    client.get(DASHBOARD)
    last = timezone.now() - datetime.timedelta(hours=3)
    LastVisit.objects.filter(user=user).update(visited_at=last)
    secretariat = SecretariatUserFactory()
    ours = world["ours"]
    delegate = ours.accreditations.get().delegates.get(name="Jorge Pérez")
    side_event = ours.side_events.get()
    before = log_activity(delegate, "delegate.state", actor=secretariat, old_state="declined", new_state="pending")
    ActivityLog.objects.filter(pk=before.pk).update(timestamp=last - datetime.timedelta(minutes=1))
    told = log_activity(delegate, "delegate.state", actor=secretariat, old_state="pending", new_state="confirmed")
    # A decision not yet sent, and another organisation's change: neither is shown.
    log_activity(side_event, "side_event.decision", actor=secretariat, old_state="submitted", new_state="accepted")
    log_activity(world["theirs"].accreditations.get(), "accreditation.state", old_state="submitted", new_state="approved")
    published_entry = log_activity(
        world["reported"], "pledge.state", actor=secretariat, old_state="submitted", new_state="published"
    )
    response = client.get(DASHBOARD)
    since = date_format(timezone.localtime(last), "DATETIME_FORMAT")
    assert texts(response, "//section[@id='changes']/p") == [f"Since {since} (New York time):"]
    assert texts(response, "//section[@id='changes']//li") == [
        f"{date_format(timezone.localtime(published_entry.timestamp), 'DATETIME_FORMAT')} · "
        f"Pledge {world['reported'].reference}: Submitted → Published",
        f"{date_format(timezone.localtime(told.timestamp), 'DATETIME_FORMAT')} · "
        "Delegate Jorge Pérez: Awaiting confirmation → Confirmed",
    ]
    # A reload in the same sitting still shows them.
    assert len(texts(client.get(DASHBOARD), "//section[@id='changes']//li")) == 2


def test_a_visit_after_the_gap_moves_the_previous_visit(client, world):
    user = world["user"]
    client.force_login(user)
    client.get(DASHBOARD)
    earlier = timezone.now() - datetime.timedelta(hours=2)
    LastVisit.objects.filter(user=user).update(visited_at=earlier)
    client.get(DASHBOARD)
    visit = LastVisit.objects.get(user=user)
    assert visit.previous_visit_at == earlier
    assert texts(client.get(DASHBOARD), "//section[@id='changes']/p") == [
        f"Nothing changed since your last visit ({date_format(timezone.localtime(earlier), 'DATETIME_FORMAT')}, "
        "New York time)."
    ]


# --- Who sees what ----------------------------------------------------------------------------


def key_message_links(response):
    links = lxml.html.fromstring(response.content.decode()).xpath(
        "//section[@id='accreditation']//a[starts-with(@href, '/my/declaration/')]"
    )
    return [(" ".join(a.text_content().split()), a.get("href")) for a in links]


def test_focal_points_find_the_key_messages_of_the_forums_that_take_them(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["user"])
    # No version of the 2030 declaration is published yet: nothing to address.
    DeclarationVersionFactory(forum=world["forum"], published=False)
    assert key_message_links(client.get(DASHBOARD)) == []
    # Published as the admin publishes it: the declarations' version moves on the commit (the
    # forums taking key messages are kept in the cache under it).
    with django_capture_on_commit_callbacks(execute=True):
        DeclarationVersionFactory(forum=world["forum"], number=1, kind=VersionKind.REVISION)
        declaration_services.public_changed()
    assert key_message_links(client.get(DASHBOARD)) == [
        ("Key messages for the IMRF 2030 Progress Declaration", "/my/declaration/2030/")
    ]
    # A member who is not a focal point proposes none, so is not sent there.
    client.force_login(member_of(world["ours"]))
    assert key_message_links(client.get(DASHBOARD)) == []
    # Nor is an organisation whose accreditation is still waiting for the secretariat.
    waiting = OrganizationFactory(name="Waiting Network")
    AccreditationFactory(organization=waiting, forum=world["forum"], state=AccreditationState.SUBMITTED)
    client.force_login(focal_point_of(waiting))
    assert key_message_links(client.get(DASHBOARD)) == []


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(DASHBOARD)
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/my/")


def test_a_member_sees_their_own_organisation_only(client, world):
    client.force_login(member_of(world["ours"]))
    response = client.get(DASHBOARD)
    assert texts(response, "//h1") == ["Our Network"]
    assert texts(response, "//section[@id='side-events']//li") == ["Migrant-led data (IMRF 2030) · Submitted"]
    assert "Their side event" not in texts(response, "//section[@id='side-events']")[0]


def test_a_member_of_another_organisation_sees_theirs(client, world):
    client.force_login(focal_point_of(world["theirs"]))
    response = client.get(DASHBOARD)
    assert texts(response, "//h1") == ["Their Network"]
    assert texts(response, "//section[@id='side-events']//li") == ["Their side event (IMRF 2030) · Draft"]
    assert texts(response, "//section[@id='pledges']//li/a") == [f"{world['their_pledge'].reference}: Their pledge"]


def test_the_secretariat_without_an_organisation_sees_how_to_get_one(client, world):
    client.force_login(SecretariatUserFactory())
    response = client.get(DASHBOARD)
    assert texts(response, "//h1") == ["Welcome"]
    assert texts(response, "//section[@id='due']") == []
    assert LastVisit.objects.count() == 0


@pytest.mark.parametrize("count", [1, 12])
def test_the_dashboard_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, count):
    ours, forum = world["ours"], world["forum"]
    accreditation = ours.accreditations.get()
    for n in range(count):
        delegate = DelegateFactory(accreditation=accreditation, email=f"many{n}@example.org")
        side_event = SideEventFactory(forum=forum, organization=ours, title=f"Event {n}")
        pledge = published(organization=ours, forum=forum, title=f"Pledge {n}")
        log_activity(delegate, "delegate.state", old_state="pending", new_state="confirmed")
        log_activity(side_event, "side_event.state", old_state="draft", new_state="submitted")
        log_activity(pledge, "pledge.state", old_state="submitted", new_state="published")
    DeclarationVersionFactory(forum=forum)
    client.force_login(world["user"])
    client.get(DASHBOARD)
    LastVisit.objects.update(visited_at=timezone.now() - datetime.timedelta(days=1))
    # 17: the one that asks whether the user is also a Member State's focal point included, and
    # the one that asks which forums take key messages (a focal point's); the members and the
    # pending join requests are counted in one. 16: the last visit is read and moved by one
    # UPDATE … RETURNING. 14: the forums open for accreditation and those taking key messages are
    # public, from the cache (the first request above made them). 13: the membership and the
    # State focal point in one.
    with django_assert_num_queries(13):
        response = client.get(DASHBOARD)
    assert len(texts(response, "//section[@id='changes']//li")) == min(3 * count, 30)
    assert len(key_message_links(response)) == 1
    # 4: a reload in the same sitting, the organisation's part kept under its own version.
    with django_assert_num_queries(4):
        assert client.get(DASHBOARD).content == response.content


# --- Deadlines --------------------------------------------------------------------------------


def test_days_left_are_calendar_days():
    today = datetime.date(2030, 3, 1)
    assert days_left(datetime.date(2030, 3, 1), today) == 0
    assert days_left(datetime.date(2030, 3, 2), today) == 1
    assert days_left(datetime.date(2030, 2, 28), today) == -1
    assert Deadline.on("x", datetime.date(2030, 2, 28), today=today).closed is True
    assert Deadline.on("x", datetime.date(2030, 3, 1), today=today).closed is False


def test_today_is_the_day_in_new_york(settings):
    # 02:30 UTC on 2 March is still 1 March in New York: the deadline of 1 March is its last day.
    now = datetime.datetime(2030, 3, 2, 2, 30, tzinfo=datetime.UTC)
    assert days_left(datetime.date(2030, 3, 1), timezone.localdate(now)) == 0
    assert settings.TIME_ZONE == "America/New_York"



def test_the_last_visit_is_in_the_personal_data_download(client, world):
    client.force_login(world["user"])
    client.get(DASHBOARD)
    visit = LastVisit.objects.get(user=world["user"])
    data = client.get("/my/account/data.json").json()
    assert data["last_visits"] == [
        {
            "object_type": "organization",
            "object_id": world["ours"].pk,
            "visited_at": DjangoJSONEncoder().default(visit.visited_at),
            "previous_visit_at": None,
        }
    ]
