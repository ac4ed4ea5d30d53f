"""The registry in figures, one forum at a time (pledges made at different forums answer different
calls, so mixing them says little): the registry's own facet counts for the forum, charted by the
facets' values and labels; amounts committed by currency; pledges and progress reports month by
month. Every chart is a table first, its bars drawn from the same numbers."""

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from pledges.models import Pledge, ProgressReport
from pledges.registry import facets
from pledges.registry.query import select

CHARTS = (
    ("health", _("Pledges by reporting health")),
    ("objective", _("Pledges by GCM objective")),
    ("region", _("Pledges by region")),
    ("pledger", _("Pledges by type of pledger")),
    ("stage", _("Pledges by stage")),
)


def _scaled(rows, key="count"):
    top = max((row[key] for row in rows), default=0) or 1
    for row in rows:
        row["percent"] = round(row[key] * 100 / top)
    return rows


def _series(counts, facet, labels):
    return _scaled(
        [
            {"label": label, "count": counts.get(f"{facet.name}:{value}", 0), "value": value}
            for value, label in facet.choices(labels)
        ]
    )


def forum_years():
    """The forums the figures can be shown for: those in the registry's forum filter, newest first."""
    return [year for year, _pk, _title in select(QueryDict()).labels.forums]


def default_year():
    """The newest forum with a published pledge (the next forum usually has none yet)."""
    return Pledge.objects.published().order_by("-forum__year").values_list("forum__year", flat=True).first()


def overview(year):
    """The figures of one forum; BadRequest (the registry's) when `year` is not one of its forums."""
    selection = select(QueryDict(f"forum={year}"))
    labels = selection.labels
    counts = selection.index.counts(selection.mask, labels)
    published = Pledge.objects.published().filter(forum_id=labels.forum_by_year[int(year)])
    return {
        "year": int(year),
        "total": counts["total"],
        "taken_at": selection.index.taken_at,
        "charts": [
            {"id": name, "title": title, "rows": _series(counts, facets.BY_NAME[name], labels)}
            for name, title in CHARTS
        ],
        "amounts": _scaled(
            list(
                published.exclude(currency="")
                .filter(amount__isnull=False)
                .values("currency")
                .annotate(total=Sum("amount"), pledges=Count("pk"))
                .order_by("-total", "currency")
            ),
            key="total",
        ),
        "months": _months(published),
    }


def _months(published):
    """Pledges published and progress reports posted, month by month (New York time)."""
    pledged = dict(
        published.annotate(month=TruncMonth("published_at")).values("month").annotate(n=Count("pk")).values_list("month", "n")
    )
    reported = dict(
        ProgressReport.objects.filter(pledge__in=published)
        .annotate(month=TruncMonth("reported_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    by_month = {}
    for month, n in pledged.items():
        by_month.setdefault(_first_day(month), {"pledges": 0, "reports": 0})["pledges"] += n
    for month, n in reported.items():
        by_month.setdefault(_first_day(month), {"pledges": 0, "reports": 0})["reports"] += n
    rows = [{"month": month, **values} for month, values in sorted(by_month.items())]
    top = max((max(row["pledges"], row["reports"]) for row in rows), default=0) or 1
    for row in rows:
        row["pledges_percent"] = round(row["pledges"] * 100 / top)
        row["reports_percent"] = round(row["reports"] * 100 / top)
    return rows


def _first_day(month):
    return month.date() if hasattr(month, "date") else month
