"""The API's reads, each a fixed number of queries whatever the rows. Which rows are public is
never decided here: the apps' own `published()` / `public()` querysets and page queries decide."""

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone

from pledges import exports
from pledges import queries as pledge_queries
from pledges.models import Indicator, IndicatorValue, Pledge, ProgressReport
from pledges.registry.labels import labels as current_labels




def pledges(queryset):
    """Published pledges of `queryset` with everything the API shows: five queries (the rows,
    their indicators, their reports, the reports' values) whatever their number."""
    values = IndicatorValue.objects.select_related("indicator").only("report_id", "indicator_id", "value", "indicator__order")
    reports = (
        ProgressReport.objects.select_related("organization", "member_state")
        .only(
            "pledge_id",
            "reported_on",
            "stage",
            "narrative",
            "organization",
            "organization__name",
            "member_state",
            "member_state__name",
        )
        .prefetch_related(Prefetch("values", queryset=values))
        .order_by("reported_on", "pk")
    )
    return (
        queryset.published()
        .select_related("member_state")
        .only(*exports.EXPORT_FIELDS)
        .annotate(
            # The pledge this one matches, only while that one is published too (as the export).
            matches_reference=Subquery(Pledge.objects.published().filter(pk=OuterRef("matches_id")).values("reference"))
        )
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("order", "pk")),
            Prefetch("reports", queryset=reports),
        )
    )


def pledge_records(ids):
    """The API's records of these published pledges, in the order of `ids`."""
    rows = {pledge.pk: pledge for pledge in pledges(Pledge.objects.filter(pk__in=ids).order_by())}
    return [record(rows[pk]) for pk in ids if pk in rows]


def pledge_record(reference):
    """One published pledge's record, or None: a draft, a withdrawn or an unknown reference alike."""
    pledge = pledges(Pledge.objects.filter(reference=reference.upper())).first()
    return None if pledge is None else record(pledge)


def record(pledge, labels=None, today=None):
    labels = labels or current_labels()
    matches = {pledge.matches_id: pledge.matches_reference} if pledge.matches_reference else {}
    item = exports.record(pledge, labels, matches, None, today or timezone.localdate())
    item["indicators"] = [
        {
            "id": row["indicator"].pk,
            "description": row["indicator"].description,
            "unit": row["indicator"].unit,
            "baseline": row["indicator"].baseline,
            "target": row["indicator"].target,
            "target_date": row["indicator"].target_date,
            "current": row["current"],
            "percent": row["percent"],
            "values": [{"reported_on": day, "value": value} for day, value in row["points"]],
        }
        for row in pledge_queries.indicator_progress(pledge)
    ]
    item["progress_reports"] = [
        {
            "reported_on": report.reported_on,
            "stage": report.stage,
            "narrative": report.narrative,
            "reporter": report.reporter.name if report.reporter else None,
            "values": [{"indicator": value.indicator_id, "value": value.value} for value in report.values.all()],
        }
        for report in pledge.reports.all()
    ]
    return item
