"""Open data: the registry's current selection as CSV and JSON, streamed row by row, and the
data dictionary that documents every column. Licence: CC BY 4.0."""

import base64
import csv
import decimal
import io
import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.files import File
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import cache_versions
from core.codes import split_codes
from core.csv_cells import safe_row
from core.open_data import LICENCE, LICENCE_URL, PUBLISHER, Echo, csv_cell, utc
from core.storage import generated_storage, save_with_checksum, stored_checksum
from pledges.enums import PledgeKind, PledgeState
from pledges.models import Pledge, health_of
from pledges.registry import facets
from pledges.registry import query as registry_query

# 2.0: amounts became numbers, the CSV's list cells JSON arrays; pledger_iso3 and updated_at added.
# 3.0: pledges that left the registry stay as their public record: state, left_registry,
# left_registry_at and reason added; later, at the end as the version allows, seeks and offers.
SCHEMA_VERSION = "3.0"
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
    "updated_at",
    "member_state__iso3",
    "state",
    "left_registry_at",
    "public_reason",
    "seek_codes",
    "offer_codes",
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
    ("seeking_partners", "boolean", _("The pledge seeks at least one kind of support (see seeks).")),
    ("offering_support", "boolean", _("The pledge offers at least one kind of support (see offers).")),
    ("matches", "string or empty", _("The reference of the pledge this one matches.")),
    (
        "pledger_iso3",
        "ISO 3166 alpha-3 code or empty",
        _("The ISO 3166 alpha-3 code of the pledging Member State; empty for an organisation."),
    ),
    ("updated_at", "date-time (ISO 8601, UTC)", _("When the pledge last changed.")),
    (
        "state",
        "code",
        _(
            "published; for a pledge that left the registry: withdrawn, unpublished, or submitted "
            "and changes_requested while it is under review again."
        ),
    ),
    (
        "left_registry",
        "boolean",
        _(
            "true for a pledge that was published and no longer is: only its public record is "
            "given (reference, url, forum, title, pledger, pledger_type, pledger_iso3, "
            "published_at, updated_at, state, left_registry, left_registry_at, reason), every "
            "other cell empty (in JSON, the other keys are absent)."
        ),
    ),
    ("left_registry_at", "date-time (ISO 8601, UTC) or empty", _("When the pledge left the registry.")),
    ("reason", "string or empty", _("The reason stated when it left the registry, if any.")),
    (
        "seeks",
        "list of codes",
        _("What the pledge seeks: funding, technical_expertise, data, policy_support, country_partners."),
    ),
    (
        "offers",
        "list of codes",
        _("What the pledge offers to others, in the same codes as seeks."),
    ),
]
# The columns of a pledge's public record once it has left the registry (Pledge.TOMBSTONE_FIELDS).
TOMBSTONE_COLUMNS = (
    "reference",
    "url",
    "forum",
    "title",
    "pledger",
    "pledger_type",
    "pledger_iso3",
    "published_at",
    "updated_at",
    "state",
    "left_registry",
    "left_registry_at",
    "reason",
)


def tombstone(pledge, forum_year):
    """A formerly published pledge's public record, and nothing more: read from the fields
    Pledge.TOMBSTONE_FIELDS names, so that no other detail can reach a page or an export."""
    lines = pledge.pledger_names.split("\n") if pledge.pledger_names else [""]
    return {
        "reference": pledge.reference,
        "url": f"{settings.SITE_URL}/pledges/{pledge.reference}/",
        "forum": forum_year,
        "title": pledge.title,
        "pledger": lines[0],
        "pledger_type": pledge.pledger_type,
        "pledger_iso3": pledge.member_state.iso3 if pledge.member_state_id else None,
        "published_at": utc(pledge.published_at),
        "updated_at": utc(pledge.updated_at),
        "state": pledge.state,
        "left_registry": True,
        "left_registry_at": utc(pledge.left_registry_at),
        "reason": pledge.public_reason or None,
    }


class Tombstone:
    """What the page of a pledge that left the registry shows (templates/pledges/tombstone.html):
    the record above with its labels, never the pledge itself."""

    def __init__(self, pledge):
        self.reference = pledge.reference
        self.path = pledge.get_absolute_url()
        self.title = pledge.title
        self.pledger = (pledge.pledger_names or "").split("\n")[0]
        self.pledger_type_label = pledge.get_pledger_type_display() if pledge.pledger_type else ""
        self.forum = str(pledge.forum.title) if pledge.forum_id else ""
        self.published_at = pledge.published_at
        self.left_registry_at = pledge.left_registry_at
        self.state = pledge.state
        self.state_label = pledge.get_state_display()
        self.reason = pledge.public_reason


