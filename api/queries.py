"""The API's reads, each a fixed number of queries whatever the rows. Which rows are public is
never decided here: the apps' own `published()` / `public()` querysets and page queries decide."""

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from pledges import exports
from pledges import queries as pledge_queries
from pledges.models import Indicator, IndicatorValue, Pledge, ProgressReport
from pledges.registry.labels import labels as current_labels


def pledges(queryset):
    """Published pledges of `queryset` with the columns the API shows (one query); related()
    reads their indicators, reports and values."""
    return (
        queryset.published()
        .select_related("member_state")
        .only(*exports.EXPORT_FIELDS)
        .annotate(
            # The pledge this one matches, only while that one is published too (as the export).
            matches_reference=Subquery(
                Pledge.objects.published().filter(pk=OuterRef("matches_id")).values("reference")
            )
        )
    )


def related(rows):
    """The indicators, the reports (oldest first) and the reports' values of these pledges: at
    most three queries whatever their number, as prefetch_related would run, grouped here into
    lists rather than through a related manager per row (at 50 pledges a page, cloning a
    queryset for each pledge and report cost as much as the queries)."""
    indicators = {row.pk: [] for row in rows}
    reports = {row.pk: [] for row in rows}
    values = {}
    if not rows:
        return indicators, reports, values
    for indicator in Indicator.objects.filter(pledge_id__in=indicators).order_by("order", "pk"):
        indicators[indicator.pledge_id].append(indicator)
    found = list(
        ProgressReport.objects.filter(pledge_id__in=reports)
        .select_related("organization", "member_state")
        .order_by("reported_on", "pk")
    )
    for report in found:
        reports[report.pledge_id].append(report)
        values[report.pk] = []
    if found:
        # Rows, not instances: a value is read for its indicator and amount only (ordered as
        # IndicatorValue's Meta, by the indicator's order, without building the indicator).
        for value in (
            IndicatorValue.objects.filter(report_id__in=values)
            .order_by("indicator__order", "indicator_id")
            .values_list("report_id", "indicator_id", "value", named=True)
        ):
            values[value.report_id].append(value)
    return indicators, reports, values


def pledge_records(ids):
    """The API's records of these published pledges, in the order of `ids`."""
    rows = {pledge.pk: pledge for pledge in pledges(Pledge.objects.filter(pk__in=ids).order_by())}
    indicators, reports, values = related(list(rows.values()))
    # The labels and the day once for the page, not per pledge (each is a cache read).
    labels, today = current_labels(), timezone.localdate()
    return [record(rows[pk], labels, today, indicators[pk], reports[pk], values) for pk in ids if pk in rows]


def pledge_record(reference):
    """One published pledge's record, or None: a draft, a withdrawn or an unknown reference alike."""
    pledge = pledges(Pledge.objects.filter(reference=reference.upper())).first()
    if pledge is None:
        return None
    indicators, reports, values = related([pledge])
    return record(pledge, None, None, indicators[pledge.pk], reports[pledge.pk], values)


def number(value):
    """A decimal as a JSON number, as the export writes amounts (at most 15 digits: exact)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def record(pledge, labels, today, indicators, reports, values):
    """A pledge as the API shows it, ready for JSON (api.serializers.PledgeSerializer describes
    it; the tests hold every answer to that description). Built directly rather than through
    the serializer: at 50 pledges a page, with their indicators and reports, DRF's fields cost
    more than the page's queries. `indicators` and `reports` are the pledge's, `values` those
    of any report by its id (related())."""
    labels = labels or current_labels()
    matches = {pledge.matches_id: pledge.matches_reference} if pledge.matches_reference else {}
    item = exports.record(pledge, labels, matches, None, today or timezone.localdate())
    item["amount"] = number(item["amount"])
    item["indicators"] = [
        {
            "id": row["indicator"].pk,
            "description": row["indicator"].description,
            "unit": row["indicator"].unit,
            "baseline": number(row["indicator"].baseline),
            "target": number(row["indicator"].target),
            "target_date": row["indicator"].target_date.isoformat(),
            "current": number(row["current"]),
            "percent": row["percent"],
            "values": [
                {"reported_on": day.isoformat(), "value": number(value)} for day, value in row["points"]
            ],
        }
        for row in pledge_queries.progress(indicators, [(r.reported_on, values[r.pk]) for r in reports])
    ]
    item["progress_reports"] = [
        {
            "reported_on": report.reported_on.isoformat(),
            "stage": report.stage,
            "narrative": report.narrative,
            "reporter": report.reporter.name if report.reporter else None,
            "values": [
                {"indicator": value.indicator_id, "value": number(value.value)} for value in values[report.pk]
            ],
        }
        for report in reports
    ]
    return item
