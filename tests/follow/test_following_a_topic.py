"""Follow a topic — an objective, a country, an organisation, a pledge: an Atom feed that
feedparser reads (new pledges, progress reports, summaries), a weekly e-mail digest per account
counted from each person's own start, stopped in one click from the mail and undone as easily."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from core.models import ActivityLog
from follow import services, topics
from follow.models import Subscription
from pledges.models import ProgressReport
from tests.core.factories import UserFactory
from tests.pledges.factories import PledgeFactory, published
from tests.stakeholders.factories import listed_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def pledges():
    safe = published(title="Safe pathways", objectives=[3], countries=["KEN"])
    other = published(title="Other matters", objectives=[5], countries=["MEX"])
    PledgeFactory(title="A draft, never shown", objectives=[3])
    return safe, other


def test_the_objective_feed_holds_its_pledges_and_reports(client, pledges):
    safe, _other = pledges
    ProgressReport.objects.create(pledge=safe, stage="implementation", narrative="Halfway there.")
    response = client.get("/follow/objective/3/feed/")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0
    assert [e.title for e in feed.entries] == [
        f"Progress report on {safe.reference}: Safe pathways",
        f"New pledge {safe.reference}: Safe pathways",
    ]
    assert feed.entries[1].id == f"http://127.0.0.1:8000/pledges/{safe.reference}/"
    assert feed.entries[0].summary_detail.type == "text/plain"


def test_a_country_feed_and_a_pledge_feed(client, pledges):
    safe, other = pledges
    assert [e.title for e in feedparser.parse(client.get("/follow/country/mex/feed/").content).entries] == [
        f"New pledge {other.reference}: Other matters"
    ]
    assert len(feedparser.parse(client.get(f"/follow/pledge/{safe.reference}/feed/").content).entries) == 1


def test_an_organisation_is_followed_only_with_a_public_page(client, db):
    organization = listed_organization(name="Open Org")
    mine = published(title="Ours", organization=organization)
    feed = feedparser.parse(client.get(f"/follow/organization/{organization.slug}/feed/").content)
    assert [e.title for e in feed.entries] == [f"New pledge {mine.reference}: Ours"]
    organization.listed_in_directory = False
    organization.save()
    assert client.get(f"/follow/organization/{organization.slug}/feed/").status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/follow/objective/24/", "/follow/objective/x/", "/follow/country/ZZZ/", "/follow/planet/mars/", "/follow/pledge/IMRF2026-9999/"],
)
def test_what_is_not_a_public_topic_is_not_found(client, db, path):
    assert client.get(path).status_code == 404
    assert client.get(path + "feed/").status_code == 404


def test_a_draft_pledge_cannot_be_followed(client, db):
    draft = PledgeFactory()
    assert client.get(f"/follow/pledge/{draft.reference}/").status_code == 404


def test_follow_and_stop_following_from_the_topic_page(client, pledges):
    anonymous = client.get("/follow/objective/3/").content.decode()
    assert "Sign in to get a weekly e-mail of what is new" in anonymous
    assert client.post("/follow/objective/3/toggle/", {"follow": "yes"}).status_code == 302
    assert Subscription.objects.count() == 0  # anonymous: sent to sign in
    user = UserFactory()
    client.force_login(user)
    client.post("/follow/objective/3/toggle/", {"follow": "yes"})
    assert list(Subscription.objects.values_list("user", "kind", "key")) == [(user.pk, "objective", "3")]
    assert "You follow this topic" in client.get("/follow/objective/3/").content.decode()
    page = client.get("/my/following/").content.decode()
    assert "GCM objective 3:" in page
    client.post("/follow/objective/3/toggle/", {"follow": "no", "back": "mine"})
    assert Subscription.objects.count() == 0


def test_each_account_sees_only_its_own_topics(client, db):
    Subscription.objects.create(user=UserFactory(), kind="objective", key="7")
    client.force_login(UserFactory())
    assert "GCM objective 7" not in client.get("/my/following/").content.decode()
    assert client.get("/my/following/").status_code == 200


def test_my_topics_need_an_account(client, db):
    response = client.get("/my/following/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def week_later():
    return timezone.now() + datetime.timedelta(days=7, minutes=1)


def test_the_weekly_digest_tells_what_is_new_once(pledges, mailoutbox, django_capture_on_commit_callbacks):
    user = UserFactory(email="reader@example.org")
    services.follow(user, topics.resolve("objective", "3"))
    services.follow(user, topics.resolve("country", "MEX"))
    assert services.send_digests() == 0  # not a week yet
    fresh = published(title="Brand new", objectives=[3])
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(now=week_later()) == 1
    [message] = mailoutbox
    assert message.to == ["reader@example.org"]
    assert f"- New pledge: {fresh.reference}: Brand new" in message.body
    assert "Safe pathways" not in message.body  # published before the topic was followed
    assert "Other matters" not in message.body
    assert "/follow/stop/" in message.body
    # The same week again: nothing new is told twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(now=week_later()) == 0
    assert len(mailoutbox) == 1


def test_one_click_in_the_mail_stops_every_digest_and_can_be_undone(client, pledges):
    user = UserFactory()
    services.follow(user, topics.resolve("objective", "3"))
    link = f"/follow/stop/{services.stop_token(user)}/"
    page = client.get(link)
    assert page.status_code == 200
    assert "you will get no more weekly e-mails" in page.content.decode()
    assert Subscription.objects.get().stopped_at is not None
    published(objectives=[3])
    assert services.send_digests(now=week_later()) == 0
    client.post(link)
    assert Subscription.objects.get().stopped_at is None


def test_a_forged_stop_link_changes_nothing(client, db):
    user = UserFactory()
    Subscription.objects.create(user=user, kind="objective", key="3")
    forged = services.stop_token(user)[:-2] + "xx"
    assert client.get(f"/follow/stop/{forged}/").status_code == 400
    assert Subscription.objects.get().stopped_at is None


def test_every_change_is_logged(pledges):
    user = UserFactory()
    topic = topics.resolve("objective", "3")
    services.follow(user, topic)
    services.stop_digest(user.pk, by=None)
    services.resume_digest(user.pk)
    services.unfollow(user, topic)
    assert list(ActivityLog.objects.order_by("pk").values_list("action", flat=True))[-4:] == [
        "subscription.followed",
        "subscription.stopped",
        "subscription.followed",
        "subscription.unfollowed",
    ]


@pytest.mark.parametrize("n", [1, 20])
def test_the_feed_takes_the_same_queries_whatever_the_entries(client, db, django_assert_num_queries, n):
    for _ in range(n):
        pledge = published(objectives=[3])
        ProgressReport.objects.create(pledge=pledge, stage="implementation", narrative="Done.")
    # the objective; pledges; reports; summaries
    with django_assert_num_queries(4):
        assert client.get("/follow/objective/3/feed/").status_code == 200
