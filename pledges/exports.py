"""Open data: the registry's current selection as CSV and JSON, streamed row by row, and the
data dictionary that documents every column. Licence: CC BY 4.0."""

import csv
import datetime
import decimal
import json

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.csv_cells import safe_row
from pledges.enums import PledgeKind
from pledges.models import Pledge, health_of, split_codes
from pledges.registry import facets

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
SCHEMA_VERSION = "1.0"
CHUNK = 2000

EXPORT_FIELDS = (
    "id",
    "reference",
    "forum_id",
    "title",
    "text",
    "kind_financial",
    "kind_technical",
    "kind_process",
    "kind_policy",
    "pledger_type",
    "pledger_names",
    "objective_codes",
    "principle_codes",
    "region_codes",
    "country_codes",
    "global_scope",
    "start_date",
    "end_date",
    "amount",
    "currency",
    "stage",
    "last_report_at",
    "health_since",
    "published_at",
    "seeking_partners",
    "offering_support",
    "matches_id",
)

# name, type, description: the data dictionary, the CSV header and the JSON keys in this order.
COLUMNS = [
    ("reference", "string", _("The pledge's stable public reference, for example IMRF2026-0042.")),
    ("url", "string (URL)", _("The pledge's page on the portal.")),
    ("forum", "integer", _("The year of the forum the pledge was made at.")),
    ("title", "string", _("The title of the pledge.")),
    ("text", "string", _("The text of the pledge, 300 to 3,000 characters.")),
    ("kinds", "list of codes", _("Kinds of pledge: financial, technical, process, policy.")),
    ("pledger", "string", _("The pledging entity: an organisation or a Member State.")),
    ("pledger_type", "code", _("member_state, or the stakeholder category of the pledging organisation.")),
    ("partners", "list of strings", _("The confirmed partners of a joint pledge.")),
    ("objectives", "list of integers", _("The GCM objectives (1 to 23) the pledge serves.")),
    ("guiding_principles", "list of letters", _("The GCM guiding principles (a to j) it advances.")),
    (
        "regions",
        "list of codes",
        _("M49 regions where it is carried out: Africa, Americas, Asia, Europe, Oceania."),
    ),
    ("countries", "list of codes", _("ISO 3166 alpha-3 codes of the countries where it is carried out.")),
    ("global", "boolean", _("Carried out worldwide.")),
    ("start_date", "date (YYYY-MM-DD) or empty", _("When the pledge starts.")),
    ("end_date", "date (YYYY-MM-DD) or empty", _("When the pledge ends.")),
    ("amount", "number or empty", _("The amount committed, for financial pledges.")),
    ("currency", "ISO 4217 code or empty", _("The currency of the amount.")),
    (
        "stage",
        "code",
        _("planning, in_progress, fulfilled or discontinued: from the latest progress report."),
    ),
    ("last_report", "date or empty", _("The date of the latest progress report.")),
    ("reporting_health", "code", _("green; amber after 12 months without a report; red after 24 months.")),
    ("published_at", "date-time (ISO 8601, UTC)", _("When the pledge was first published.")),
    ("seeking_partners", "boolean", _("The pledger seeks partners.")),
    ("offering_support", "boolean", _("The pledger offers support to others.")),
    ("matches", "string or empty", _("The reference of the pledge this one matches.")),
]


def record(pledge, ref, matches_by_id, partners_by_id, today):
    lines = pledge.pledger_names.split("\n") if pledge.pledger_names else [""]
    return {
        "reference": pledge.reference,
        "url": f"{settings.SITE_URL}/pledges/{pledge.reference}/",
        "forum": ref.forum_year_by_id.get(pledge.forum_id),
        "title": pledge.title,
        "text": pledge.text,
        "kinds": [k.value for k in PledgeKind if getattr(pledge, f"kind_{k.value}")],
        "pledger": lines[0],
        "pledger_type": pledge.pledger_type,
        "partners": lines[1:],
        "objectives": [int(n) for n in split_codes(pledge.objective_codes)],
        "guiding_principles": split_codes(pledge.principle_codes),
        "regions": split_codes(pledge.region_codes),
        "countries": split_codes(pledge.country_codes),
        "global": pledge.global_scope,
        "start_date": pledge.start_date.isoformat() if pledge.start_date else None,
        "end_date": pledge.end_date.isoformat() if pledge.end_date else None,
        "amount": pledge.amount,
        "currency": pledge.currency or None,
        "stage": pledge.stage,
        "last_report": pledge.last_report_at.isoformat() if pledge.last_report_at else None,
        "reporting_health": health_of(pledge.health_since, today).value if pledge.health_since else None,
        "published_at": pledge.published_at.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
        if pledge.published_at
        else None,
        "seeking_partners": pledge.seeking_partners,
        "offering_support": pledge.offering_support,
        "matches": matches_by_id.get(pledge.matches_id),
    }


def iter_records(ids, ref):
    """The records of these pledges in the order of `ids` (the registry's order), read in chunks:
    memory stays flat. A pledge unpublished since the selection was made is left out."""
    today = timezone.localdate()
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        rows = Pledge.objects.published().filter(pk__in=chunk).only(*EXPORT_FIELDS).order_by()
        by_id = {pledge.pk: pledge for pledge in rows}
        match_ids = {p.matches_id for p in by_id.values() if p.matches_id}
        matches = (
            dict(Pledge.objects.published().filter(pk__in=match_ids).values_list("pk", "reference"))
            if match_ids
            else {}
        )
        for pk in chunk:
            if pk in by_id:
                yield record(by_id[pk], ref, matches, None, today)


class _Echo:
    def write(self, value):
        return value


def csv_list(values):
    """A list cell as a JSON array: a partner's name may contain any separator one could choose
    (`;`, `,`, `|`), and a JSON array splits back exactly in every language (json.loads)."""
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return csv_list(value)
    return value


def csv_stream(ids, ref):
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a BOM, so that spreadsheet programs read UTF-8
    yield writer.writerow(safe_row(name for name, _type, _desc in COLUMNS))
    for item in iter_records(ids, ref):
        yield writer.writerow(safe_row(csv_cell(item[name]) for name, _type, _desc in COLUMNS))


def _json_value(value):
    # Amounts are decimals of at most 15 digits (the model's max_digits), which a double holds
    # exactly: a JSON number, as the data dictionary and the JSON Schema say.
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"Not JSON: {value!r}")


def json_stream(ids, ref, *, query):
    head = {
        "schema_version": SCHEMA_VERSION,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "source": settings.SITE_URL + "/pledges/",
        "data_dictionary": settings.SITE_URL + "/pledges/data-dictionary/",
        "generated_at": timezone.now().astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"),
        "query": query,
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "pledges": ['
    first = True
    for item in iter_records(ids, ref):
        yield ("" if first else ",") + "\n" + json.dumps(item, ensure_ascii=False, default=_json_value)
        first = False
    yield "\n]}\n"


# Columns whose codes are a facet's values: the data dictionary lists them with their labels.
CODED_COLUMNS = {"kinds": "kind", "pledger_type": "pledger", "stage": "stage", "reporting_health": "health"}


def value_lists(labels):
    return {column: facets.BY_NAME[facet].choices(labels) for column, facet in CODED_COLUMNS.items()}
