"""The registry in figures: the registry's facet counts over every published pledge."""

from django.utils.translation import gettext_lazy as _

from forums.enums import Region
from pledges import reference as reference_data
from pledges.enums import Stage, pledger_type_choices
from pledges.queries import facet_counts


def _series(counts, prefix, labels):
    rows = [
        {"label": label, "count": counts.get(f"{prefix}:{value}", 0), "value": value}
        for value, label in labels
    ]
    top = max((r["count"] for r in rows), default=0) or 1
    for row in rows:
        row["percent"] = round(row["count"] * 100 / top)
    return rows


def overview():
    facets = facet_counts()
    counts = facets["counts"]
    ref = reference_data.reference()
    return {
        "total": counts["total"],
        "taken_at": facets["taken_at"],
        "charts": [
            {
                "id": "objective",
                "title": _("Pledges by GCM objective"),
                "rows": _series(
                    counts, "objective", [(n, f"{n}. {label}") for n, label, _t in ref.objectives]
                ),
            },
            {
                "id": "region",
                "title": _("Pledges by region"),
                "rows": _series(counts, "region", Region.choices),
            },
            {
                "id": "pledger",
                "title": _("Pledges by type of pledger"),
                "rows": _series(counts, "pledger", pledger_type_choices()),
            },
            {"id": "stage", "title": _("Pledges by stage"), "rows": _series(counts, "stage", Stage.choices)},
        ],
    }
