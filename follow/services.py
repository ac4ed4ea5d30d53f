"""Following a topic: start, stop, and the weekly digest of what is new on what one follows."""

import datetime

from django.core import signing
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from core import mail
from core.audit import log_activity
from follow import topics
from follow.models import Subscription

DIGEST_EVERY = datetime.timedelta(days=7)
STOP_SALT = "follow.stop-digest"


def follow(user, topic):
    """Start following (idempotent); a topic followed again after a stop is followed again."""
    with transaction.atomic():
        subscription, created = Subscription.objects.get_or_create(user=user, kind=topic.kind, key=topic.key)
        if created or subscription.stopped_at is not None:
            Subscription.objects.filter(pk=subscription.pk).update(stopped_at=None, told_until=timezone.now())
            log_activity(subscription, "subscription.followed", actor=user, note=f"{topic.kind}:{topic.key}")
    return subscription


def unfollow(user, topic):
    with transaction.atomic():
        for subscription in Subscription.objects.select_for_update().filter(user=user, kind=topic.kind, key=topic.key):
            log_activity(subscription, "subscription.unfollowed", actor=user, note=f"{topic.kind}:{topic.key}")
            subscription.delete()


def following(user, topic):
    return Subscription.objects.filter(user=user, kind=topic.kind, key=topic.key, stopped_at__isnull=True).exists()


def stop_token(user):
    return signing.dumps({"user": user.pk}, salt=STOP_SALT)


def user_of_stop_token(token):
    """The account a digest's stop link names, or None for a link that is not one of ours."""
    try:
        return signing.loads(token, salt=STOP_SALT)["user"]
    except (signing.BadSignature, KeyError, TypeError):
        return None


def stop_digest(user_id, *, by=None):
    """Stop every digest mail of the account (the link in each digest: one click)."""
    with transaction.atomic():
        now = timezone.now()
        stopped = list(Subscription.objects.select_for_update().filter(user_id=user_id, stopped_at__isnull=True))
        for subscription in stopped:
            log_activity(subscription, "subscription.stopped", actor=by, note=f"{subscription.kind}:{subscription.key}")
        Subscription.objects.filter(pk__in=[s.pk for s in stopped]).update(stopped_at=now)
    return len(stopped)


def resume_digest(user_id, *, by=None):
    with transaction.atomic():
        resumed = list(Subscription.objects.select_for_update().filter(user_id=user_id, stopped_at__isnull=False))
        for subscription in resumed:
            log_activity(subscription, "subscription.followed", actor=by, note=f"{subscription.kind}:{subscription.key}")
        Subscription.objects.filter(pk__in=[s.pk for s in resumed]).update(stopped_at=None, told_until=timezone.now())
    return len(resumed)


def digest_of(user, *, now=None):
    """[(topic, entries)] new since each topic was last told to the user; empty topics left out.
    A topic that no longer exists publicly (an organisation delisted) is skipped."""
    now = now or timezone.now()
    found = []
    for subscription in Subscription.objects.filter(user=user, stopped_at__isnull=True):
        try:
            topic = topics.resolve(subscription.kind, subscription.key)
        except Http404:
            continue
        new = [e for e in topics.entries(topic, since=subscription.told_until) if e.date <= now]
        if new:
            found.append((topic, new))
    return found


def send_digests(*, now=None):
    """One mail per account whose last digest (or first follow) is a week old and that has news;
    returns how many were queued. Run by beat daily, so each person hears weekly from their own
    start; running it twice in a day sends nothing twice."""
    now = now or timezone.now()
    due = (
        Subscription.objects.filter(stopped_at__isnull=True, told_until__lte=now - DIGEST_EVERY)
        .values_list("user_id", flat=True)
        .distinct()
    )
    sent = 0
    for user_id in sorted(set(due)):
        with transaction.atomic():
            subscriptions = Subscription.objects.select_for_update().filter(user_id=user_id, stopped_at__isnull=True)
            user = subscriptions.first().user if subscriptions else None
            if user is None or not user.email:
                continue
            news = digest_of(user, now=now)
            if news:
                mail.queue(
                    "follow/email/digest",
                    {"news": news, "stop_url": reverse("follow:stop", kwargs={"token": stop_token(user)})},
                    [user.email],
                )
                sent += 1
            subscriptions.update(told_until=now)
    return sent
