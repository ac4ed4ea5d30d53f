from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.cors import allow_any_origin
from core.page_cache import public_page
from follow import services, topics
from follow.models import Subscription
from pledges.views import PlainTextAtomFeed


class TopicFeed(Feed):
    feed_type = PlainTextAtomFeed
    feed_copyright = "CC BY 4.0"

    def get_object(self, request, kind, key):
        return topics.resolve(kind, key)

    def title(self, topic):
        return _("IMRF portal: %(topic)s") % {"topic": topic.title}

    def subtitle(self, topic):
        return gettext_lazy("New pledges, progress reports and summaries on this topic. CC BY 4.0.")

    def link(self, topic):
        return topic.page

    def feed_guid(self, topic):
        return settings.SITE_URL + topic.feed

    def items(self, topic):
        return topics.entries(topic)

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        return entry.text

    def item_link(self, entry):
        return entry.link

    def item_guid(self, entry):
        return entry.id

    def item_guid_is_permalink(self, entry):
        return False

    def item_pubdate(self, entry):
        return entry.date

    def item_updateddate(self, entry):
        return entry.date

    def item_author_name(self, entry):
        return entry.author

    def item_categories(self, entry):
        return [entry.kind.label]

    def item_copyright(self, entry):
        return self.feed_copyright


feed = allow_any_origin(require_safe(TopicFeed()))


@public_page
@require_safe
def topic_page(request, kind, key):
    topic = topics.resolve(kind, key)
    return render(
        request,
        "follow/topic.html",
        {
            "topic": topic,
            "entries": topics.entries(topic, limit=20),
            "following": request.user.is_authenticated and services.following(request.user, topic),
        },
    )


@login_required
@require_POST
def toggle(request, kind, key):
    topic = topics.resolve(kind, key)
    if request.POST.get("follow") == "yes":
        services.follow(request.user, topic)
        messages.success(request, _("You follow “%(topic)s”: a weekly e-mail tells you what is new.") % {"topic": topic.title})
    else:
        services.unfollow(request.user, topic)
        messages.success(request, _("You no longer follow “%(topic)s”.") % {"topic": topic.title})
    if request.POST.get("back") == "mine":
        return redirect("follow:mine")
    return redirect("follow:topic", kind=topic.kind, key=topic.key)


@login_required
@require_safe
def mine(request):
    followed = []
    for subscription in Subscription.objects.filter(user=request.user):
        try:
            followed.append((subscription, topics.resolve(subscription.kind, subscription.key)))
        except Http404:
            followed.append((subscription, None))
    return render(request, "follow/mine.html", {"followed": followed})


@require_http_methods(["GET", "POST"])
def stop(request, token):
    """The digest's own link: one click (GET) stops every digest; the page offers to undo it."""
    user_id = services.user_of_stop_token(token)
    if user_id is None:
        return render(request, "follow/stop.html", {"invalid": True}, status=400)
    if request.method == "POST":
        services.resume_digest(user_id)
        return render(request, "follow/stop.html", {"resumed": True, "token": token})
    stopped = services.stop_digest(user_id)
    return render(request, "follow/stop.html", {"stopped": stopped, "token": token})
