"""The registry in figures: the registry's facet counts over every published pledge, charted by
the facets' own values and labels."""

from django.utils.translation import gettext_lazy as _

from pledges.registry import facets
from pledges.registry.labels import labels as current_labels
from pledges.registry.query import facet_counts

CHARTS = (
    ("objective", _("Pledges by GCM objective")),
    ("region", _("Pledges by region")),
    ("pledger", _("Pledges by type of pledger")),
    ("stage", _("Pledges by stage")),
)


def _series(counts, facet, labels):
    rows = [
        {"label": label, "count": counts.get(f"{facet.name}:{value}", 0), "value": value}
        for value, label in facet.choices(labels)
    ]
    top = max((r["count"] for r in rows), default=0) or 1
    for row in rows:
        row["percent"] = round(row["count"] * 100 / top)
    return rows


def overview():
    found = facet_counts()
    labels = current_labels()
    return {
        "total": found["counts"]["total"],
        "taken_at": found["taken_at"],
        "charts": [
            {"id": name, "title": title, "rows": _series(found["counts"], facets.BY_NAME[name], labels)}
            for name, title in CHARTS
        ],
    }