def tombstone_of(pledge):
    return Tombstone(pledge)


def record(pledge, ref, matches_by_id, partners_by_id, today):
    if pledge.is_former:
        return tombstone(pledge, ref.forum_year_by_id.get(pledge.forum_id))
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
        "published_at": utc(pledge.published_at),
        "seeking_partners": pledge.seeking_partners,
        "offering_support": pledge.offering_support,
        "matches": matches_by_id.get(pledge.matches_id),
        "pledger_iso3": pledge.member_state.iso3 if pledge.member_state_id else None,
        "updated_at": utc(pledge.updated_at),
        "state": pledge.state,
        "left_registry": False,
        "left_registry_at": None,
        "reason": None,
        "seeks": split_codes(pledge.seek_codes),
        "offers": split_codes(pledge.offer_codes),
    }


def iter_records(ids, ref):
    """The records of these pledges in the order of `ids` (the registry's order), read in chunks:
    memory stays flat. A pledge that left the registry since the selection was made appears as
    its public record."""
    today = timezone.localdate()
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        rows = (
            Pledge.objects.on_record()
            .filter(pk__in=chunk)
            .select_related("member_state")
            .only(*EXPORT_FIELDS)
            .order_by()
        )
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


def csv_stream(ids, ref):
    writer = csv.writer(Echo())
    yield "\ufeff"  # a BOM, so that spreadsheet programs read UTF-8
    yield writer.writerow(safe_row(name for name, _type, _desc in COLUMNS))
    for item in iter_records(ids, ref):
        yield writer.writerow(safe_row(csv_cell(item.get(name)) for name, _type, _desc in COLUMNS))


# --- The unfiltered CSV, written once per registry version ------------------------------------
# Streaming every row of the whole registry outlasts the web server's timeout, which then cuts
# the download short under a 200. The unfiltered export is therefore a file, written off the
# request path (pledges.tasks.build_registry_csv) for each `registry` version, and served whole
# with its length and digest. A version's file is saved with its digest beside it, then the
# `latest` pointer moves to it: the pointer only ever names a complete file.
FULL_CSV_DIR = "open-data/pledges"
FULL_CSV_LATEST = f"{FULL_CSV_DIR}/latest.txt"


@dataclass(frozen=True)
class FullCsv:
    version: str
    name: str
    sha256: bytes

    @property
    def repr_digest(self):
        """RFC 9530's Repr-Digest field value."""
        return f"sha-256=:{base64.b64encode(self.sha256).decode('ascii')}:"

    @property
    def etag(self):
        return f'"{self.sha256.hex()}"'


def _safe_version(version):
    return re.sub(r"[^0-9A-Za-z_-]", "-", version)


def full_csv_name(version):
    return f"{FULL_CSV_DIR}/registry-{_safe_version(version)}.csv"


def full_csv_of(version):
    """The stored file of this registry version, or None when it is not written (yet)."""
    name = full_csv_name(version)
    digest = stored_checksum(name) if generated_storage.exists(name) else None
    return FullCsv(version, name, digest) if digest else None


def latest_full_csv():
    """The newest file written, whichever version it is of; None before the first."""
    if not generated_storage.exists(FULL_CSV_LATEST):
        return None
    with generated_storage.open(FULL_CSV_LATEST, "rb") as stream:
        version = stream.read().decode("ascii").strip()
    return full_csv_of(version) if version else None


def build_full_csv():
    """Write the unfiltered export of the current registry version, if it is not written yet;
    returns it (None when the cache cannot name a version). The previous file is kept, for the
    requests that come while the next one is written; older ones are removed."""
    version = cache_versions.current(cache_versions.REGISTRY)
    if version is None:
        return None
    existing = full_csv_of(version)
    if existing is not None:
        return existing
    previous = latest_full_csv()
    selection = registry_query.select(QueryDict(), off_request=True)

    def write(spool):
        for chunk in csv_stream(selection.ids(), selection.labels):
            spool.write(chunk.encode("utf-8"))

    name = full_csv_name(version)
    digest = save_with_checksum(name, write)
    generated_storage.save(FULL_CSV_LATEST, File(io.BytesIO(version.encode("ascii"))))
    keep = {name, name + ".sha256", FULL_CSV_LATEST}
    if previous is not None:
        keep |= {previous.name, previous.name + ".sha256"}
    _directories, files = generated_storage.listdir(FULL_CSV_DIR)
    for stale in files:
        path = f"{FULL_CSV_DIR}/{stale}"
        if path not in keep and stale.startswith("registry-"):
            generated_storage.delete(path)
    return FullCsv(version, name, digest)


