"""What one can follow — an objective, a country, an organisation, a pledge — and what is new on
each: pledges published, progress reports on them, and (for an objective) the summaries of the
round tables that discussed it. Every read goes through the apps' own published() querysets."""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from follow.enums import EntryKind, TopicKind
from pledges.models import Pledge, ProgressReport
from pledges.queries import published_pledges_of
from reference.models import Country, Objective
from stakeholders.models import Organization
from summaries.models import Summary

LIMIT = 50


@dataclass(frozen=True)
class Topic:
    kind: str
    key: str
    title: str
    page: str  # the topic's own page on the portal
    pledges: object  # the published pledges it covers (a queryset)
    summaries: object = None

    @property
    def feed(self):
        return reverse("follow:feed", kwargs={"kind": self.kind, "key": self.key})


def resolve(kind, key):
    """The topic `kind`/`key`, or Http404 when there is no such public thing."""
    published = Pledge.objects.published()
    if kind == TopicKind.OBJECTIVE:
        objective = Objective.objects.filter(number=int(key) if key.isdigit() else 0).first()
        if objective is None:
            raise Http404
        return Topic(
            kind,
            key,
            _("GCM objective %(number)d: %(label)s") % {"number": objective.number, "label": objective.short_label},
            objective.get_absolute_url(),
            published.filter(objectives=objective),
            Summary.objects.published().filter(session__roundtable__objectives=objective),
        )
    if kind == TopicKind.COUNTRY:
        country = Country.objects.filter(iso3=key.upper()).first()
        if country is None:
            raise Http404
        return Topic(
            kind,
            country.iso3,
            _("Pledges in %(country)s") % {"country": country.name},
            reverse("pledges:registry") + f"?country={country.iso3}",
            published.filter(countries=country),
        )
    if kind == TopicKind.ORGANIZATION:
        organization = Organization.objects.with_public_page().filter(slug=key).first()
        if organization is None:
            raise Http404
        return Topic(
            kind,
            key,
            organization.name,
            organization.get_absolute_url(),
            Pledge.objects.filter(pk__in=published_pledges_of(organization).values("pk")),
        )
    if kind == TopicKind.PLEDGE:
        pledge = published.filter(reference=key).first()
        if pledge is None:
            raise Http404
        return Topic(kind, key, f"{pledge.reference}: {pledge.title}", pledge.get_absolute_url(), published.filter(pk=pledge.pk))
    raise Http404


@dataclass(frozen=True)
class Entry:
    kind: str
    id: str
    title: str
    link: str
    date: object
    text: str
    author: str
    subject: str  # what it is about, in no particular language: the mail's template labels it


def entries(topic, *, since=None, limit=LIMIT):
    """What is new on the topic, newest first: three queries (two without summaries)."""
    pledges = topic.pledges.only("reference", "title", "pledger_names", "published_at", "text")
    reports = ProgressReport.objects.filter(pledge__in=topic.pledges.values("pk")).select_related("pledge")
    if since is not None:
        pledges = pledges.filter(published_at__gt=since)
        reports = reports.filter(created_at__gt=since)
    found = [
        Entry(
            EntryKind.PLEDGE,
            f"{settings.SITE_URL}/pledges/{p.reference}/",
            _("New pledge %(reference)s: %(title)s") % {"reference": p.reference, "title": p.title},
            p.get_absolute_url(),
            p.published_at,
            p.text[:500],
            p.pledger_names.split("\n")[0],
            f"{p.reference}: {p.title}",
        )
        for p in pledges.order_by("-published_at", "-pk")[:limit]
    ]
    found += [
        Entry(
            EntryKind.REPORT,
            f"{settings.SITE_URL}/pledges/{r.pledge.reference}/#report-{r.pk}",
            _("Progress report on %(reference)s: %(title)s") % {"reference": r.pledge.reference, "title": r.pledge.title},
            r.pledge.get_absolute_url(),
            r.created_at,
            r.narrative[:500],
            r.pledge.pledger_names.split("\n")[0],
            f"{r.pledge.reference}: {r.pledge.title}",
        )
        for r in reports.order_by("-created_at", "-pk")[:limit]
    ]
    if topic.summaries is not None:
        summaries = topic.summaries.select_related("session__forum")
        if since is not None:
            summaries = summaries.filter(published_at__gt=since)
        found += [
            Entry(
                EntryKind.SUMMARY,
                f"{settings.SITE_URL}{s.get_absolute_url()}",
                _("Summary of %(session)s, IMRF %(year)s") % {"session": s.session.title, "year": s.session.forum.year},
                s.get_absolute_url(),
                s.published_at,
                s.key_messages[:500],
                s.session.forum.title,
                f"{s.session.title} (IMRF {s.session.forum.year})",
            )
            for s in summaries.order_by("-published_at", "-pk")[:limit]
        ]
    return sorted(found, key=lambda entry: entry.date, reverse=True)[:limit]


