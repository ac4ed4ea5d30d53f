"""Open data: the metadata of the distributed summaries (Summary.objects.published()) as CSV and
JSON: which session, when it was distributed, where its page and PDF are. CC BY 4.0."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.open_data import Column, utc
from summaries.models import Summary

COLUMNS = [
    Column("forum", "integer", _("The year of the forum.")),
    Column("session", "string", _("The title of the session summarised.")),
    Column("kind", "code", _("The kind of session.")),
    Column("starts_at", "date-time (ISO 8601, UTC)", _("When the session started.")),
    Column("url", "string (URL)", _("The summary's page on the portal.")),
    Column("pdf", "string (URL) or empty", _("The summary as PDF.")),
    Column("published_at", "date-time (ISO 8601, UTC)", _("When the summary was distributed.")),
    Column("languages", "list of strings", _("The languages it is available in, besides English.")),
]


def published_summaries():
    return (
        Summary.objects.published()
        .select_related("session__forum")
        .order_by("session__forum__year", "session__starts_at", "pk")
    )


def record(summary):
    session = summary.session
    return {
        "forum": session.forum.year,
        "session": session.title,
        "kind": session.kind,
        "starts_at": utc(session.starts_at),
        "url": settings.SITE_URL + summary.get_absolute_url(),
        "pdf": settings.SITE_URL
        + reverse("summaries:pdf", kwargs={"year": session.forum.year, "slug": session.slug})
        if summary.pdf_file
        else None,
        "published_at": utc(summary.published_at),
        "languages": sorted(summary.translations or {}),
    }


def records(queryset):
    for summary in queryset.iterator(chunk_size=2000):
        yield record(summary)