def _json_value(value):
    # Amounts are decimals of at most 15 digits (the model's max_digits), which a double holds
    # exactly: a JSON number, as the data dictionary and the JSON Schema say.
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"Not JSON: {value!r}")


def publisher():
    return {"name": PUBLISHER, "url": settings.SITE_URL + "/"}


def json_stream(ids, ref, *, query):
    head = {
        "schema_version": SCHEMA_VERSION,
        "schema": settings.SITE_URL + "/pledges/schema.json",
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "publisher": publisher(),
        "source": settings.SITE_URL + "/pledges/",
        "data_dictionary": settings.SITE_URL + "/pledges/data-dictionary/",
        "generated_at": utc(timezone.now()),
        "query": query,
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "pledges": ['
    first = True
    for item in iter_records(ids, ref):
        yield ("" if first else ",") + "\n" + json.dumps(item, ensure_ascii=False, default=_json_value)
        first = False
    yield "\n]}\n"


# Columns whose codes are a facet's values: the data dictionary lists them with their labels.
CODED_COLUMNS = {
    "kinds": "kind",
    "pledger_type": "pledger",
    "stage": "stage",
    "reporting_health": "health",
    "seeks": "seeks",
    "offers": "offers",
}


def state_choices():
    """The states an export shows: published, and those of a pledge that left the registry (a
    draft or a pledge never published is never exported)."""
    return [(state.value, state.label) for state in PledgeState if state != PledgeState.DRAFT]


def value_lists(labels):
    lists = {column: facets.BY_NAME[facet].choices(labels) for column, facet in CODED_COLUMNS.items()}
    lists["state"] = state_choices()
    return lists


# --- The JSON Schema of the JSON export, generated from COLUMNS ----------------------------------

# Every type the data dictionary names, as JSON Schema: a column with a new type fails here (and
# in its test) until the type is described, so the dictionary and the schema cannot drift.
NULLABLE = {"type": ["string", "null"]}
JSON_TYPES = {
    "string": {"type": "string"},
    "string (URL)": {"type": "string", "format": "uri"},
    "integer": {"type": "integer"},
    "code": {"type": "string"},
    "list of codes": {"type": "array", "items": {"type": "string"}},
    "list of strings": {"type": "array", "items": {"type": "string"}},
    "list of integers": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 23}},
    "list of letters": {"type": "array", "items": {"type": "string", "pattern": "^[a-j]$"}},
    "boolean": {"type": "boolean"},
    "date (YYYY-MM-DD) or empty": {"type": ["string", "null"], "format": "date"},
    "date or empty": {"type": ["string", "null"], "format": "date"},
    "number or empty": {"type": ["number", "null"], "minimum": 0},
    "ISO 4217 code or empty": {"type": ["string", "null"], "pattern": "^[A-Z]{3}$"},
    "ISO 3166 alpha-3 code or empty": {"type": ["string", "null"], "pattern": "^[A-Z]{3}$"},
    "date-time (ISO 8601, UTC)": {"type": "string", "format": "date-time", "pattern": "Z$"},
    "date-time (ISO 8601, UTC) or empty": {
        "type": ["string", "null"],
        "format": "date-time",
        "pattern": "Z$",
    },
    "string or empty": NULLABLE,
}
# reporting_health is empty for a pledge never published (it is, in the export, always set).
NULLABLE_CODES = {"reporting_health"}


def column_schema(name, type_name, description, labels):
    schema = {**JSON_TYPES[type_name], "description": str(description)}
    if name in CODED_COLUMNS or name == "state":
        codes = [str(code) for code, _label in value_lists(labels)[name]]
        if schema["type"] == "array":
            schema["items"] = {"type": "string", "enum": codes}
        else:
            schema["enum"] = codes + ([None] if name in NULLABLE_CODES else [])
            if name in NULLABLE_CODES:
                schema["type"] = ["string", "null"]
    if name == "countries":
        schema["items"] = {"type": "string", "pattern": "^[A-Z]{3}$"}
    return schema


def json_schema(labels):
    """The JSON Schema (draft 2020-12) of /pledges/export.json."""
    properties = {name: column_schema(name, t, d, labels) for name, t, d in COLUMNS}
    published = {
        "type": "object",
        "properties": {**properties, "state": {**properties["state"], "const": PledgeState.PUBLISHED.value},
                       "left_registry": {**properties["left_registry"], "const": False}},
        "required": [name for name, _t, _d in COLUMNS],
        "additionalProperties": False,
    }  # fmt: skip
    record_states = [code for code, _label in state_choices() if code != PledgeState.PUBLISHED]
    former = {
        "type": "object",
        "properties": {
            **{name: properties[name] for name in TOMBSTONE_COLUMNS},
            "state": {**properties["state"], "enum": record_states},
            "left_registry": {**properties["left_registry"], "const": True},
        },
        "required": list(TOMBSTONE_COLUMNS),
        "additionalProperties": False,
    }
    # if/then/else rather than oneOf: a validator then says what is wrong in the one branch.
    pledge = {
        "if": {"properties": {"left_registry": {"const": True}}, "required": ["left_registry"]},
        "then": {"$ref": "#/$defs/left_registry"},
        "else": {"$ref": "#/$defs/published"},
    }
    url = {"type": "string", "format": "uri"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": settings.SITE_URL + "/pledges/schema.json",
        "title": str(_("IMRF pledges: the registry's JSON export")),
        "description": str(_("Described column by column in the data dictionary.")),
        "type": "object",
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "schema": url,
            "licence": {"const": LICENCE},
            "licence_url": {"const": LICENCE_URL},
            "publisher": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "url": url},
                "required": ["name", "url"],
                "additionalProperties": False,
            },
            "source": url,
            "data_dictionary": url,
            "generated_at": JSON_TYPES["date-time (ISO 8601, UTC)"],
            "query": {
                "type": "object",
                "additionalProperties": {
                    "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
                },
            },
            "pledges": {"type": "array", "items": {"$ref": "#/$defs/pledge"}},
        },
        "required": [
            "schema_version",
            "schema",
            "licence",
            "licence_url",
            "publisher",
            "source",
            "data_dictionary",
            "generated_at",
            "query",
            "pledges",
        ],
        "additionalProperties": False,
        "$defs": {"pledge": pledge, "published": published, "left_registry": former},
    }


# --- The Frictionless Table Schema of the CSV export, generated from COLUMNS ---------------------

# Every type the data dictionary names, as a Table Schema field (https://specs.frictionlessdata.io/
# table-schema/): like JSON_TYPES, a column with a new type fails here until it is described. List
# cells are JSON arrays (csv_list), which is the Table Schema's own lexical form of an `array`.
CSV_TRUE, CSV_FALSE = "true", "false"
TABLE_TYPES = {
    "string": {"type": "string"},
    "string (URL)": {"type": "string", "format": "uri"},
    "integer": {"type": "integer"},
    "code": {"type": "string"},
    "list of codes": {"type": "array"},
    "list of strings": {"type": "array"},
    "list of integers": {"type": "array"},
    "list of letters": {"type": "array"},
    "boolean": {"type": "boolean", "trueValues": [CSV_TRUE], "falseValues": [CSV_FALSE]},
    "date (YYYY-MM-DD) or empty": {"type": "date"},
    "date or empty": {"type": "date"},
    "number or empty": {"type": "number", "constraints": {"minimum": 0}},
    "ISO 4217 code or empty": {"type": "string", "constraints": {"pattern": "[A-Z]{3}"}},
    "ISO 3166 alpha-3 code or empty": {"type": "string", "constraints": {"pattern": "[A-Z]{3}"}},
    # Seconds with or without a fraction, always UTC ("Z"): Table Schema's `any` format.
    "date-time (ISO 8601, UTC)": {"type": "datetime", "format": "any"},
    "date-time (ISO 8601, UTC) or empty": {"type": "datetime", "format": "any"},
    "string or empty": {"type": "string"},
}
# Filled in every row, a pledge that left the registry included (its public record).
TABLE_REQUIRED = set(TOMBSTONE_COLUMNS) - {"forum", "pledger_iso3", "left_registry_at", "reason"}


def table_field(name, type_name, description, labels):
    spec = {**TABLE_TYPES[type_name]}
    constraints = {**spec.pop("constraints", {})}
    if name in CODED_COLUMNS or name == "state":
        codes = [str(code) for code, _label in value_lists(labels)[name]]
        if spec["type"] == "string":
            constraints["enum"] = codes
    if name in TABLE_REQUIRED:
        constraints["required"] = True
    if name == "reference":
        constraints["unique"] = True
    field = {"name": name, **spec, "description": str(description)}
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(labels):
    """The Table Schema of /pledges/export.csv, beside the JSON Schema of the JSON export."""
    return {
        "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
        "title": str(_("IMRF pledges: the registry's CSV export")),
        "description": str(_("Described column by column in the data dictionary.")),
        "version": SCHEMA_VERSION,
        "licenses": [{"name": "CC-BY-4.0", "path": LICENCE_URL, "title": LICENCE}],
        "fields": [table_field(name, t, d, labels) for name, t, d in COLUMNS],
        "missingValues": [""],
        "primaryKey": ["reference"],
    }


def csv_dialect():
    """How the CSV is written (a BOM first, for spreadsheet programs), as Frictionless describes it."""
    return {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True, "lineTerminator": "\r\n"}
